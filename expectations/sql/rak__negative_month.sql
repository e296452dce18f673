-- Months of a line planning a negative amount: a cash plan draws money, 0 or more.
with plan_lines as materialized (
    -- once: inlined, a misestimated join read it again for every negative month
    select * from {batch}
),

negative_months as (
    -- the months of the batch's files alone, read file by file through the table's key:
    -- the batch holds the pemda in scope, the raw table every pemda's. (offset 0 keeps
    -- the lookup per file: joined plainly, the planner, expecting few negative months,
    -- scans every pemda's months for them first.)
    select months.*
    from (select distinct file_id from plan_lines) as batch_files
    cross join lateral (
        select *
        from raw.rak_anggaran_kas as months
        where months.file_id = batch_files.file_id and months.nilai < 0
        offset 0
    ) as months
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
join negative_months as months using (file_id, sheet, row_number)
