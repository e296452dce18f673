-- Months of a line planning a negative amount: a cash plan draws money, 0 or more.
with plan_lines as (
    select * from {batch}
)

select
    plan_lines.file_id,
    plan_lines.sheet,
    plan_lines.row_number,
    plan_lines.kode_pemda,
    plan_lines.kode_skpd,
    plan_lines.versi,
    make_date(plan_lines.tahun, months.bulan, 1) as bulan,
    plan_lines.kode_sub_kegiatan,
    plan_lines.kode_rekening,
    months.nilai
from plan_lines
join raw.rak_anggaran_kas as months using (file_id, sheet, row_number)
where months.nilai < 0
