{{ config(meta={"dagster": {"ref": {"name": "fct_realisasi_bulanan"}}}) }}

-- Every month's cumulative realization in the mart, plus what it holds back (the
-- document lines held back for errors), equals the document lines landed from the
-- per-document exports in force that count by the month's end, to the rupiah; and the
-- mart has no realization for a month without an export. An incremental build checks
-- the pemda in scope.
with mart as (
    select
        kode_pemda,
        bulan,
        sum(realisasi_kumulatif) as total,
        sum(realisasi_ditahan_kumulatif) as held_back
    from {{ ref('fct_realisasi_bulanan') }}
    where realisasi_file_id is not null and {{ in_tested_scope('kode_pemda') }}
    group by kode_pemda, bulan
),

lines as (
    select dokumen.kode_pemda, dokumen.tahun, dokumen.periode, dokumen.tanggal_realisasi,
        dokumen.realisasi
    from {{ source('raw', 'realisasi_dokumen') }} as dokumen
    join {{ source('raw', 'files') }} as files using (file_id)
    where files.status = 'loaded' and {{ in_tested_scope('dokumen.kode_pemda') }}
),

landed as (
    select months.kode_pemda, months.bulan, coalesce(sum(lines.realisasi), 0) as total
    from (select distinct kode_pemda, tahun, periode as bulan from lines) as months
    left join lines
        on lines.kode_pemda = months.kode_pemda
        and lines.tahun = months.tahun
        and lines.tanggal_realisasi < months.bulan + interval '1 month'
    group by months.kode_pemda, months.bulan
)

select
    kode_pemda,
    bulan,
    landed.total as landed_total,
    mart.held_back as held_back_total,
    mart.total as mart_total
from landed
full join mart using (kode_pemda, bulan)
where coalesce(mart.total, 0) + coalesce(mart.held_back, 0) is distinct from landed.total
