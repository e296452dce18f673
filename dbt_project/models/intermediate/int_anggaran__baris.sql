-- Budget lines (rows with a rekening, none flagged as an error) with an identity that
-- holds across versions.
-- The natural key (sub unit, sub kegiatan, sumber dana, rekening, paket) repeats in
-- real exports, so repeated keys are told apart by their order in the file.
-- A table: read by every budget model; a view would be recomputed per reader.
{{ config(materialized='incremental') }}
with lines as (
    select
        *,
        row_number() over (
            partition by kode_pemda, tahun, versi, kode_sub_unit, kode_sub_kegiatan,
                kode_sumber_dana, kode_rekening, paket_kelompok, nama_paket_kelompok
            order by row_number
        ) as urutan_kunci
    from {{ ref('stg_anggaran__rekap5') }} as rekap5
    where kode_rekening is not null
        and {{ in_build_scope('rekap5.kode_pemda') }}
        and {{ without_error_flags('rekap5') }}
)

select
    md5(concat_ws('|',
        kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, coalesce(kode_sumber_dana, '-'),
        kode_rekening, coalesce(paket_kelompok, '-'), coalesce(nama_paket_kelompok, '-'),
        urutan_kunci
    )) as baris_id,
    kode_pemda || '/' || tahun || '/' || versi as kode_versi,
    *
from lines
