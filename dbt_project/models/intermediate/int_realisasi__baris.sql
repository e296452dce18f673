-- Each account line of each month with realization in force, once, cumulative from
-- 1 January: what the files say (menurut_file), what they say without what an error
-- flag holds back (bersih), and the amount of it a rule holds back (ditahan_kumulatif,
-- the part the SP2D do not bear out) and until when (ditahan_sampai, null: on), as
-- int_realisasi__bulanan carries them over the months.
-- From a cumulative export: its rows of the line (bersih null when one is held back).
-- From per-document exports: the line's document lines of the months up to this one,
-- whatever export of the year carries them (bersih without the held back lines, which
-- take their amount alone out).
-- A table, incremental by pemda, analysed: int_realisasi__bulanan joins it to itself
-- over every month of the year, which a planner guessing its size does badly.
{{ config(materialized='incremental') }}
with exports as (
    select kode_pemda, tahun, bulan, realisasi_file_id as file_id
    from {{ ref('int_periode__bulanan') }}
    where realisasi_file_id is not null and not realisasi_per_dokumen
        and {{ in_build_scope('kode_pemda') }}
),

document_months as (
    select kode_pemda, tahun, bulan
    from {{ ref('int_periode__bulanan') }}
    where realisasi_per_dokumen and {{ in_build_scope('kode_pemda') }}
),

amounts as (
    select file_id, sheet, row_number, max(ditahan_kumulatif) as ditahan_kumulatif,
        max(ditahan_sampai) as ditahan_sampai
    from {{ source('quality', 'flags') }}
    where severity = 'error' and ditahan_kumulatif is not null
    group by file_id, sheet, row_number
)

select
    exports.kode_pemda,
    exports.tahun,
    exports.bulan,
    coalesce(laporan.kode_sub_unit, laporan.kode_skpd) as kode_sub_unit,
    laporan.kode_sub_kegiatan,
    laporan.kode_rekening,
    min(laporan.kode_skpd) as kode_skpd,
    sum(coalesce(laporan.realisasi_kumulatif, 0))::numeric(20, 2) as menurut_file,
    case when count(held.file_id) = 0
        then sum(coalesce(laporan.realisasi_kumulatif, 0))
    end::numeric(20, 2) as bersih,
    max(amounts.ditahan_kumulatif)::numeric(20, 2) as ditahan_kumulatif,
    max(amounts.ditahan_sampai) as ditahan_sampai
from exports
join {{ ref('stg_realisasi__laporan') }} as laporan on laporan.file_id = exports.file_id
left join ({{ rows_held_back() }}) as held
    on held.file_id = laporan.file_id
    and held.sheet = laporan.sheet
    and held.row_number = laporan.row_number
left join amounts
    on amounts.file_id = laporan.file_id
    and amounts.sheet = laporan.sheet
    and amounts.row_number = laporan.row_number
where {{ in_build_scope('laporan.kode_pemda') }}
group by exports.kode_pemda, exports.tahun, exports.bulan,
    coalesce(laporan.kode_sub_unit, laporan.kode_skpd), laporan.kode_sub_kegiatan,
    laporan.kode_rekening

union all

select
    months.kode_pemda,
    months.tahun,
    months.bulan,
    dokumen.kode_sub_unit,
    dokumen.kode_sub_kegiatan,
    dokumen.kode_rekening,
    min(dokumen.kode_skpd) as kode_skpd,
    coalesce(sum(dokumen.realisasi), 0)::numeric(20, 2) as menurut_file,
    coalesce(sum(dokumen.realisasi) filter (where held.file_id is null), 0)::numeric(20, 2)
        as bersih,
    null::numeric(20, 2) as ditahan_kumulatif,
    null::date as ditahan_sampai
from document_months as months
join {{ ref('stg_realisasi__dokumen') }} as dokumen
    on dokumen.kode_pemda = months.kode_pemda
    and dokumen.tahun = months.tahun
    and dokumen.bulan <= months.bulan
left join ({{ rows_held_back() }}) as held
    on held.file_id = dokumen.file_id
    and held.sheet = dokumen.sheet
    and held.row_number = dokumen.row_number
where {{ in_build_scope('dokumen.kode_pemda') }}
group by months.kode_pemda, months.tahun, months.bulan, dokumen.kode_sub_unit,
    dokumen.kode_sub_kegiatan, dokumen.kode_rekening
