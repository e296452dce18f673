-- Rows of the OPD monthly reports (RFK) in force (files loaded), as the OPD wrote them,
-- each marked with what several rules need to know about it. A report is one sheet of
-- one upload for one month; an OPD-month may have two loaded uploads (its single-month
-- file and its whole-year workbook), and every row of both is judged.
-- The rows of the suites rfk and keandalan_rfk. Raw's rows as landed, not staging's:
-- the rules judge what was written (staging trims and types it).
with landed as (
    select
        rfk.file_id,
        rfk.sheet,
        rfk.row_number,
        rfk.kode_pemda,
        rfk.kode_opd,
        rfk.tahun,
        rfk.periode,
        rfk.tingkat,
        rfk.lingkup,
        rfk.kode_sub_kegiatan,
        rfk.nama_sub_kegiatan,
        rfk.kode_rekening,
        rfk.nama_rekening,
        rfk.sumber_dana,
        rfk.pagu,
        rfk.rak,
        rfk.rak_satuan,
        rfk.realisasi_keuangan,
        rfk.rencana_fisik,
        rfk.realisasi_fisik
    from {{ source('raw', 'rfk_laporan') }} as rfk
    join quality.files_in_scope('rfk') as files using (file_id)
),

baris_anggaran as (
    -- Each OPD's sub kegiatan in any budget version of the year (loaded Rekap 5), with
    -- the kegiatan and program above it. Rows without a code are left out: they match
    -- nothing, and an IN over a null says null.
    select distinct
        rekap5.kode_pemda,
        files.tahun,
        rekap5.kode_skpd,
        rekap5.kode_sub_kegiatan,
        rekap5.nama_sub_kegiatan,
        rekap5.nama_kegiatan,
        rekap5.nama_program
    from {{ source('raw', 'anggaran_rekap5') }} as rekap5
    join quality.files_in_scope('anggaran') as files using (file_id)
    where files.tahun is not null
        and rekap5.kode_skpd is not null
        and rekap5.kode_sub_kegiatan is not null
),

kode_anggaran as (
    select distinct kode_pemda, tahun, kode_skpd, kode_sub_kegiatan
    from baris_anggaran
),

heading_names as (
    -- The names, folded, of each OPD's kegiatan and programs that none of its sub
    -- kegiatan also has: a row without a code under such a name (the field's forms write
    -- none) heads its sub kegiatan and carries their sums.
    select kode_pemda, tahun, kode_skpd, raw.fold_name(nama) as nama_dilipat
    from baris_anggaran
    cross join lateral (values (nama_kegiatan), (nama_program)) as heading (nama)
    where nama is not null
    except
    select kode_pemda, tahun, kode_skpd, raw.fold_name(nama_sub_kegiatan)
    from baris_anggaran
),

