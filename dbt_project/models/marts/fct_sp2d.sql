-- What the BUD paid: one row per SP2D of the registers in force (the BUD's register, the
-- FMIS print, SIPD-RI's JSON records; each SP2D from the latest file that carries it),
-- with the SKPD code the JSON record gives or the budget's SKPD name matched
-- (int_sp2d__register). No sub kegiatan and no account: no SP2D layout has them; the
-- per-document realization joins an SP2D by nomor_sp2d. Personal data (NPWP, the
-- recipient's account) stays in raw; numbers typed into the texts come masked from
-- staging. Rows a quality rule flags as an error are held back, as everywhere in the marts.
{{ config(post_hook="{{ index_on('kode_pemda') }}") }}

{% call with_deprecated_columns() %}
select
    register.kode_pemda,
    register.nomor_sp2d,
    register.nomor_sp2d_tertulis,
    extract(year from register.tanggal)::integer as tahun,
    register.bulan,
    register.tanggal,
    register.tanggal_pembuatan,
    register.tanggal_pencairan,
    register.jenis_sp2d,
    register.jenis_ls,
    register.nomor_spm,
    register.status,
    register.is_uang_keluar,
    register.nama_skpd,
    register.kode_skpd,
    register.kode_sub_unit,
    register.status_skpd,
    register.nama_penerima,
    register.keterangan,
    register.bruto,
    register.potongan,
    register.pph,
    register.ppn,
    register.neto,
    register.layout,
    register.periode,
    register.file_id,
    register.sheet,
    register.row_number
from {{ ref('int_sp2d__register') }} as register
where {{ in_build_scope('register.kode_pemda') }}
    and {{ without_error_flags('register') }}
{% endcall %}
