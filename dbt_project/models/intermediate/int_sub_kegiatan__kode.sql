-- Sub kegiatan of each pemda under every code a source uses, with the hierarchy above
-- (urusan > bidang urusan > program > kegiatan): codes and names from the latest budget
-- version; a code no budget has takes its levels from its own segments
-- (9.99.99.9.99.9999) and its name from the latest export or report that names it.
-- Rows a quality rule flags as an error are left out, as from the facts.
-- A table, incremental by pemda (macros/build_scope.sql), as the dimension it feeds.
{{ config(materialized='incremental') }}
with named as (
    -- prioritas ranks the sources, terbaru the files in one
    -- each source cut to its distinct rows first: a cash plan has twelve per line
    select distinct
        kode_pemda, kode_sub_kegiatan, nama_sub_kegiatan,
        kode_kegiatan, nama_kegiatan, kode_program, nama_program,
        kode_bidang_urusan, nama_bidang_urusan, kode_urusan, nama_urusan,
        1 as prioritas, tanggal_versi as terbaru, file_id
    from {{ ref('stg_anggaran__rekap5') }} as rekap5
    where {{ in_build_scope('rekap5.kode_pemda') }} and {{ without_error_flags('rekap5') }}
    union all
    select distinct
        kode_pemda, kode_sub_kegiatan, nama_sub_kegiatan,
        null, null, null, null, null, null, null, null,
        2, periode, file_id
    from {{ ref('stg_realisasi__dokumen') }} as dokumen
    where {{ in_build_scope('dokumen.kode_pemda') }} and {{ without_error_flags('dokumen') }}
    union all
    select distinct
        kode_pemda, kode_sub_kegiatan, nama_sub_kegiatan,
        null, null, null, null, null, null, null, null,
        3, null::date, file_id
    from {{ ref('stg_rak__anggaran_kas') }} as rak
    where {{ in_build_scope('rak.kode_pemda') }} and {{ without_error_flags('rak') }}
    union all
    select distinct
        kode_pemda, kode_sub_kegiatan, nama_sub_kegiatan,
        null, null, null, null, null, null, null, null,
        5, bulan, file_id
    from {{ ref('stg_rfk__laporan') }} as rfk
    where {{ in_build_scope('rfk.kode_pemda') }} and {{ without_error_flags('rfk') }}
),

latest as (
    select distinct on (kode_pemda, kode_sub_kegiatan) *
    from named
    where kode_sub_kegiatan is not null
    order by kode_pemda, kode_sub_kegiatan, prioritas, nama_sub_kegiatan is null,
        terbaru desc nulls last, file_id desc
)

select
    kode_pemda,
    kode_sub_kegiatan,
    nama_sub_kegiatan,
    coalesce(kode_kegiatan, array_to_string((string_to_array(kode_sub_kegiatan, '.'))[1:5], '.'))
        as kode_kegiatan,
    nama_kegiatan,
    coalesce(kode_program, array_to_string((string_to_array(kode_sub_kegiatan, '.'))[1:3], '.'))
        as kode_program,
    nama_program,
    coalesce(kode_bidang_urusan,
        array_to_string((string_to_array(kode_sub_kegiatan, '.'))[1:2], '.'))
        as kode_bidang_urusan,
    nama_bidang_urusan,
    coalesce(kode_urusan, split_part(kode_sub_kegiatan, '.', 1)) as kode_urusan,
    nama_urusan,
    prioritas = 1 as is_dianggarkan
from latest
