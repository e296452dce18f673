-- Cash plan (anggaran kas) lines of the loaded exports, one row per account line. The
-- reader lands each line as twelve rows, one per month, each repeating the line's codes
-- and the totals the file wrote for it (Nilai Rincian as pagu, Total RAK, Selisih); the
-- line is read from its January row, beside what its months make: their sum, and the
-- quarters whose TRIWULAN total (written on the quarter's last month) is not the sum of
-- their three months. The rows of the suite rak; raw's rows as landed, not staging's: the
-- rules judge what was written (staging trims and types it).
with quarters as (
    select
        months.file_id,
        months.sheet,
        months.row_number,
        (months.bulan + 2) / 3 as triwulan_ke,
        sum(months.nilai) as jumlah_triwulan,
        max(months.triwulan) as triwulan_file
    from {{ source('raw', 'rak_anggaran_kas') }} as months
    join quality.files_in_scope('rak') as files using (file_id)
    group by months.file_id, months.sheet, months.row_number, triwulan_ke
),

lines as (
    select
        file_id,
        sheet,
        row_number,
        sum(jumlah_triwulan) as jumlah_rencana_bulanan,
        array_agg(triwulan_ke order by triwulan_ke) filter (
            where triwulan_file is distinct from coalesce(jumlah_triwulan, 0)
                and triwulan_file is not null
        ) as triwulan_berbeda
    from quarters
    group by file_id, sheet, row_number
)

select
    rak.file_id,
    rak.sheet,
    rak.row_number,
    rak.kode_pemda,
    rak.tahun,
    rak.versi,
    rak.kode_skpd,
    rak.kode_sub_unit,
    rak.kode_sub_kegiatan,
    rak.kode_rekening,
    rak.pagu,
    rak.total_rak,
    rak.selisih,
    lines.jumlah_rencana_bulanan,
    lines.triwulan_berbeda
from {{ source('raw', 'rak_anggaran_kas') }} as rak
join quality.files_in_scope('rak') as files using (file_id)
join lines using (file_id, sheet, row_number)
where rak.bulan = 1
