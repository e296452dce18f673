-- Lines whose SP2D or SPM number ends in a year (…/2025, as SIPD numbers them) other
-- than the year of the SP2D's date: a number copied from last year's order, or an order
-- of another year.
with sp2d_lines as (
    select
        *,
        substring(nomor_sp2d from '/\s*(\d\d\d\d)\s*$')::integer as tahun_nomor_sp2d,
        substring(nomor_spm from '/\s*(\d\d\d\d)\s*$')::integer as tahun_nomor_spm
    from {batch}
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
    nomor_spm,
    tahun_nomor_sp2d,
    tahun_nomor_spm
from sp2d_lines
where tahun_nomor_sp2d <> extract(year from tanggal_sp2d)
    or tahun_nomor_spm <> extract(year from tanggal_sp2d)
