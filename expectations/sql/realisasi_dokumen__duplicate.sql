-- Document lines whose business key (DOMAIN.md: Nomor Dokumen, Jenis Dokumen, Jenis
-- Transaksi, Nomor SP2D, Nomor SPD, Nomor DPT, Kode Sub Kegiatan, Kode Rekening) an
-- earlier line of the pemda's year already has, in the same export or in another in
-- force (two months' exports both carrying a line, an SKPD's export beside one for all):
-- the line would count twice. The first (earliest file, then row) is kept.
with numbered as (
    select
        *,
        row_number() over (
            partition by kode_pemda, tahun, nomor_dokumen, jenis_dokumen, jenis_transaksi,
                nomor_sp2d, nomor_spd, nomor_dpt, kode_sub_kegiatan, kode_rekening
            order by file_id, sheet, row_number
        ) as kemunculan,
        first_value(file_id) over (
            partition by kode_pemda, tahun, nomor_dokumen, jenis_dokumen, jenis_transaksi,
                nomor_sp2d, nomor_spd, nomor_dpt, kode_sub_kegiatan, kode_rekening
            order by file_id, sheet, row_number
        ) as file_pertama
    from {batch}
    where nomor_dokumen is not null
)

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
    kemunculan,
    file_pertama
from numbered
where kemunculan > 1
