-- SP2D detail lines, personal data masked: the NPWP and bank account columns, and such
-- numbers a bendahara typed into the texts. Exports of overlapping date ranges both stay
-- loaded, so each SP2D is taken from the latest file that carries it.
with source as (
    {{ rows_of_files_in_force('sp2d', 'sp2d_rincian') }}
),

latest as (
    select
        *,
        max(file_id) over (partition by kode_pemda, nomor_sp2d) as latest_file_id
    from source
),

renamed as (
    select
        -- lineage
        file_id,
        file_sha256,
        sheet,
        row_number,
        loaded_at,

        -- payment order
        kode_pemda,
        trim(nomor_sp2d) as nomor_sp2d,
        tanggal_sp2d,
        date_trunc('month', tanggal_sp2d)::date as bulan,
        upper(trim(jenis_sp2d)) as jenis_sp2d,
        nullif(trim(nomor_spm), '') as nomor_spm,

        -- codes
        nullif(trim(kode_skpd), '') as kode_skpd,
        nullif(trim(kode_sub_unit), '') as kode_sub_unit,
        nullif(trim(kode_sub_kegiatan), '') as kode_sub_kegiatan,
        nullif(trim(kode_rekening), '') as kode_rekening,
        {{ fold_whitespace('nama_skpd') }} as nama_skpd,
        {{ fold_whitespace(mask_personal_numbers('uraian')) }} as uraian,

        -- money
        nilai,
        potongan,

        -- recipient, masked
        {{ fold_whitespace(mask_personal_numbers('nama_penerima')) }} as nama_penerima,
        {{ mask_last4('npwp') }} as npwp_masked,
        {{ fold_whitespace(mask_personal_numbers('bank')) }} as bank,
        {{ mask_last4('nomor_rekening_bank') }} as nomor_rekening_bank_masked
    from latest
    where file_id = latest_file_id
)

select * from renamed
