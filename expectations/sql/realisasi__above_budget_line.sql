-- Account lines whose cumulative REALISASI exceeds the line's pagu in the budget version
-- in force at the period's end: overspending (pelampauan). Judged against that budget,
-- never the export's own ANGGARAN column (RLS-014 flags an ANGGARAN that differs from
-- it). A line of an account no budget version has is RLS-009's, not this rule's.
select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    periode_akhir,
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    versi_berlaku,
    pagu_berlaku,
    realisasi,
    realisasi - pagu_berlaku as pelampauan
from {sql:realisasi_pagu_berlaku} as lines
where realisasi > pagu_berlaku
