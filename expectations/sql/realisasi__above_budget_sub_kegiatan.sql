-- Sub kegiatan (per sub unit) whose realization, summed over its accounts, exceeds its
-- budget. The flag points at the export's own subtotal row of the sub kegiatan, which
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
        kode_skpd,
        periode_akhir,
        kode_sub_unit,
        kode_sub_kegiatan,
        min(row_number) as first_row,
        max(anggaran) filter (where not baris_subtotal) as anggaran,
        max(realisasi) filter (where not baris_subtotal) as realisasi
    from lines
    group by file_id, sheet, kode_pemda, kode_skpd, periode_akhir, kode_sub_unit,
        kode_sub_kegiatan, kode_rekening
),

overspent as (
    select
        file_id,
        sheet,
        kode_pemda,
        kode_skpd,
        periode_akhir,
        kode_sub_unit,
        kode_sub_kegiatan,
        min(first_row) as first_row,
        sum(anggaran) as anggaran,
        sum(realisasi) as realisasi
    from accounts
    group by file_id, sheet, kode_pemda, kode_skpd, periode_akhir, kode_sub_unit,
        kode_sub_kegiatan
    having sum(realisasi) > sum(anggaran)
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
    overspent.anggaran,
    overspent.realisasi,
    overspent.realisasi - overspent.anggaran as pelampauan
from overspent
left join lines as line_above
    on line_above.file_id = overspent.file_id
    and line_above.sheet = overspent.sheet
    and line_above.row_number = overspent.first_row - 1
