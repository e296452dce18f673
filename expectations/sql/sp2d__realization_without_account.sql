-- LS and GU lines without a sub kegiatan or an account: they pay for spending, so they
-- must say which. UP and TU are cash advances and carry none.
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
    jenis_sp2d,
    kode_sub_kegiatan,
    kode_rekening
from sp2d_lines
where upper(trim(jenis_sp2d)) in ('LS', 'GU')
    and (kode_sub_kegiatan is null or kode_rekening is null)
