-- Whole-year workbooks (an upload without a month in its metadata that lands several
-- month sheets) lacking a month between January and their last month: the sheet is
-- absent, or was left without any realization. One finding per missing month, on the
-- workbook.
with report_rows as (
    select * from {batch}
),

workbook_months as (
    select distinct file_id, kode_pemda, kode_opd, tahun, periode from report_rows
),

workbooks as (
    select
        workbook_months.file_id,
        workbook_months.kode_pemda,
        workbook_months.kode_opd,
        workbook_months.tahun,
        max(workbook_months.periode) as bulan_terakhir
    from workbook_months
    join raw.files as files using (file_id)
    where files.meta ->> 'periode' is null
    group by workbook_months.file_id, workbook_months.kode_pemda, workbook_months.kode_opd,
        workbook_months.tahun
    having count(*) > 1
)

select
    workbooks.file_id,
    null::text as sheet,
    null::integer as row_number,
    workbooks.kode_pemda,
    workbooks.kode_opd,
    month::date as periode,
    workbooks.bulan_terakhir
from workbooks
cross join generate_series(make_date(workbooks.tahun, 1, 1), workbooks.bulan_terakhir,
                           interval '1 month') as month
where not exists (
    select 1
    from workbook_months
    where workbook_months.file_id = workbooks.file_id
        and workbook_months.periode = month::date
)
