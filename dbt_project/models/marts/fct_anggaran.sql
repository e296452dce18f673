-- Budget (pagu) per budget line per version. The budget in force on a date is
-- `where date 'YYYY-MM-DD' between berlaku_mulai and berlaku_sampai` (a version's span
-- ends with its fiscal year at the latest).
{% call with_deprecated_columns() %}
select
    lines.baris_id,
    lines.kode_versi,
    lines.kode_pemda,
    lines.tahun,
    lines.versi,
    versions.berlaku_mulai,
    versions.berlaku_sampai,
    lines.kode_skpd,
    lines.kode_sub_unit,
    lines.kode_urusan,
    lines.kode_bidang_urusan,
    lines.kode_program,
    lines.kode_kegiatan,
    lines.kode_sub_kegiatan,
    lines.kode_sumber_dana,
    lines.kode_rekening,
    lines.paket_kelompok,
    lines.nama_paket_kelompok,
    lines.pagu::numeric(20, 2) as pagu,
    lines.file_id,
    lines.sheet,
    lines.row_number
from {{ ref('int_anggaran__baris') }} as lines
join {{ ref('int_anggaran__versi') }} as versions using (kode_versi)
where {{ in_build_scope('lines.kode_pemda') }}
{% endcall %}
