-- Report rows whose PAGU is not the sub kegiatan's budget in the DPA in force at the
-- month's end (the OPD's lines of the Rekap 5 version in force, summed): a past
-- version's budget, or a mistyped one. Rows without a budget, or with a code the OPD's
-- budget does not know, have rules of their own.
with report_rows as (
    select * from {batch}
),

version_in_force as (
    -- The version in force at each reported month's end.
    select distinct
        months.kode_pemda,
        months.tahun,
        months.periode,
        budget.file_id,
        budget.versi
    from (select distinct kode_pemda, tahun, periode from report_rows) as months
    join {model:int_quality__anggaran_berlaku} as budget
        on budget.kode_pemda = months.kode_pemda
        and budget.tahun = months.tahun
        and (months.periode + interval '1 month - 1 day')::date
            between budget.berlaku_mulai and budget.berlaku_sampai
),

dpa as (
    select
        version_in_force.kode_pemda,
        version_in_force.tahun,
        version_in_force.periode,
        budget.kode_skpd,
        budget.kode_sub_kegiatan,
        coalesce(sum(budget.pagu), 0) as pagu
    from version_in_force
    join {model:int_quality__anggaran_berlaku} as budget using (file_id)
    group by version_in_force.kode_pemda, version_in_force.tahun, version_in_force.periode,
        budget.kode_skpd, budget.kode_sub_kegiatan
)

select
    report_rows.file_id,
    report_rows.sheet,
    report_rows.row_number,
    report_rows.kode_pemda,
    report_rows.kode_opd,
    report_rows.periode,
    report_rows.kode_sub_kegiatan,
    report_rows.pagu as pagu_dilaporkan,
    coalesce(dpa.pagu, 0) as pagu_dpa,
    version_in_force.versi as versi_dpa
from report_rows
join version_in_force using (kode_pemda, tahun, periode)
left join dpa
    on dpa.kode_pemda = report_rows.kode_pemda
    and dpa.tahun = report_rows.tahun
    and dpa.periode = report_rows.periode
    and dpa.kode_skpd = report_rows.kode_opd
    and dpa.kode_sub_kegiatan = report_rows.kode_sub_kegiatan
where not report_rows.baris_subtotal
    and report_rows.kode_dikenal
    and report_rows.pagu > 0
    and report_rows.pagu <> coalesce(dpa.pagu, 0)
