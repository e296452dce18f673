-- Rows of the sidak visit workbooks in force: per sub kegiatan inspected, the physical %
-- the OPD reported (as the workbook was pre-filled) and the one the team saw.
with source as (
    {{ rows_of_files_in_force('sidak', 'sidak_kunjungan') }}
),

renamed as (
    select
        -- lineage
        file_id,
        file_sha256,
        sheet,
        row_number,
        loaded_at,

        -- the visit
        kode_pemda,
        tahun,
        periode as bulan,
        trim(kode_opd) as kode_opd,
        {{ fold_whitespace(mask_personal_numbers('tim')) }} as tim,
        tanggal_sidak,

        -- the line
        trim(kode_sub_kegiatan) as kode_sub_kegiatan,
        {{ fold_whitespace(mask_personal_numbers('nama_sub_kegiatan')) }} as nama_sub_kegiatan,
        pagu,
        realisasi_keuangan as realisasi_keuangan_dilaporkan,
        fisik_dilaporkan,
        {{ fold_whitespace(mask_personal_numbers('permasalahan')) }} as permasalahan_dilaporkan,
        fisik_terverifikasi,
        {{ fold_whitespace(mask_personal_numbers('temuan')) }} as temuan,
        {{ fold_whitespace(mask_personal_numbers('bukti')) }} as bukti,
        koordinat,
        lintang,
        bujur
    from source
)

select * from renamed
