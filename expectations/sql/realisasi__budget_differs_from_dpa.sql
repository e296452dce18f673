-- Account lines whose ANGGARAN (the budget the export prints) is not the line's pagu in
-- the budget version in force at the period's end: the export was made against another
-- version, or its budget column was edited. Realization is judged against the budget
-- in force whatever this column says (RLS-010); this says the two disagree.
with lines as (
    select * from {batch}
)

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.kode_skpd,
    lines.periode_akhir,
    lines.kode_sub_unit,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    lines.anggaran as anggaran_di_file,
    budget.versi as versi_berlaku,
    budget.pagu as pagu_berlaku,
    lines.anggaran - budget.pagu as selisih
from lines
join {sql:pagu_rekening_berlaku} as budget
    on budget.kode_pemda = lines.kode_pemda
    and budget.tahun = lines.tahun
    and lines.periode_akhir between budget.berlaku_mulai and budget.berlaku_sampai
    and budget.kode_sub_unit = coalesce(lines.kode_sub_unit, lines.kode_skpd)
    and budget.kode_sub_kegiatan = lines.kode_sub_kegiatan
    and budget.kode_rekening = lines.kode_rekening
where not lines.baris_subtotal
    and lines.anggaran <> budget.pagu
