-- Account lines whose twelve monthly amounts do not add up to their PAGU: the plan
-- draws more, or less, than the budget. One finding per line, without a month.
with plan_lines as (
    select * from {batch}
),

planned as (
    -- the months of the batch's files alone, read by file through the table's key: the
    -- batch holds the pemda in scope, the raw table every pemda's
    select months.file_id, months.sheet, months.row_number,
        sum(months.nilai) as jumlah_rencana_bulanan
    from (select distinct file_id from {batch}) as batch_files
    join raw.rak_anggaran_kas as months using (file_id)
    group by months.file_id, months.sheet, months.row_number
)

select
    plan_lines.file_id,
    plan_lines.sheet,
    plan_lines.row_number,
    plan_lines.kode_pemda,
    plan_lines.kode_skpd,
    plan_lines.versi,
    plan_lines.kode_sub_kegiatan,
    plan_lines.kode_rekening,
    plan_lines.pagu,
    planned.jumlah_rencana_bulanan
from plan_lines
join planned using (file_id, sheet, row_number)
where planned.jumlah_rencana_bulanan is distinct from plan_lines.pagu
