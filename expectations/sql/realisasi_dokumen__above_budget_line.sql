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

cumulative as (
    select
        account_months.kode_pemda,
        account_months.tahun,
        account_months.periode,
        account_months.kode_sub_unit,
        account_months.kode_sub_kegiatan,
        account_months.kode_rekening,
        sum(lines.realisasi) as realisasi_kumulatif
    from account_months
    join lines using (kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening)
    where lines.tanggal_realisasi < account_months.periode + interval '1 month'
    group by 1, 2, 3, 4, 5, 6
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
