-- Each OPD's sub kegiatan per month: the pagu in force at the month's end and the cash
-- plan (RAK) cumulative to it. Feeds the OPD report template and the monthly facts.
with months as (
    select distinct
        versions.kode_pemda,
        versions.tahun,
        make_date(versions.tahun, month_number, 1) as bulan,
        (make_date(versions.tahun, month_number, 1) + interval '1 month - 1 day')::date
            as akhir_bulan
    from {{ ref('int_anggaran__versions') }} as versions
    cross join generate_series(1, 12) as month_number
),

pagu as (
    select
        months.kode_pemda,
        months.tahun,
        months.bulan,
        lines.kode_skpd,
        lines.kode_sub_kegiatan,
        sum(lines.pagu)::numeric(20, 2) as pagu_berlaku,
        min(versions.version_key) as version_key
    from months
    join {{ ref('int_anggaran__versions') }} as versions
        on versions.kode_pemda = months.kode_pemda
        and versions.tahun = months.tahun
        and months.akhir_bulan between versions.berlaku_mulai
            and coalesce(versions.berlaku_sampai, date '9999-12-31')
    join {{ ref('int_anggaran__lines') }} as lines
        on lines.version_key = versions.version_key
    group by 1, 2, 3, 4, 5
),

rak_monthly as (
    select kode_pemda, tahun, kode_skpd, kode_sub_kegiatan, bulan, sum(rencana_bulan) as rencana
    from {{ ref('stg_rak__anggaran_kas') }}
    group by 1, 2, 3, 4, 5
),

rak as (
    select
        *,
        sum(rencana) over (
            partition by kode_pemda, tahun, kode_skpd, kode_sub_kegiatan order by bulan
        )::numeric(20, 2) as rak_kumulatif
    from rak_monthly
),

names as (
    -- Names drift between versions; the latest version's name is shown.
    select distinct on (kode_pemda, tahun, kode_skpd, kode_sub_kegiatan)
        kode_pemda, tahun, kode_skpd, kode_sub_kegiatan, nama_skpd, nama_sub_kegiatan
    from {{ ref('stg_anggaran__rekap5') }}
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
    pagu.version_key,
    pagu.pagu_berlaku,
    coalesce(rak.rak_kumulatif, 0)::numeric(20, 2) as rak_kumulatif
from pagu
left join rak using (kode_pemda, tahun, kode_skpd, kode_sub_kegiatan, bulan)
left join names using (kode_pemda, tahun, kode_skpd, kode_sub_kegiatan)
