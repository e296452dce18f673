-- Document lines of an account line (sub unit, sub kegiatan, rekening) whose realization
-- from 1 January to the end of the export's month exceeds the line's pagu in the budget
-- version in force at that month's end: overspending (pelampauan). Each export in force
-- flags its own lines of such an account line.
with lines as (
    select * from {batch}
),

account_months as (
    select distinct kode_pemda, tahun, periode, kode_sub_unit, kode_sub_kegiatan,
        kode_rekening
    from lines
),

-- Each account line's realization per month of its lines' dates, beside the months its
-- exports report; summed in month order, the months reported carry what was written up
-- to their end. (A join of each account month to the lines before it, its first form,
-- was estimated at one row: at times the planner then rescanned the budget per row.)
monthly as (
    select kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening,
        date_trunc('month', tanggal_realisasi)::date as bulan, sum(realisasi) as realisasi,
        false as reported
    from lines
    where tanggal_realisasi is not null
    group by 1, 2, 3, 4, 5, 6
    union all
    select kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening,
        periode, 0, true
    from account_months
),

cumulative as (
    select kode_pemda, tahun, periode, kode_sub_unit, kode_sub_kegiatan, kode_rekening,
        realisasi_kumulatif
    from (
        select
            kode_pemda, tahun, bulan as periode, kode_sub_unit, kode_sub_kegiatan,
            kode_rekening, reported,
            sum(realisasi) over (
                partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan,
                    kode_rekening
                order by bulan
                range between unbounded preceding and current row
            ) as realisasi_kumulatif
        from monthly
    ) as running
    where reported
),

overspent as (
    select cumulative.*, budget.versi as versi_berlaku, budget.pagu as pagu_berlaku
    from cumulative
    join {model:int_quality__pagu_rekening} as budget
        on budget.kode_pemda = cumulative.kode_pemda
        and budget.tahun = cumulative.tahun
        and (cumulative.periode + interval '1 month - 1 day')::date
            between budget.berlaku_mulai and budget.berlaku_sampai
        and budget.kode_sub_unit = cumulative.kode_sub_unit
        and budget.kode_sub_kegiatan = cumulative.kode_sub_kegiatan
        and budget.kode_rekening = cumulative.kode_rekening
    where cumulative.realisasi_kumulatif > budget.pagu
)

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.kode_skpd,
    lines.periode,
    lines.kode_sub_unit,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    lines.nomor_dokumen,
    lines.realisasi,
    overspent.versi_berlaku,
    overspent.pagu_berlaku,
    overspent.realisasi_kumulatif,
    overspent.realisasi_kumulatif - overspent.pagu_berlaku as pelampauan
from lines
join overspent using (kode_pemda, tahun, periode, kode_sub_unit, kode_sub_kegiatan,
    kode_rekening)
