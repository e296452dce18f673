-- Document lines paid by an SP2D (its number and transfer date on the line) that the
-- BUD's register of the month of the transfer does not show as paid (absent, or of a
-- status that is no money out): realization the treasury never paid. Judged only where
-- a register of that month is loaded for the pemda. The registers are the SP2D suite's
-- rows (int_quality__sp2d: one row per SP2D, from the latest file that carries it).
with register_months as (
    select distinct kode_pemda, periode from {rows:sp2d}
)

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.kode_skpd,
    lines.periode,
    lines.nomor_dokumen,
    lines.nomor_sp2d,
    lines.tanggal_transfer,
    lines.realisasi
from {batch} as lines
join register_months
    on register_months.kode_pemda = lines.kode_pemda
    and register_months.periode = date_trunc('month', lines.tanggal_transfer)
left join {rows:sp2d} as register
    on register.kode_pemda = lines.kode_pemda
    and register.nomor_sp2d = lines.nomor_sp2d_kunci
where lines.nomor_sp2d_kunci is not null and lines.tanggal_transfer is not null
    and not coalesce(register.is_uang_keluar, false)
