-- Rows whose ANGGARAN or REALISASI is not the sum of their children's in the same sheet
-- (the rows one level deeper whose code begins with theirs): the file contradicts
-- itself, and its totals of one level disagree with those of the next. A row without
-- children in the file (the deepest level it prints) is not judged.
with lines as (
    select * from {batch}
),

children as (
    select
        parent.file_id,
        parent.sheet,
        parent.row_number,
        sum(child.anggaran) as anggaran_rincian,
        sum(child.realisasi) as realisasi_rincian
    from lines as parent
    join lines as child
        on child.file_id = parent.file_id
        and child.sheet = parent.sheet
        and child.tingkat = parent.tingkat + 1
        and child.kode_rekening like parent.kode_rekening || '.%'
    group by parent.file_id, parent.sheet, parent.row_number
)

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.kode_skpd,
    lines.periode_akhir,
    lines.kode_rekening,
    lines.uraian,
    lines.anggaran,
    children.anggaran_rincian,
    lines.realisasi,
    children.realisasi_rincian
from lines
join children using (file_id, sheet, row_number)
where lines.anggaran is distinct from children.anggaran_rincian
    or lines.realisasi is distinct from children.realisasi_rincian
