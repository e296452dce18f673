-- Account lines whose cumulative REALISASI exceeds their ANGGARAN (the budget in force at
-- the period's end, as the export shows it): overspending (pelampauan) of the line.
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
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    anggaran,
    realisasi,
    realisasi - anggaran as pelampauan
from lines
where not baris_subtotal
    and realisasi > anggaran
