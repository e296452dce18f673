-- Each OPD's sub kegiatan per month: the pagu in force at the month's end and the cash
-- plan (RAK) cumulative to it. Feeds the OPD report template and the monthly facts.
-- A table: twelve months of every budget line is too much to recompute per reader.
-- The planner misjudges the month x version join by two orders of magnitude and picks
-- merge joins that rescan the cash plan millions of times (docs/performance.md); hash
-- joins are right here.
{{ config(materialized='incremental', pre_hook="set local enable_mergejoin = off") }}
with months as (
    select distinct
        versions.kode_pemda,
        versions.tahun,
        make_date(versions.tahun, month_number, 1) as bulan,
        (make_date(versions.tahun, month_number, 1) + interval '1 month - 1 day')::date
            as akhir_bulan
    from {{ ref('int_anggaran__versi') }} as versions
    cross join generate_series(1, 12) as month_number
    where {{ in_build_scope('versions.kode_pemda') }}
),

pagu as (
    select
        months.kode_pemda,
        months.tahun,
        months.bulan,
        lines.kode_skpd,
        lines.kode_sub_kegiatan,
        versions.versi,
        versions.kode_versi,
        sum(lines.pagu)::numeric(20, 2) as pagu_berlaku
    from months
    join {{ ref('int_anggaran__versi') }} as versions
        on versions.kode_pemda = months.kode_pemda
        and versions.tahun = months.tahun
        and {{ anggaran_berlaku('months.akhir_bulan', 'versions') }}
    join {{ ref('int_anggaran__baris') }} as lines
        on lines.kode_versi = versions.kode_versi
    where {{ in_build_scope('lines.kode_pemda') }}
    group by 1, 2, 3, 4, 5, 6, 7
),

rak_bulanan as (
    -- A cash plan is made per budget version; one without a version serves them all.
    select kode_pemda, tahun, versi, kode_skpd, kode_sub_kegiatan, bulan,
        sum(rencana_bulan) as rencana
    from {{ ref('stg_rak__anggaran_kas') }}
    where {{ in_build_scope('kode_pemda') }}
    group by 1, 2, 3, 4, 5, 6
),

rak as (
    select
        *,
        sum(rencana) over (
            partition by kode_pemda, tahun, versi, kode_skpd, kode_sub_kegiatan order by bulan
        )::numeric(20, 2) as rak_kumulatif
    from rak_bulanan
),

names as (
    -- Names drift between versions; the latest version's name is shown.
    select distinct on (kode_pemda, tahun, kode_skpd, kode_sub_kegiatan)
        kode_pemda, tahun, kode_skpd, kode_sub_kegiatan, nama_skpd, nama_sub_kegiatan
    from {{ ref('stg_anggaran__rekap5') }}
    where {{ in_build_scope('kode_pemda') }}
    order by kode_pemda, tahun, kode_skpd, kode_sub_kegiatan, tanggal_versi desc
)

select
    pagu.kode_pemda,
    pagu.tahun,
    pagu.bulan,
    pagu.kode_skpd,
    names.nama_skpd,
    pagu.kode_sub_kegiatan,
    names.nama_sub_kegiatan,
    pagu.kode_versi,
    pagu.pagu_berlaku,
    coalesce(rak.rak_kumulatif, 0)::numeric(20, 2) as rak_kumulatif
from pagu
left join rak
    on rak.kode_pemda = pagu.kode_pemda
    and rak.tahun = pagu.tahun
    and rak.kode_skpd = pagu.kode_skpd
    and rak.kode_sub_kegiatan = pagu.kode_sub_kegiatan
    and rak.bulan = pagu.bulan
    and (rak.versi = pagu.versi or rak.versi is null)
left join names
    on names.kode_pemda = pagu.kode_pemda
    and names.tahun = pagu.tahun
    and names.kode_skpd = pagu.kode_skpd
    and names.kode_sub_kegiatan = pagu.kode_sub_kegiatan
