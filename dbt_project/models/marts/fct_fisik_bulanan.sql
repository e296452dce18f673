-- Physical progress per line of each OPD's monthly report (RFK), as the TTB (tertimbang)
-- columns of FORM-RFK show it: the line's physical realization and plan, its pagu in
-- force, its weight (bobot: its share of the pagu of the OPD's lines that weigh in that
-- month) and what it adds to the OPD's physical figures (the TTB figures, % x bobot /
-- 100; they add up to fct_penyerapan_opd_bulanan's). A line that weighs nothing says
-- why. Rows an error rule holds back are not here, as in every mart.
with lines as (
    select *
    from {{ ref('int_rfk__fisik_baris') }}
    where alasan_tidak_ditimbang is distinct from 'ditahan'
        and {{ in_build_scope('kode_pemda') }}
),

weights as (
    select
        *,
        case when is_ditimbang then
            pagu_berlaku * 100 / sum(pagu_berlaku) filter (where is_ditimbang) over opd_month
        end as bobot
    from lines
    window opd_month as (partition by kode_pemda, kode_opd, bulan)
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
    is_ditimbang,
    alasan_tidak_ditimbang,
    round(bobot, 6)::numeric(14, 6) as bobot_persen,
    round(realisasi_fisik_persen * bobot / 100, 6)::numeric(14, 6) as realisasi_fisik_ttb,
    round(rencana_fisik_persen * bobot / 100, 6)::numeric(14, 6) as rencana_fisik_ttb
from weights
