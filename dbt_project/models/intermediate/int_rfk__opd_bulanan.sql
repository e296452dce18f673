-- Each OPD's monthly report (RFK) in one row: its physical realization and physical plan
-- (rencana fisik, the S-curve), each line weighted by its pagu in force (tertimbang,
-- int_rfk__fisik_baris): sum(pagu berlaku x %) / sum(pagu berlaku) over the lines that
-- weigh in. The plan is weighed over the same lines, and only when each of them reports
-- one: a plan is never guessed for a line without it, and a plan of fewer lines than the
-- realization is not the realization's plan. An OPD that sent no report has no row
-- here, so its figures stay unknown rather than 0. Rows a quality rule flags as an error
-- count for the report's existence but not in its figures.
with lines as (
    select
        *,
        is_ditimbang and rencana_fisik_persen is not null as is_berencana
    from {{ ref('int_rfk__fisik_baris') }}
),

weighed as (
    select
        kode_pemda,
        tahun,
        bulan,
        kode_opd,
        max(file_id) as file_id,
        count(*) as jumlah_baris,
        count(*) filter (where alasan_tidak_ditimbang = 'ditahan') as jumlah_baris_ditahan,
        count(*) filter (where is_ditimbang) as jumlah_baris_ditimbang,
        count(*) filter (where is_berencana) as jumlah_baris_berencana,
        sum(pagu_berlaku) filter (where is_ditimbang) as pagu_ditimbang,
        sum(pagu_berlaku * realisasi_fisik_persen) filter (where is_ditimbang)
            as realisasi_kali_pagu,
        sum(pagu_berlaku * rencana_fisik_persen) filter (where is_berencana)
            as rencana_kali_pagu
    from lines
    group by kode_pemda, tahun, bulan, kode_opd
)

select
    kode_pemda,
    tahun,
    bulan,
    kode_opd,
    file_id,
    jumlah_baris,
    jumlah_baris_ditahan,
    jumlah_baris_ditimbang,
    pagu_ditimbang::numeric(20, 2) as pagu_ditimbang,
    round(realisasi_kali_pagu / nullif(pagu_ditimbang, 0), 2)::numeric(9, 2)
        as realisasi_fisik_persen,
    case when jumlah_baris_berencana = jumlah_baris_ditimbang then
        round(rencana_kali_pagu / nullif(pagu_ditimbang, 0), 2)
    end::numeric(9, 2) as rencana_fisik_persen,
    jumlah_baris_ditimbang > 0 and jumlah_baris_berencana = jumlah_baris_ditimbang
        as is_ada_rencana_fisik
from weighed
