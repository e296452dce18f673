{{ config(meta={"dagster": {"ref": {"name": "fct_sp2d"}}}) }}

-- The mart holds exactly the landed SP2D that are kept (loaded files; each SP2D, its
-- number folded, from the latest file that carries it) and not held back for errors,
-- each with its amounts to the rupiah. An incremental build checks the pemda in scope.
with landed as (
    select
        register.*,
        max(register.file_id) over (
            partition by files.kode_pemda, raw.fold_nomor_sp2d(register.nomor_sp2d)
        ) as latest_file_id
    from {{ source('raw', 'sp2d_register') }} as register
    join {{ source('raw', 'files') }} as files using (file_id)
    -- The scope on the files (a row's pemda is its file's): one pemda's rows are then
    -- read by file_id, not picked out of the nation's by a scan.
    where files.status = 'loaded' and files.source = 'sp2d'
        and {{ in_tested_scope('files.kode_pemda') }}
),

kept as (
    select
        file_id,
        sheet,
        row_number,
        bruto,
        potongan,
        neto,
        not {{ without_error_flags('landed') }} as is_held_back
    from landed
    where file_id = latest_file_id
)

select
    file_id,
    sheet,
    row_number,
    kept.bruto as landed_bruto,
    kept.is_held_back,
    mart.bruto as mart_bruto
from kept
full join (
    select * from {{ ref('fct_sp2d') }} where {{ in_tested_scope('kode_pemda') }}
) as mart using (file_id, sheet, row_number)
where case
    when kept.is_held_back then mart.file_id is not null
    else mart.bruto is distinct from kept.bruto or mart.potongan is distinct from kept.potongan
        or mart.neto is distinct from kept.neto
end
