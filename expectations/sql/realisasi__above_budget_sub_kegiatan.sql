-- Sub kegiatan (per sub unit) whose realization, summed over its accounts, exceeds its
-- pagu in the budget version in force at the period's end (never the export's ANGGARAN
-- column). The flag points at the export's own subtotal row of the sub kegiatan, which
-- the reader does not land: SIPD's Laporan Realisasi opens each sub kegiatan's block with
-- it, directly above the block's first row. Where that row above is itself a landed line
-- (an export without subtotal rows), the flag points at the block's first line instead.
with lines as (
    select * from {batch}
),

accounts as (
    -- Each account once (a line repeated would count twice; subtotal rows carrying its
    -- code are left out of the figures), and where its rows start.
    select
        file_id,
        sheet,
        kode_pemda,
        tahun,
        kode_skpd,
        periode_akhir,
        coalesce(kode_sub_unit, kode_skpd) as kode_sub_unit,
        kode_sub_kegiatan,
        min(row_number) as first_row,
        max(realisasi) filter (where not baris_subtotal) as realisasi
    from lines
    group by file_id, sheet, kode_pemda, tahun, kode_skpd, periode_akhir,
        coalesce(kode_sub_unit, kode_skpd), kode_sub_kegiatan, kode_rekening
),

realized as (
    select
        file_id,
        sheet,
        kode_pemda,
        tahun,
        kode_skpd,
        periode_akhir,
        kode_sub_unit,
        kode_sub_kegiatan,
        min(first_row) as first_row,
        sum(realisasi) as realisasi
    from accounts
    group by file_id, sheet, kode_pemda, tahun, kode_skpd, periode_akhir, kode_sub_unit,
        kode_sub_kegiatan
),

overspent as (
    select
        realized.*,
        budget.versi as versi_berlaku,
        budget.pagu as pagu_berlaku
    from realized
    join (
        select kode_pemda, tahun, versi, berlaku_mulai, berlaku_sampai, kode_sub_unit,
            kode_sub_kegiatan, sum(pagu) as pagu
        from {sql:pagu_rekening_berlaku} as lines_in_force
        group by kode_pemda, tahun, versi, berlaku_mulai, berlaku_sampai, kode_sub_unit,
            kode_sub_kegiatan
    ) as budget
        on budget.kode_pemda = realized.kode_pemda
        and budget.tahun = realized.tahun
        and realized.periode_akhir between budget.berlaku_mulai and budget.berlaku_sampai
        and budget.kode_sub_unit = realized.kode_sub_unit
        and budget.kode_sub_kegiatan = realized.kode_sub_kegiatan
    where realized.realisasi > budget.pagu
)

select
    overspent.file_id,
    overspent.sheet,
    case
        when line_above.row_number is null then overspent.first_row - 1
        else overspent.first_row
    end as row_number,
    overspent.kode_pemda,
    overspent.kode_skpd,
    overspent.periode_akhir,
    overspent.kode_sub_unit,
    overspent.kode_sub_kegiatan,
    overspent.versi_berlaku,
    overspent.pagu_berlaku,
    overspent.realisasi,
    overspent.realisasi - overspent.pagu_berlaku as pelampauan
from overspent
left join lines as line_above
    on line_above.file_id = overspent.file_id
    and line_above.sheet = overspent.sheet
    and line_above.row_number = overspent.first_row - 1
