-- Document lines whose sub unit, sub kegiatan and rekening are in no budget version of
-- the year: the realization belongs to nothing that was budgeted. Checked only for a
-- pemda and year with a budget loaded, and only for well-formed codes.
with lines as (
    select * from {batch}
),

budget_accounts as (
    select * from {model:int_quality__rekening_anggaran}
),

budgeted_years as (
    select distinct kode_pemda, tahun from budget_accounts
)

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.kode_skpd,
    lines.periode,
    lines.kode_sub_unit,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    lines.realisasi
from lines
join budgeted_years using (kode_pemda, tahun)
where lines.kode_sub_unit ~ '{kode:skpd}'
    and lines.kode_sub_kegiatan ~ '{kode:sub_kegiatan}'
    and lines.kode_rekening ~ '{kode:rekening}'
    and concat_ws('|', lines.kode_pemda, lines.tahun, lines.kode_sub_unit,
                  lines.kode_sub_kegiatan, lines.kode_rekening)
        not in (select kunci_rekening from budget_accounts)
