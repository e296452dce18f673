{{ config(meta={"dagster": {"ref": {"name": "fct_realisasi_bulanan"}}}) }}

-- Every month's cumulative realization in the mart, plus what it holds back (lines held
-- back for errors keep their last figure that was not; of a line the SP2D do not bear
-- out, only that part), equals the realization export in force for that month as
-- landed, to the rupiah; and the mart has no realization for a month without an export.
-- An incremental build checks the pemda in scope.
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

landed as (
    select
        laporan.kode_pemda,
        date_trunc('month', laporan.periode_akhir)::date as bulan,
        coalesce(sum(laporan.realisasi), 0) as total
    from {{ source('raw', 'realisasi_laporan') }} as laporan
    join {{ source('raw', 'files') }} as files using (file_id)
    where files.status = 'loaded' and {{ in_tested_scope('laporan.kode_pemda') }}
    group by laporan.kode_pemda, date_trunc('month', laporan.periode_akhir)
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
