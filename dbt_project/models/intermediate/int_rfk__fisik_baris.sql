-- Each OPD report row in force with what it weighs in its OPD's physical % of the month
-- (tertimbang, as the TTB columns of FORM-RFK): the pagu in force at the month's end of
-- the budget line it reports, in the OPD's budget. A row is a sub kegiatan (its code, or
-- the code its name matches, int_rfk__kode_dari_nama) or, in a form for one sub kegiatan
-- or kegiatan, an account of it (the account its code or name matches). A row weighs in
-- (is_ditimbang) when no error holds it back, it reports a physical realization and its
-- line has a pagu in force above 0; alasan_tidak_ditimbang says why another does not.
-- Nothing is guessed: a line the budget in force does not have weighs nothing.
-- A table, incremental by pemda (macros/build_scope.sql), read by two models.
{{ config(materialized='incremental') }}
with report_rows as (
    select
        laporan.kode_pemda,
        laporan.tahun,
        laporan.bulan,
        laporan.kode_opd,
        laporan.file_id,
        laporan.sheet,
        laporan.row_number,
        laporan.layout,
        laporan.tingkat,
        coalesce(laporan.kode_sub_kegiatan, by_name.kode_sub_kegiatan) as kode_sub_kegiatan,
        case when laporan.tingkat = 'rekening' then by_name.kode_rekening end as kode_rekening,
        coalesce(laporan.nama_rekening, laporan.nama_sub_kegiatan) as uraian,
        laporan.realisasi_fisik_persen,
        laporan.rencana_fisik_persen,
        {{ readable_by_leadership('laporan') }} as is_dihitung
    from {{ ref('stg_rfk__laporan') }} as laporan
    left join {{ ref('int_rfk__kode_dari_nama') }} as by_name
        on by_name.file_id = laporan.file_id
        and by_name.sheet = laporan.sheet
        and by_name.row_number = laporan.row_number
        and {{ in_build_scope('by_name.kode_pemda') }}
    where {{ in_build_scope('laporan.kode_pemda') }}
),

pagu_rekening as (
    -- the pagu in force at the month's end per account of the reporting OPDs' budgets
    select kode_pemda, bulan, kode_skpd, kode_sub_kegiatan, kode_rekening, sum(pagu) as pagu
    from {{ ref('int_anggaran__bulanan') }}
    where {{ in_build_scope('kode_pemda') }}
        and (kode_pemda, bulan, kode_skpd) in (
            select kode_pemda, bulan, kode_opd from report_rows)
    group by kode_pemda, bulan, kode_skpd, kode_sub_kegiatan, kode_rekening
),

pagu_sub_kegiatan as (
    select kode_pemda, bulan, kode_skpd, kode_sub_kegiatan, sum(pagu) as pagu
    from pagu_rekening
    group by kode_pemda, bulan, kode_skpd, kode_sub_kegiatan
),

weighed as (
    select
        report_rows.*,
        (case when report_rows.tingkat = 'rekening' then pagu_rekening.pagu
              else pagu_sub_kegiatan.pagu end)::numeric(20, 2) as pagu_berlaku
    from report_rows
    left join pagu_sub_kegiatan
        on report_rows.tingkat = 'sub_kegiatan'
        and pagu_sub_kegiatan.kode_pemda = report_rows.kode_pemda
        and pagu_sub_kegiatan.bulan = report_rows.bulan
        and pagu_sub_kegiatan.kode_skpd = report_rows.kode_opd
        and pagu_sub_kegiatan.kode_sub_kegiatan = report_rows.kode_sub_kegiatan
    left join pagu_rekening
        on report_rows.tingkat = 'rekening'
        and pagu_rekening.kode_pemda = report_rows.kode_pemda
        and pagu_rekening.bulan = report_rows.bulan
        and pagu_rekening.kode_skpd = report_rows.kode_opd
        and pagu_rekening.kode_sub_kegiatan = report_rows.kode_sub_kegiatan
        and pagu_rekening.kode_rekening = report_rows.kode_rekening
),

judged as (
    select
        *,
        case
            when not is_dihitung then 'ditahan'
            when realisasi_fisik_persen is null then 'tanpa_realisasi_fisik'
            when kode_sub_kegiatan is null
                or (tingkat = 'rekening' and kode_rekening is null) then 'baris_tidak_dikenali'
            when coalesce(pagu_berlaku, 0) <= 0 then 'tanpa_pagu_berlaku'
        end as alasan_tidak_ditimbang
    from weighed
)

select
    kode_pemda,
    tahun,
    bulan,
    kode_opd,
    file_id,
    sheet,
    row_number,
    layout,
    tingkat,
    kode_sub_kegiatan,
    kode_rekening,
    uraian,
    pagu_berlaku,
    realisasi_fisik_persen,
    rencana_fisik_persen,
    alasan_tidak_ditimbang is null as is_ditimbang,
    alasan_tidak_ditimbang
from judged
