-- Every month of each pemda's fiscal year with the files its figures come from: the
-- budget version in force at the month's end, the cash plan (RAK) used for it, the
-- month's per-document realization exports and those before it, and which of their
-- rows the quality rules hold back. The incremental marts compare these with what their
-- rows were built from to know what to rebuild.
-- A table: read by nearly every monthly model.
{{ config(materialized='incremental') }}
with pemda_years as (
    select kode_pemda, tahun from {{ ref('int_anggaran__versi') }}
    where tahun is not null and {{ in_build_scope('kode_pemda') }}
    union
    select kode_pemda, tahun from {{ ref('stg_rak__anggaran_kas') }}
    where {{ in_build_scope('kode_pemda') }}
    union
    select kode_pemda, tahun from {{ ref('stg_realisasi__dokumen') }}
    where {{ in_build_scope('kode_pemda') }}
    union
    select kode_pemda, tahun from {{ ref('stg_rfk__laporan') }}
    where {{ in_build_scope('kode_pemda') }}
),

months as (
    select
        kode_pemda,
        tahun,
        bulan_ke,
        make_date(tahun, bulan_ke, 1) as bulan,
        (make_date(tahun, bulan_ke, 1) + interval '1 month - 1 day')::date as akhir_bulan
    from pemda_years
    cross join generate_series(1, 12) as bulan_ke
),

versi_berlaku as (
    select
        months.kode_pemda,
        months.bulan,
        versions.kode_versi,
        versions.versi,
        versions.file_id
    from months
    join {{ ref('int_anggaran__versi') }} as versions
        on versions.kode_pemda = months.kode_pemda
        and versions.tahun = months.tahun
        and {{ anggaran_berlaku('months.akhir_bulan', 'versions') }}
    where {{ in_build_scope('versions.kode_pemda') }}
),

rak_files as (
    select distinct kode_pemda, tahun, versi, file_id
    from {{ ref('stg_rak__anggaran_kas') }}
    where {{ in_build_scope('kode_pemda') }}
),

rak_dipakai as (
    -- Plans of several budget versions can be loaded side by side: a month takes the plan
    -- of the version in force, else the year's latest plan.
    select distinct on (months.kode_pemda, months.bulan)
        months.kode_pemda,
        months.bulan,
        rak_files.file_id
    from months
    join rak_files using (kode_pemda, tahun)
    left join versi_berlaku using (kode_pemda, bulan)
    order by
        months.kode_pemda,
        months.bulan,
        (rak_files.versi = versi_berlaku.versi) desc nulls last,
        rak_files.file_id desc
),

export_files as (
    -- The month's per-document exports (one per SKPD, or one for all; the loader
    -- supersedes re-exports).
    select distinct kode_pemda, tahun, periode as bulan, file_id
    from {{ ref('stg_realisasi__dokumen') }}
    where {{ in_build_scope('kode_pemda') }}
),

held_back as (
    -- rows of each file held back for errors: a flag raised or cleared changes a month's
    -- figures as much as a new file does
    select
        file_id,
        string_agg(distinct sheet || '/' || row_number, ',' order by sheet || '/' || row_number)
            as baris
    from {{ source('quality', 'flags') }}
    where severity = 'error' and file_id is not null
    group by file_id
),

exports as (
    select
        export_files.kode_pemda,
        export_files.tahun,
        export_files.bulan,
        max(export_files.file_id) as file_id,
        string_agg(export_files.file_id || ':' || coalesce(held_back.baris, '-'), ';'
                   order by export_files.file_id) as ditahan_bulan
    from export_files
    left join held_back using (file_id)
    group by export_files.kode_pemda, export_files.tahun, export_files.bulan
),

exports_chained as (
    -- A month's figures depend on every export of the year up to it: document lines add
    -- up from January, and what is held back of a line counts for no month.
    select
        exports.*,
        lag(exports.file_id) over year_so_far as previous_file_id,
        string_agg(exports.ditahan_bulan, ';') over year_so_far as ditahan_tahun_ini
    from exports
    window year_so_far as (partition by exports.kode_pemda, exports.tahun order by exports.bulan)
)

select
    months.kode_pemda,
    months.tahun,
    months.bulan,
    months.bulan_ke,
    months.akhir_bulan,
    versi_berlaku.kode_versi,
    versi_berlaku.versi,
    versi_berlaku.file_id as anggaran_file_id,
    rak_dipakai.file_id as rak_file_id,
    exports_chained.file_id as realisasi_file_id,
    exports_chained.previous_file_id as realisasi_sebelumnya_file_id,
    md5(concat_ws('|',
        coalesce(anggaran_held_back.baris, '-'), coalesce(rak_held_back.baris, '-'),
        coalesce(exports_chained.ditahan_tahun_ini, '-')
    )) as baris_ditahan_md5
from months
left join versi_berlaku using (kode_pemda, bulan)
left join rak_dipakai using (kode_pemda, bulan)
left join exports_chained using (kode_pemda, bulan)
left join held_back as anggaran_held_back
    on anggaran_held_back.file_id = versi_berlaku.file_id
left join held_back as rak_held_back on rak_held_back.file_id = rak_dipakai.file_id
