-- OPD-months without a report. An OPD owes one for each month in which the budget in
-- force at the month's end gives it a PAGU above 0, up to the latest month any OPD of
-- the pemda reported, once that month's deadline (the 10th of the next month) is past.
-- One finding per OPD-month, without a file.
with report_rows as (
    select * from {batch}
),

reported as (
    select distinct kode_pemda, tahun, kode_opd, periode from report_rows
),

months as (
    select kode_pemda, tahun, month::date as periode
    from (
        select kode_pemda, tahun, max(periode) as latest
        from reported
        group by kode_pemda, tahun
    ) as reporting
    cross join generate_series(make_date(tahun, 1, 1), latest, interval '1 month') as month
    where month + interval '1 month 9 days' < current_date
),

owed as (
    -- The SKPD with a PAGU above 0 in the version in force at each month's end.
    select distinct
        months.kode_pemda,
        months.tahun,
        months.periode,
        budget.kode_skpd as kode_opd
    from months
    join {model:int_quality__anggaran_berlaku} as budget
        on budget.kode_pemda = months.kode_pemda
        and budget.tahun = months.tahun
        and (months.periode + interval '1 month - 1 day')::date
            between budget.berlaku_mulai and budget.berlaku_sampai
    where budget.pagu > 0
)

select
    null::bigint as file_id,
    null::text as sheet,
    null::integer as row_number,
    owed.kode_pemda,
    owed.kode_opd,
    owed.periode
from owed
where not exists (
    select 1
    from reported
    where reported.kode_pemda = owed.kode_pemda
        and reported.tahun = owed.tahun
        and reported.kode_opd = owed.kode_opd
        and reported.periode = owed.periode
)
