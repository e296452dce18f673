-- The batch's account lines (not subtotals) with their line's pagu in the budget
-- version in force at the period's end (_pagu_rekening_berlaku.sql): what RLS-010 judges
-- the realization against, and RLS-014 the export's own ANGGARAN column. A line of an
-- account no budget version has is not here (RLS-009's).
select
    lines.*,
    budget.versi as versi_berlaku,
    budget.pagu as pagu_berlaku
from {batch} as lines
join {sql:pagu_rekening_berlaku} as budget
    on budget.kode_pemda = lines.kode_pemda
    and budget.tahun = lines.tahun
    and lines.periode_akhir between budget.berlaku_mulai and budget.berlaku_sampai
    and budget.kode_sub_unit = coalesce(lines.kode_sub_unit, lines.kode_skpd)
    and budget.kode_sub_kegiatan = lines.kode_sub_kegiatan
    and budget.kode_rekening = lines.kode_rekening
where not lines.baris_subtotal
