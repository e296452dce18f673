-- Every file received, with the dates that matter for timeliness: when the sender says
-- it was handed in (sidecar "diterima"), else when serapan first saw it.
with source as (
    select * from {{ source('raw', 'files') }}
),

renamed as (
    select
        file_id,
        sha256,
        source,
        kode_pemda,
        tahun,
        original_name,
        status,
        meta ->> 'kode_opd' as kode_opd,
        to_date(meta ->> 'periode', 'YYYY-MM') as bulan,
        coalesce(
            (meta -> 'extra' ->> 'diterima')::date,
            (received_at at time zone 'Asia/Jakarta')::date
        ) as tanggal_diterima,
        rows_loaded,
        error,
        received_at
    from source
)

select * from renamed
