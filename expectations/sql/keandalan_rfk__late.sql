-- OPD-months whose report arrived after the deadline, the 10th of the next month. An
-- upload arrived on its sidecar's extra "diterima" (the day the OPD handed it in, as
-- the upload portal records it), else on the day serapan received it; the month counts
-- as handed in with its first upload. One finding per OPD-month, on that upload.
with report_rows as (
    select * from {batch}
),

uploads as (
    select distinct
        report_rows.kode_pemda,
        report_rows.kode_opd,
        report_rows.periode,
        report_rows.file_id,
        case
            when pg_input_is_valid(files.meta -> 'extra' ->> 'diterima', 'date')
                then (files.meta -> 'extra' ->> 'diterima')::date
            else files.received_at::date
        end as diterima
    from report_rows
    join raw.files as files using (file_id)
),

first_uploads as (
    select distinct on (kode_pemda, kode_opd, periode)
        *,
        (periode + interval '1 month 9 days')::date as batas
    from uploads
    order by kode_pemda, kode_opd, periode, diterima, file_id
)

select
    file_id,
    null::text as sheet,
    null::integer as row_number,
    kode_pemda,
    kode_opd,
    periode,
    diterima,
    batas,
    diterima - batas as hari_terlambat
from first_uploads
where diterima > batas
