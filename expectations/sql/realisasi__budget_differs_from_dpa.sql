-- Account lines whose ANGGARAN (the budget the export prints) is not the line's pagu in
-- the budget version in force at the period's end: the export was made against another
-- version, or its budget column was edited. Realization is judged against the budget
-- in force whatever this column says (RLS-010); this says the two disagree.
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
    anggaran as anggaran_di_file,
    versi_berlaku,
    pagu_berlaku,
    anggaran - pagu_berlaku as selisih
from {sql:realisasi_pagu_berlaku} as lines
where anggaran <> pagu_berlaku
