-- Account lines repeating an earlier line of the same sheet in every column: the account
-- would be counted twice. The copy is flagged, the first one is kept.
with lines as (
    select * from {batch}
),

numbered as (
    select
        *,
        row_number() over (
            partition by file_id, sheet, kode_skpd, kode_sub_unit, kode_sub_kegiatan,
                nama_sub_kegiatan, kode_rekening, nama_rekening, anggaran, realisasi
            order by row_number
        ) as kemunculan
    from lines
    where not baris_subtotal
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    periode_akhir,
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    anggaran,
    realisasi,
    kemunculan
from numbered
where kemunculan > 1
