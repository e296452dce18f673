{{ config(meta={"dagster": {"ref": {"name": "fct_anggaran"}}}) }}

-- Every version's total in the mart plus the lines held back for errors equals the sum
-- of its landed file, to the rupiah. An incremental build checks the pemda in scope:
-- another pemda's files may have landed for a build not yet run, or running beside it.
with mart as (
    select file_id, sum(pagu) as total from {{ ref('fct_anggaran') }}
    where {{ in_tested_scope('kode_pemda') }}
    group by file_id
),
held_back as (
    select rekap5.file_id, sum(rekap5.pagu) as total
    from {{ source('raw', 'anggaran_rekap5') }} as rekap5
    join {{ source('raw', 'files') }} as files using (file_id)
    where not {{ without_error_flags('rekap5') }} and {{ in_tested_scope('files.kode_pemda') }}
    group by rekap5.file_id
),
landed as (
    select rekap5.file_id, sum(rekap5.pagu) as total
    from {{ source('raw', 'anggaran_rekap5') }} as rekap5
    join {{ source('raw', 'files') }} as files using (file_id)
    where files.status = 'loaded' and {{ in_tested_scope('files.kode_pemda') }}
    group by rekap5.file_id
)
select landed.file_id, landed.total as landed_total, mart.total as mart_total,
    held_back.total as held_back_total
from landed
left join mart using (file_id)
left join held_back using (file_id)
where coalesce(mart.total, 0) + coalesce(held_back.total, 0) is distinct from landed.total
