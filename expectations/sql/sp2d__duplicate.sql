-- Lines repeating an earlier line of the same file in every column: the payment would
-- count twice. The copy is flagged, the first one is kept.
with sp2d_lines as (
    select * from {batch}
),

numbered as (
    select
        *,
        row_number() over (
            partition by file_id, sheet, nomor_sp2d, tanggal_sp2d, jenis_sp2d, nomor_spm,
                kode_skpd, kode_sub_unit, kode_sub_kegiatan, kode_rekening, uraian, nilai,
                potongan
            order by row_number
        ) as kemunculan
    from sp2d_lines
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    tanggal_sp2d,
    bulan,
    nomor_sp2d,
    kode_rekening,
    nilai,
    kemunculan
from numbered
where kemunculan > 1
