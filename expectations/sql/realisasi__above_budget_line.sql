-- Account lines whose cumulative REALISASI exceeds the line's pagu in the budget version
-- in force at the period's end: overspending (pelampauan). Judged against that budget,
-- never the export's own ANGGARAN column (RLS-014 flags an ANGGARAN that differs from
-- it). A line of an account no budget version has is RLS-009's, not this rule's.
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
    budget.versi as versi_berlaku,
    budget.pagu as pagu_berlaku,
    lines.realisasi,
    lines.realisasi - budget.pagu as pelampauan
from lines
join {sql:pagu_rekening_berlaku} as budget
    on budget.kode_pemda = lines.kode_pemda
    and budget.tahun = lines.tahun
    and lines.periode_akhir between budget.berlaku_mulai and budget.berlaku_sampai
    and budget.kode_sub_unit = coalesce(lines.kode_sub_unit, lines.kode_skpd)
    and budget.kode_sub_kegiatan = lines.kode_sub_kegiatan
    and budget.kode_rekening = lines.kode_rekening
where not lines.baris_subtotal
    and lines.realisasi > budget.pagu
