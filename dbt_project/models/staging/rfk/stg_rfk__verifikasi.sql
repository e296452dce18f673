-- The verifier's verdicts on the OPD monthly reports, as `serapan verifikasi` recorded
-- them: one row per verdict on an upload (file_id).
with source as (
    select * from {{ source('raw', 'rfk_verifikasi') }}
),

renamed as (
    select
        verifikasi_id,
        file_id,
        kode_pemda,
        trim(kode_opd) as kode_opd,
        periode as bulan,
        status,
        {{ fold_whitespace(mask_personal_numbers('catatan')) }} as catatan,
        oleh,
        pada
    from source
)

select * from renamed
