-- The budget export rows of files currently in force (not superseded, not quarantined),
-- codes trimmed, names with their whitespace folded, types settled.
with source as (
    {{ rows_of_files_in_force('anggaran', 'anggaran_rekap5') }}
),

renamed as (
    select
        -- lineage
        file_id,
        file_sha256,
        sheet,
        row_number,
        loaded_at,

        -- version
        kode_pemda,
        case when trim(tahun) ~ '^\d{4}$' then trim(tahun)::integer end as tahun,
        versi,
        tanggal_versi,

        -- codes
        nullif(trim(kode_urusan), '') as kode_urusan,
        nullif(trim(kode_bidang_urusan), '') as kode_bidang_urusan,
        nullif(trim(kode_program), '') as kode_program,
        nullif(trim(kode_kegiatan), '') as kode_kegiatan,
        nullif(trim(kode_sub_kegiatan), '') as kode_sub_kegiatan,
        nullif(trim(kode_skpd), '') as kode_skpd,
        nullif(trim(kode_sub_unit), '') as kode_sub_unit,
        nullif(trim(kode_sumber_dana), '') as kode_sumber_dana,
        nullif(trim(kode_rekening), '') as kode_rekening,

        -- names
        {{ fold_whitespace('nama_urusan') }} as nama_urusan,
        {{ fold_whitespace('nama_bidang_urusan') }} as nama_bidang_urusan,
        {{ fold_whitespace('nama_program') }} as nama_program,
        {{ fold_whitespace('nama_kegiatan') }} as nama_kegiatan,
        {{ fold_whitespace('nama_sub_kegiatan') }} as nama_sub_kegiatan,
        {{ fold_whitespace('nama_skpd') }} as nama_skpd,
        {{ fold_whitespace('nama_sub_unit') }} as nama_sub_unit,
        {{ fold_whitespace('nama_sumber_dana') }} as nama_sumber_dana,
        {{ fold_whitespace('nama_rekening') }} as nama_rekening,
        {{ fold_whitespace('paket_kelompok') }} as paket_kelompok,
        -- typed by the OPD per line (the other names are the nomenclature's)
        {{ fold_whitespace(mask_personal_numbers('nama_paket_kelompok')) }} as nama_paket_kelompok,

        -- money
        pagu
    from source
)

select * from renamed
