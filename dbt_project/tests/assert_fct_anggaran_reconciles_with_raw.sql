{{ config(meta={"dagster": {"ref": {"name": "fct_anggaran"}}}) }}

-- Every version's total in the mart equals the sum of its landed file, to the rupiah.
with mart as (
    select file_id, sum(pagu) as total from {{ ref('fct_anggaran') }} group by file_id
),
landed as (
    select rekap5.file_id, sum(rekap5.pagu) as total
    from {{ source('raw', 'anggaran_rekap5') }} as rekap5
    join {{ source('raw', 'files') }} as files using (file_id)
    where files.status = 'loaded'
    group by rekap5.file_id
)
select landed.file_id, landed.total as landed_total, mart.total as mart_total
from landed
left join mart using (file_id)
where mart.total is distinct from landed.total