classified as (
    select
        *,
        -- A subtotal the reader took for data because a code stands in its code cell: a
        -- JUMLAH/TOTAL label where the name belongs, or a kegiatan code padded to look
        -- like a sub kegiatan (1.02.02.2.01.00); or, in a form without codes, a row named
        -- as one of its OPD's kegiatan or programs. Never null: a row without a code is
        -- judged by the rules as any other.
        (coalesce(nama_sub_kegiatan ~* '^\s*(jumlah|sub\s*total|total)\M', false)
            or coalesce(kode_sub_kegiatan ~ '^\d\.\d\d\.\d\d\.\d\.\d\d\.0+$', false)
            or coalesce(kode_sub_kegiatan is null and tingkat = 'sub_kegiatan'
                and (kode_pemda, tahun, kode_opd, raw.fold_name(nama_sub_kegiatan)) in (
                    select kode_pemda, tahun, kode_skpd, nama_dilipat from heading_names),
                false))
            as baris_subtotal,
        -- Financial realization as a share of the budget the OPD reports, as its sheet
        -- shows it (two decimals).
        case when pagu > 0 then round(realisasi_keuangan / pagu * 100, 2) end
            as persen_keuangan,
        -- Whether the OPD's budget of the year has the code; null without a budget loaded.
        case when (kode_pemda, tahun) in (select kode_pemda, tahun from kode_anggaran)
            then (kode_pemda, tahun, kode_opd, kode_sub_kegiatan) in (
                select kode_pemda, tahun, kode_skpd, kode_sub_kegiatan from kode_anggaran)
        end as kode_dikenal,
        -- The OPD's previous report: its latest earlier month with one (the month before,
        -- unless that one is missing).
        max(periode) over (
            partition by kode_pemda, kode_opd, tahun order by periode
            range between unbounded preceding and '1 day' preceding
        ) as periode_bulan_lalu,
        -- One key for the OPD's sub kegiatan (in its funding-source block), or its
        -- account, in the year: a row meets its previous month's figure on the whole key
        -- at once (on several columns of derived rows the planner misjudges the join into
        -- nested loops). A row without a code is known by its names, folded.
        concat_ws('|', kode_pemda, kode_opd, tahun,
                  coalesce(kode_sub_kegiatan, raw.fold_name(nama_sub_kegiatan)),
                  coalesce(raw.fold_code(kode_rekening), raw.fold_name(nama_rekening)),
                  sumber_dana) as kunci_sub_kegiatan,
        -- The month's latest upload of its part of the report (a form of one sub
        -- kegiatan, lingkup): where the OPD's figures of the month are read.
        file_id = max(file_id) over (partition by kode_pemda, kode_opd, tahun, periode,
                                                  lingkup) as upload_terakhir
    from landed
),

month_figures as (
    -- A month's figures per sub kegiatan: the first row of the code in the month's latest
    -- upload that is not a subtotal (a repeated row comes after the row it repeats).
    select distinct on (kunci_sub_kegiatan, periode)
        kunci_sub_kegiatan,
        periode,
        realisasi_keuangan,
        realisasi_fisik
    from classified
    where upload_terakhir and not baris_subtotal
    order by kunci_sub_kegiatan, periode, row_number
),

with_previous as (
    select
        classified.*,
        previous.realisasi_keuangan as realisasi_keuangan_bulan_lalu,
        previous.realisasi_fisik as realisasi_fisik_bulan_lalu
    from classified
    left join month_figures as previous
        on previous.kunci_sub_kegiatan = classified.kunci_sub_kegiatan
        and previous.periode = classified.periode_bulan_lalu
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_opd,
    tahun,
    periode,
    tingkat,
    kode_sub_kegiatan,
    nama_sub_kegiatan,
    kode_rekening,
    nama_rekening,
    -- what the row can be matched to the budget by: a code, else a name
    coalesce(kode_sub_kegiatan, nama_sub_kegiatan, kode_rekening, nama_rekening)
        as kode_atau_nama,
    sumber_dana,
    pagu,
    rak,
    rak_satuan,
    realisasi_keuangan,
    rencana_fisik,
    realisasi_fisik,
    baris_subtotal,
    persen_keuangan,
    kode_dikenal,
    periode_bulan_lalu,
    realisasi_keuangan_bulan_lalu,
    realisasi_fisik_bulan_lalu,
    -- The whole report repeats the previous one: no row (subtotals aside) changed its
    -- financial or physical realization, most rows could be compared (a code fixed or
    -- mistyped since leaves its row without a match) and something had been realized.
    coalesce(
        count(*) filter (where not baris_subtotal
                         and (realisasi_keuangan <> realisasi_keuangan_bulan_lalu
                              or realisasi_fisik <> realisasi_fisik_bulan_lalu)) over report = 0
        and count(realisasi_keuangan_bulan_lalu) filter (where not baris_subtotal) over report * 2
            > count(*) filter (where not baris_subtotal) over report
        and bool_or(realisasi_keuangan > 0) filter (where not baris_subtotal) over report,
        false
    ) as laporan_sama_bulan_lalu
from with_previous
window report as (partition by file_id, sheet, periode)
