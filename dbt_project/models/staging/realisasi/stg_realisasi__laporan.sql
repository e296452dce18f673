-- Account lines of the monthly realization exports in force: REALISASI is cumulative
-- from 1 January to periode_akhir.
with source as (
    {{ rows_of_files_in_force('realisasi', 'realisasi_laporan') }}
),

renamed as (
    select
        -- lineage
        file_id,
        file_sha256,
        sheet,
        row_number,
        loaded_at,

        -- period
        kode_pemda,
        tahun,
        periode_akhir,
        date_trunc('month', periode_akhir)::date as bulan,

        -- codes
        trim(kode_skpd) as kode_skpd,
        nullif(trim(kode_sub_unit), '') as kode_sub_unit,
        trim(kode_sub_kegiatan) as kode_sub_kegiatan,
        trim(kode_rekening) as kode_rekening,

        -- names
        {{ fold_whitespace('nama_skpd') }} as nama_skpd,
        {{ fold_whitespace('nama_sub_unit') }} as nama_sub_unit,
        {{ fold_whitespace('nama_sub_kegiatan') }} as nama_sub_kegiatan,
        {{ fold_whitespace('nama_rekening') }} as nama_rekening,

        -- money
        anggaran,
        realisasi as realisasi_kumulatif,
        sisa
    from source
)

select * from renamed
