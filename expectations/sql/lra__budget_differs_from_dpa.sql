-- Spending rows (akun 5) whose ANGGARAN is not the SKPD's pagu under that account in the
-- budget version in force at the period's end: the sum of its budget lines whose
-- account code begins with the row's (at the row's level), 0 where it has none. Only an
-- SKPD with budget lines in that version is judged (a budget not landed yet says
-- nothing).
with lines as (
    select * from {batch}
    where tingkat is not null and kode_rekening like '5%'
),

budget as (
    select * from {model:int_quality__pagu_rekening}
),

judged as (
    select
        lines.file_id,
        lines.sheet,
        lines.row_number,
        lines.kode_pemda,
        lines.kode_skpd,
        lines.periode_akhir,
        lines.kode_rekening,
        lines.anggaran,
        min(budget.versi) as versi_berlaku,
        coalesce(sum(budget.pagu) filter (
            where budget.kode_rekening = lines.kode_rekening
                or budget.kode_rekening like lines.kode_rekening || '.%'
        ), 0) as pagu_berlaku
    from lines
    join budget
        on budget.kode_pemda = lines.kode_pemda
        and budget.tahun = lines.tahun
        and budget.kode_skpd = lines.kode_skpd
        and lines.periode_akhir between budget.berlaku_mulai and budget.berlaku_sampai
    group by lines.file_id, lines.sheet, lines.row_number, lines.kode_pemda,
        lines.kode_skpd, lines.periode_akhir, lines.kode_rekening, lines.anggaran
)

select *, anggaran - pagu_berlaku as selisih
from judged
where anggaran is distinct from pagu_berlaku
