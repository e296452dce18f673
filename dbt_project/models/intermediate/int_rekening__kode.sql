-- Account codes (rekening) of each pemda under every code a source uses, with the six
-- levels cut from the code by its parts (akun 1, kelompok 2, jenis 3, objek 4, rincian
-- objek 5, sub rincian objek the whole code), in either account format. A level's name
-- is there only where some source names that code: the exports name the full code.
-- Rows a quality rule flags as an error are left out, as from the facts.
-- A table, incremental by pemda: as a view, its CTE read six times would be computed for
-- every pemda before a reader's filter on the scope could apply.
{{ config(materialized='incremental') }}
with named as (
    -- prioritas ranks the sources, terbaru the files in one
    -- each source cut to its distinct rows first: a cash plan has twelve per line
    select distinct kode_pemda, kode_rekening, nama_rekening, 1 as prioritas,
        tanggal_versi as terbaru, file_id
    from {{ ref('stg_anggaran__rekap5') }} as rekap5
    where {{ in_build_scope('rekap5.kode_pemda') }} and {{ without_error_flags('rekap5') }}
    union all
    select distinct kode_pemda, kode_rekening, nama_rekening, 2, periode, file_id
    from {{ ref('stg_realisasi__dokumen') }} as dokumen
    where {{ in_build_scope('dokumen.kode_pemda') }} and {{ without_error_flags('dokumen') }}
    union all
    select distinct kode_pemda, kode_rekening, nama_rekening, 3, null::date, file_id
    from {{ ref('stg_rak__anggaran_kas') }} as rak
    where {{ in_build_scope('rak.kode_pemda') }} and {{ without_error_flags('rak') }}
),

latest as (
    select distinct on (kode_pemda, kode_rekening)
        kode_pemda, kode_rekening, nama_rekening, prioritas
    from named
    where kode_rekening is not null
    order by kode_pemda, kode_rekening, prioritas, nama_rekening is null,
        terbaru desc nulls last, file_id desc
),

levels as (
    select
        *,
        {{ kode_induk('kode_rekening', 1) }} as kode_akun,
        {{ kode_induk('kode_rekening', 2) }} as kode_kelompok,
        {{ kode_induk('kode_rekening', 3) }} as kode_jenis,
        {{ kode_induk('kode_rekening', 4) }} as kode_objek,
        {{ kode_induk('kode_rekening', 5) }} as kode_rincian_objek
    from latest
)

select
    levels.kode_pemda,
    levels.kode_rekening,
    levels.kode_akun,
    akun.nama_rekening as nama_akun,
    levels.kode_kelompok,
    kelompok.nama_rekening as nama_kelompok,
    levels.kode_jenis,
    jenis.nama_rekening as nama_jenis,
    levels.kode_objek,
    objek.nama_rekening as nama_objek,
    levels.kode_rincian_objek,
    rincian_objek.nama_rekening as nama_rincian_objek,
    levels.kode_rekening as kode_sub_rincian_objek,
    levels.nama_rekening as nama_sub_rincian_objek,
    {{ kelompok_belanja('levels.kode_rekening') }} as kelompok_belanja,
    levels.prioritas = 1 as is_dianggarkan
from levels
left join latest as akun
    on akun.kode_pemda = levels.kode_pemda and akun.kode_rekening = levels.kode_akun
left join latest as kelompok
    on kelompok.kode_pemda = levels.kode_pemda and kelompok.kode_rekening = levels.kode_kelompok
left join latest as jenis
    on jenis.kode_pemda = levels.kode_pemda and jenis.kode_rekening = levels.kode_jenis
left join latest as objek
    on objek.kode_pemda = levels.kode_pemda and objek.kode_rekening = levels.kode_objek
left join latest as rincian_objek
    on rincian_objek.kode_pemda = levels.kode_pemda
    and rincian_objek.kode_rekening = levels.kode_rincian_objek
