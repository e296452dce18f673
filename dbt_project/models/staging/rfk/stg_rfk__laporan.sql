-- OPD report rows in force: for each OPD, month and part of the report (a form of one
-- sub kegiatan, lingkup), the latest loaded upload (a whole-year workbook and a later
-- single-month correction can both be loaded). Every text the OPD typed has personal
-- numbers masked (mask_personal_numbers): the narrative reaches leadership.
with source as (
    {{ rows_of_files_in_force('rfk', 'rfk_laporan') }}
),

latest as (
    select
        *,
        max(file_id) over (partition by kode_pemda, kode_opd, periode, lingkup)
            as latest_file_id
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

        -- report
        kode_pemda,
        trim(kode_opd) as kode_opd,
        tahun,
        periode as bulan,
        layout,
        tingkat,
        {{ fold_whitespace(mask_personal_numbers('lingkup')) }} as lingkup,
        {{ fold_whitespace(mask_personal_numbers('nama_opd')) }} as nama_opd,

        -- codes
        nullif(trim(kode_skpd), '') as kode_skpd,
        nullif(trim(kode_sub_unit), '') as kode_sub_unit,
        nullif(trim(kode_sub_kegiatan), '') as kode_sub_kegiatan,
        {{ fold_whitespace(mask_personal_numbers('nama_sub_kegiatan')) }} as nama_sub_kegiatan,
        nullif(trim(kode_kegiatan), '') as kode_kegiatan,
        {{ fold_whitespace(mask_personal_numbers('nama_kegiatan')) }} as nama_kegiatan,
        -- an account code as typed by hand, spaces and trailing dots folded away
        raw.fold_code(kode_rekening) as kode_rekening,
        {{ fold_whitespace(mask_personal_numbers('nama_rekening')) }} as nama_rekening,
        {{ fold_whitespace(mask_personal_numbers('sumber_dana')) }} as sumber_dana,

        -- figures as the OPD reported them
        pagu as pagu_dilaporkan,
        rak,
        rak_satuan,
        realisasi_keuangan as realisasi_keuangan_kumulatif,
        realisasi_fisik as realisasi_fisik_persen,
        rencana_keuangan_ttb,
        realisasi_keuangan_ttb,
        sisa_anggaran,
        nilai_kontrak,
        rencana_fisik as rencana_fisik_persen,
        rencana_fisik_ttb,
        realisasi_fisik_ttb,
        deviasi_fisik,
        satuan_uang,

        -- narrative
        {{ fold_whitespace(mask_personal_numbers('permasalahan')) }} as permasalahan,
        {{ fold_whitespace(mask_personal_numbers('tindak_lanjut')) }} as tindak_lanjut,
        {{ fold_whitespace(mask_personal_numbers('catatan_verifikator')) }} as catatan_verifikator,
        -- who should help with the problem (the template's FORM-M)
        {{ fold_whitespace(mask_personal_numbers('pihak_diharapkan')) }} as pihak_diharapkan
    from latest
    where file_id = latest_file_id
)

select * from renamed
