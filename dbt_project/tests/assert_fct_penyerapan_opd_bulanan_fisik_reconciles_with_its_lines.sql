{{ config(meta={"dagster": {"ref": {"name": "fct_penyerapan_opd_bulanan"}}}) }}

-- Every OPD-month's physical realization and plan in the mart are the budget-weighted
-- means of its report lines in fct_fisik_bulanan: sum(pagu x %) / sum(pagu) over the
-- lines with a physical % whose sub kegiatan (or account) has a pagu in force above 0,
-- each line's pagu taken from fct_realisasi_bulanan for that OPD and month; the plan
-- only where every such line gives one (is_ada_rencana_fisik), none otherwise. A line weighs
-- in (is_ditimbang) exactly when it has such a pagu and a physical %. An incremental
-- build checks the pemda in scope.
with budget as (
    select kode_pemda, bulan, kode_skpd, kode_sub_kegiatan, kode_rekening, sum(pagu) as pagu
    from {{ ref('fct_realisasi_bulanan') }}
    where {{ in_tested_scope('kode_pemda') }}
    group by kode_pemda, bulan, kode_skpd, kode_sub_kegiatan, kode_rekening
),

lines as (
    select
        fisik.kode_pemda,
        fisik.bulan,
        fisik.kode_opd,
        fisik.file_id,
        fisik.sheet,
        fisik.row_number,
        fisik.is_ditimbang,
        fisik.realisasi_fisik_persen,
        fisik.rencana_fisik_persen,
        sum(budget.pagu) as pagu
    from {{ ref('fct_fisik_bulanan') }} as fisik
    left join budget
        on budget.kode_pemda = fisik.kode_pemda
        and budget.bulan = fisik.bulan
        and budget.kode_skpd = fisik.kode_opd
        and budget.kode_sub_kegiatan = fisik.kode_sub_kegiatan
        and (fisik.tingkat = 'sub_kegiatan' or budget.kode_rekening = fisik.kode_rekening)
    where {{ in_tested_scope('fisik.kode_pemda') }}
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9
),

weighing as (
    select *, coalesce(pagu, 0) > 0 and realisasi_fisik_persen is not null as weighs_in
    from lines
),

weighted as (
    select
        kode_pemda,
        bulan,
        kode_opd,
        round(sum(pagu * realisasi_fisik_persen) / sum(pagu), 2) as realisasi_fisik_persen,
        case when bool_and(rencana_fisik_persen is not null) then
            round(sum(pagu * rencana_fisik_persen) / sum(pagu), 2)
        end as rencana_fisik_persen
    from weighing
    where weighs_in
    group by kode_pemda, bulan, kode_opd
),

mart as (
    select kode_pemda, bulan, kode_skpd as kode_opd, realisasi_fisik_persen,
        rencana_fisik_persen, is_ada_rencana_fisik
    from {{ ref('fct_penyerapan_opd_bulanan') }}
    where {{ in_tested_scope('kode_pemda') }}
)

select
    'opd' as what,
    kode_pemda,
    bulan,
    kode_opd,
    null::bigint as file_id,
    null::integer as row_number,
    mart.realisasi_fisik_persen as mart_realisasi,
    weighted.realisasi_fisik_persen as lines_realisasi,
    mart.rencana_fisik_persen as mart_rencana,
    weighted.rencana_fisik_persen as lines_rencana
from mart
full join weighted using (kode_pemda, bulan, kode_opd)
where mart.realisasi_fisik_persen is distinct from weighted.realisasi_fisik_persen
    or mart.rencana_fisik_persen is distinct from weighted.rencana_fisik_persen
    or mart.is_ada_rencana_fisik is distinct from (weighted.rencana_fisik_persen is not null)
union all
select 'line', kode_pemda, bulan, kode_opd, file_id, row_number, null, null, null, null
from weighing
where is_ditimbang is distinct from weighs_in
