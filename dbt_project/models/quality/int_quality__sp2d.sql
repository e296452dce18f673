-- The SP2D register in force as the SP2D checks read it (the suites sp2d and
-- keandalan_sp2d, and RLD-014 through them): one row per SP2D, its SKPD name matched as
-- int_sp2d__register matches it (sp2d_with_skpd), of the pemda the quality step checks,
-- each input read for them alone. periode, the month the file reports, as a date.
-- The SKPD code is left out: the flags would take it for the OPD a finding is sent to
-- and scored against, which for the BUD's register is not decided.
select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    to_date(periode, 'YYYY-MM') as periode,
    nomor_sp2d,
    nomor_sp2d_tertulis,
    tanggal,
    jenis_sp2d,
    is_uang_keluar,
    bruto,
    nama_skpd,
    status_skpd,
    kandidat_skpd
from (
    {{ sp2d_with_skpd(
        register=rows_in_check_scope(ref('stg_sp2d__register')),
        versions=rows_in_check_scope(ref('int_anggaran__berlaku')),
        budget=rows_in_check_scope(ref('stg_anggaran__rekap5'))) }}
) as register
