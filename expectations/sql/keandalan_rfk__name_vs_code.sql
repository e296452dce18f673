-- Report rows whose sub kegiatan name is none of the names the budget gives the code in
-- the year, compared with case, spaces, punctuation and line breaks folded away (those
-- drift between exports; a name of another sub kegiatan does not). Malformed and unknown
-- codes and subtotal rows have rules of their own.
with report_rows as (
    select * from {batch}
),

budget_names as (
    select
        rekap5.kode_pemda,
        files.tahun,
        rekap5.kode_sub_kegiatan,
        rekap5.nama_sub_kegiatan,
        upper(regexp_replace(rekap5.nama_sub_kegiatan, '[^A-Za-z0-9]', '', 'g')) as nama_dilipat,
        rekap5.tanggal_versi
    from raw.anggaran_rekap5 as rekap5
    join quality.files_in_scope('anggaran') as files using (file_id)
    -- nothing to compare without both (and an IN over a null says null)
    where rekap5.kode_sub_kegiatan is not null
        and rekap5.nama_sub_kegiatan is not null
),

latest_names as (
    -- The name to show: the latest version's.
    select distinct on (kode_pemda, tahun, kode_sub_kegiatan)
        kode_pemda,
        tahun,
        kode_sub_kegiatan,
        nama_sub_kegiatan
    from budget_names
    order by kode_pemda, tahun, kode_sub_kegiatan, tanggal_versi desc
)

select
    report_rows.file_id,
    report_rows.sheet,
    report_rows.row_number,
    report_rows.kode_pemda,
    report_rows.kode_opd,
    report_rows.periode,
    report_rows.kode_sub_kegiatan,
    report_rows.nama_sub_kegiatan,
    latest_names.nama_sub_kegiatan as nama_di_anggaran
from report_rows
join latest_names using (kode_pemda, tahun, kode_sub_kegiatan)
where not report_rows.baris_subtotal
    and report_rows.kode_dikenal
    and (report_rows.kode_pemda, report_rows.tahun, report_rows.kode_sub_kegiatan,
         upper(regexp_replace(coalesce(report_rows.nama_sub_kegiatan, ''), '[^A-Za-z0-9]', '', 'g')))
        not in (select kode_pemda, tahun, kode_sub_kegiatan, nama_dilipat from budget_names)
