-- The cash plan (anggaran kas / RAK) in force: planned spending per budget line and
-- month, not cumulative.
with source as (
    {{ rows_of_files_in_force('rak', 'rak_anggaran_kas') }}
),

renamed as (
    select
        -- lineage
        file_id,
        file_sha256,
        sheet,
        row_number,
        loaded_at,

        -- plan
        kode_pemda,
        tahun,
        versi,
        make_date(tahun, bulan, 1) as bulan,

        -- codes
        trim(kode_skpd) as kode_skpd,
        nullif(trim(kode_sub_unit), '') as kode_sub_unit,
        trim(kode_sub_kegiatan) as kode_sub_kegiatan,
        trim(kode_rekening) as kode_rekening,
        {{ fold_whitespace('nama_sub_kegiatan') }} as nama_sub_kegiatan,
        {{ fold_whitespace('nama_rekening') }} as nama_rekening,

        -- money
        pagu,
        nilai as rencana_bulan
    from source
)

select * from renamed
