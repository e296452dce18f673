-- Document lines of the per-document realization exports in force: one row per line,
-- not cumulative. bulan is the month the line counts in (from tanggal_realisasi, which
-- the reader decides: the transfer for LS through an SPP, else the document's date);
-- null for an LS not yet transferred, which no month counts (RLD-006 flags it).
-- nilai_sp2d is the whole SP2D's amount, repeated on each of its lines: never summed
-- per line (sum it once per nomor_sp2d).
with source as (
    {{ rows_of_files_in_force('realisasi', 'realisasi_dokumen') }}
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
        periode,
        tanggal_realisasi,
        date_trunc('month', tanggal_realisasi)::date as bulan,

        -- codes
        trim(kode_skpd) as kode_skpd,
        coalesce(nullif(trim(kode_sub_skpd), ''), trim(kode_skpd)) as kode_sub_unit,
        trim(kode_sub_kegiatan) as kode_sub_kegiatan,
        trim(kode_rekening) as kode_rekening,

        -- names
        {{ fold_whitespace('nama_skpd') }} as nama_skpd,
        {{ fold_whitespace('nama_sub_skpd') }} as nama_sub_unit,
        {{ fold_whitespace('nama_sub_kegiatan') }} as nama_sub_kegiatan,
        {{ fold_whitespace('nama_rekening') }} as nama_rekening,

        -- the document
        trim(nomor_dokumen) as nomor_dokumen,
        upper(trim(jenis_dokumen)) as jenis_dokumen,
        upper(trim(jenis_transaksi)) as jenis_transaksi,
        tanggal_dokumen,
        raw.fold_nomor_sp2d(nomor_sp2d) as nomor_sp2d,
        trim(nomor_sp2d) as nomor_sp2d_tertulis,
        tanggal_sp2d,
        tanggal_transfer,

        -- money
        nilai_realisasi,
        nilai_setoran,
        realisasi,
        nilai_sp2d
    from source
)

select * from renamed
