-- Lines whose deductions (POTONGAN: taxes withheld, contributions) are negative or larger
-- than the line's NILAI.
with sp2d_lines as (
    select * from {batch}
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    tanggal_sp2d,
    bulan,
    nomor_sp2d,
    nilai,
    potongan
from sp2d_lines
where potongan < 0
    or potongan > nilai
