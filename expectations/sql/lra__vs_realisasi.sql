-- Rows whose REALISASI is not the realization the finance system's exports give the
-- SKPD under that account at the same month's end: the sum of the per-document lines
-- of the SKPD counted by the month's end (int_quality__realisasi_kumulatif) whose code
-- begins with the row's (at
-- the row's level; the lines are of level 6, so every level of the LRA is compared).
-- Only a month with a realization export of the pemda is judged; a month without one
-- says nothing. dbt's int_lra__rekonsiliasi compares the same rows with what the marts
-- count (int_realisasi__bulanan).
with lines as (
    select * from {batch}
    where tingkat is not null
),

tolerance as (
    -- Selisih yang dibiarkan / tolerated difference, in Rupiah (meta.parameters).
    select ${toleransi_lra_rupiah}::numeric as rupiah
),

realization as (
    select * from {model:int_quality__realisasi_kumulatif}
),

months as (
    select distinct kode_pemda, tahun, bulan from realization
),

judged as (
    select
        lines.file_id,
        lines.sheet,
        lines.row_number,
        lines.kode_pemda,
        lines.kode_skpd,
        lines.periode_akhir,
        lines.kode_rekening,
        lines.tingkat,
        lines.realisasi,
        coalesce((
            select sum(realization.realisasi)
            from realization
            where realization.kode_pemda = lines.kode_pemda
                and realization.tahun = lines.tahun
                and realization.bulan = date_trunc('month', lines.periode_akhir)
                and realization.kode_skpd = lines.kode_skpd
                and (realization.kode_rekening = lines.kode_rekening
                    or realization.kode_rekening like lines.kode_rekening || '.%')
        ), 0) as realisasi_sipd
    from lines
    join months
        on months.kode_pemda = lines.kode_pemda
        and months.tahun = lines.tahun
        and months.bulan = date_trunc('month', lines.periode_akhir)
)

select judged.*, judged.realisasi - judged.realisasi_sipd as selisih
from judged
cross join tolerance
where abs(coalesce(judged.realisasi, 0) - judged.realisasi_sipd) > tolerance.rupiah
