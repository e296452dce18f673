-- Rows of the SKPDs' LRA in force, every account level (tingkat 1 akun .. 6 sub rincian
-- objek): REALISASI is cumulative from 1 January to periode_akhir. The levels repeat
-- each other: a total sums the rows of one tingkat.
with source as (
    {{ rows_of_files_in_force('lra', 'lra_baris') }}
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
        trim(kode_rekening) as kode_rekening,
        tingkat::integer as tingkat,

        -- names
        {{ fold_whitespace('uraian') }} as uraian,

        -- money
        anggaran,
        realisasi as realisasi_kumulatif
    from source
)

select * from renamed
