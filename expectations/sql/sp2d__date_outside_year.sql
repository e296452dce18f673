-- Lines dated outside the fiscal year of the file they came in (its metadata's tahun).
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
    tahun as tahun_anggaran
from sp2d_lines
where extract(year from tanggal_sp2d) <> tahun
