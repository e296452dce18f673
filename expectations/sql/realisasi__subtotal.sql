-- Subtotal rows written with a full account code, which the reader had to take for
-- account lines (see realisasi__rows.sql). Their figures would count the lines they sum
-- twice.
with lines as (
    select * from {batch}
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    periode_akhir,
    kode_sub_kegiatan,
    kode_rekening,
    nama_rekening,
    anggaran,
    realisasi
from lines
where baris_subtotal
