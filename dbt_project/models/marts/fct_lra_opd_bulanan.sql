-- Absorption from the LRA alone, per SKPD, account and month: what a pemda that sends
-- only the LRA gets. Every level of the file (tingkat 1..6), so a total sums the rows of
-- one tingkat; no sub kegiatan (an LRA has none). Rows an error flag holds back (a
-- malformed code, a parent that is not the sum of its children) are not here.
select
    baris.kode_pemda,
    baris.tahun,
    baris.bulan,
    baris.kode_skpd as kode_opd,
    baris.kode_rekening,
    baris.tingkat,
    case {{ kode_induk('baris.kode_rekening', 1) }}
        when '4' then 'pendapatan'
        when '5' then 'belanja'
        when '6' then 'pembiayaan'
    end as akun,
    baris.uraian,
    baris.anggaran,
    baris.realisasi_kumulatif,
    {{ persen('baris.realisasi_kumulatif', 'baris.anggaran') }} as realisasi_persen,
    baris.file_id,
    baris.sheet,
    baris.row_number
from {{ ref('stg_lra__baris') }} as baris
where baris.tingkat is not null
    and {{ without_error_flags('baris') }}
    and {{ in_build_scope('baris.kode_pemda') }}
