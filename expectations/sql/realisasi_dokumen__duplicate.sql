-- Document lines whose business key an earlier line of the pemda's year already has
-- (kemunculan, dbt model int_quality__realisasi_dokumen), in the same export or in
-- another in force (two months' exports both carrying a line, an SKPD's export beside
-- one for all): the line would count twice. The first is kept.
select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    periode,
    nomor_dokumen,
    jenis_dokumen,
    jenis_transaksi,
    nomor_sp2d,
    kode_sub_kegiatan,
    kode_rekening,
    realisasi,
    kemunculan
from {batch}
where kemunculan > 1 and nomor_dokumen is not null
