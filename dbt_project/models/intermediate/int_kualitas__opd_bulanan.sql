-- What the data quality score is made of, per OPD and month: was a report handed in,
-- on time, covering every sub kegiatan in force, with rows free of errors and of
-- inconsistencies with the finance system; and where a sidak (field visit) verified the
-- month's report, how many of the lines it verified the field bore out.
-- A table: incremental by pemda (macros/build_scope.sql).
{{ config(materialized='incremental') }}
with last_reported as (
    -- Reports are owed up to the latest month any report or realization export of the
    -- pemda covers.
    select kode_pemda, max(bulan) as bulan
    from (
        select distinct kode_pemda, bulan from {{ ref('stg_rfk__laporan') }}
        where {{ in_build_scope('kode_pemda') }}
        union
        select distinct kode_pemda, periode from {{ ref('stg_realisasi__dokumen') }}
        where {{ in_build_scope('kode_pemda') }}
    ) as reported
    group by kode_pemda
),

expected_lines as (
    -- Months an OPD owes a report for (those of its budget in force) and how many sub
    -- kegiatan it has in force then.
    select
        budget.kode_pemda, budget.tahun, budget.kode_skpd as kode_opd, budget.bulan,
        count(*) as sub_kegiatan_berlaku
    from {{ ref('int_sub_kegiatan__bulanan') }} as budget
    join last_reported
        on last_reported.kode_pemda = budget.kode_pemda
        and budget.bulan <= last_reported.bulan
    where {{ in_build_scope('budget.kode_pemda') }}
    group by 1, 2, 3, 4
),

reports as (
    select
        kode_pemda, kode_opd, bulan,
        min(file_id) as file_id,
        count(*) as baris,
        count(distinct kode_sub_kegiatan) as sub_kegiatan_dilaporkan
    from {{ ref('stg_rfk__laporan') }}
    where {{ in_build_scope('kode_pemda') }}
    group by 1, 2, 3
),

received as (
    select file_id, tanggal_diterima from {{ ref('stg_inbox__files') }}
),

row_flags as (
    select
        flags.kode_pemda, flags.kode_opd, flags.periode as bulan,
        count(distinct (flags.file_id, flags.sheet, flags.row_number))
            filter (where flags.severity = 'error') as baris_salah,
        count(distinct (flags.file_id, flags.sheet, flags.row_number))
            filter (where flags.severity = 'warning') as baris_janggal
    from {{ source('quality', 'flags') }} as flags
    where flags.source = 'rfk' and flags.row_number is not null
        and {{ in_build_scope('flags.kode_pemda') }}
    group by 1, 2, 3
),

sidak as (
    -- Lines a sidak verified (a physical % the team saw) and, of them, those the field
    -- did not bear out: REL-017 flagged them (its tolerance is the suite's, kept there).
    select
        visited.kode_pemda, visited.kode_opd, visited.bulan,
        count(*) as baris_sidak,
        count(*) filter (where not_borne_out.file_id is not null) as baris_sidak_tidak_sesuai
    from {{ ref('stg_sidak__kunjungan') }} as visited
    left join (
        select distinct file_id, sheet, row_number
        from {{ source('quality', 'flags') }}
        where rule_id = 'REL-017' and {{ in_build_scope('kode_pemda') }}
    ) as not_borne_out using (file_id, sheet, row_number)
    where visited.fisik_terverifikasi is not null
        and {{ in_build_scope('visited.kode_pemda') }}
    group by 1, 2, 3
)

select
    due.kode_pemda,
    due.tahun,
    due.kode_opd,
    due.bulan,
    reports.file_id is not null as is_laporan_ada,
    received.tanggal_diterima,
    coalesce(received.tanggal_diterima
        <= (due.bulan + interval '1 month' + interval '9 days')::date, false) as is_tepat_waktu,
    coalesce(reports.baris, 0) as baris_laporan,
    coalesce(row_flags.baris_salah, 0) as baris_salah,
    coalesce(row_flags.baris_janggal, 0) as baris_janggal,
    least(coalesce(reports.sub_kegiatan_dilaporkan, 0)::numeric
        / nullif(due.sub_kegiatan_berlaku, 0), 1) as porsi_lengkap,
    coalesce(sidak.baris_sidak, 0) as baris_sidak,
    coalesce(sidak.baris_sidak_tidak_sesuai, 0) as baris_sidak_tidak_sesuai
from expected_lines as due
left join reports using (kode_pemda, kode_opd, bulan)
left join received using (file_id)
left join row_flags using (kode_pemda, kode_opd, bulan)
left join sidak using (kode_pemda, kode_opd, bulan)
