-- The SP2D register in force (raw.sp2d_register: the BUD's register, the FMIS print,
-- SIPD-RI's JSON records), one row per SP2D: registers of overlapping months or of
-- other SKPD both stay loaded, so each SP2D is taken from the latest file that carries
-- it. Its number is folded for joining (case and spaces), the
-- personal data (NPWP, the recipient's account) left in raw.
with source as (
    {{ rows_of_files_in_force('sp2d', 'sp2d_register') }}
),

keyed as (
    select
        *,
        raw.fold_nomor_sp2d(nomor_sp2d) as nomor_sp2d_kunci
    from source
),

latest as (
    select
        *,
        max(file_id) over (partition by kode_pemda, nomor_sp2d_kunci) as latest_file_id
    from keyed
),

renamed as (
    select
        -- lineage
        file_id,
        file_sha256,
        sheet,
        row_number,
        loaded_at,
        layout,
        periode,

        -- payment order
        kode_pemda,
        nomor_sp2d_kunci as nomor_sp2d,
        trim(nomor_sp2d) as nomor_sp2d_tertulis,
        coalesce(tanggal_pencairan, tanggal_pembuatan) as tanggal,
        date_trunc('month', coalesce(tanggal_pencairan, tanggal_pembuatan))::date as bulan,
        tanggal_pembuatan,
        tanggal_pencairan,
        upper(trim(jenis_sp2d)) as jenis_sp2d,
        nullif(trim(jenis_ls), '') as jenis_ls,
        nullif(trim(nomor_spm), '') as nomor_spm,
        status,
        money_out as is_uang_keluar,

        -- SKPD: a name in the workbooks, codes in the JSON records
        {{ fold_whitespace('nama_skpd') }} as nama_skpd,
        nullif(trim(kode_skpd), '') as kode_skpd,
        nullif(trim(kode_sub_skpd), '') as kode_sub_unit,
        {{ fold_whitespace(mask_personal_numbers('keterangan')) }} as keterangan,
        {{ fold_whitespace(mask_personal_numbers('nama_penerima')) }} as nama_penerima,

        -- money, as the layout prints it (none derived)
        bruto,
        potongan,
        pph,
        ppn,
        neto
    from latest
    where file_id = latest_file_id
)

select * from renamed
