-- Work units of each pemda, SKPD and sub units alike, under every code a source uses:
-- names from the latest budget version, else from the latest realization export; units
-- known only from the cash plan, payments or OPD reports keep their code.
-- Rows a quality rule flags as an error are left out, as from the facts.
-- A table, incremental by pemda: as a view, its CTE read twice would be computed for
-- every pemda before a reader's filter on the scope could apply.
{{ config(materialized='incremental') }}
with named_units as (
    -- (unit, its SKPD, names); prioritas ranks the sources, terbaru the files in one
    -- each source cut to its distinct rows first: a cash plan has twelve per line
    select distinct
        kode_pemda, kode_skpd as kode_opd, kode_skpd, nama_skpd as nama_opd,
        1 as prioritas, tanggal_versi as terbaru, file_id
    from {{ ref('stg_anggaran__rekap5') }} as rekap5
    where {{ in_build_scope('rekap5.kode_pemda') }} and {{ without_error_flags('rekap5') }}
    union all
    select distinct
        kode_pemda, kode_sub_unit, kode_skpd, nama_sub_unit,
        1, tanggal_versi, file_id
    from {{ ref('stg_anggaran__rekap5') }} as rekap5
    where {{ in_build_scope('rekap5.kode_pemda') }} and {{ without_error_flags('rekap5') }}
    union all
    select distinct kode_pemda, kode_skpd, kode_skpd, nama_skpd, 2, periode, file_id
    from {{ ref('stg_realisasi__dokumen') }} as dokumen
    where {{ in_build_scope('dokumen.kode_pemda') }} and {{ without_error_flags('dokumen') }}
    union all
    select distinct kode_pemda, kode_sub_unit, kode_skpd, nama_sub_unit, 2, periode, file_id
    from {{ ref('stg_realisasi__dokumen') }} as dokumen
    where {{ in_build_scope('dokumen.kode_pemda') }} and {{ without_error_flags('dokumen') }}
    union all
    select distinct kode_pemda, kode_skpd, kode_skpd, null, 3, null::date, file_id
    from {{ ref('stg_rak__anggaran_kas') }} as rak
    where {{ in_build_scope('rak.kode_pemda') }} and {{ without_error_flags('rak') }}
    union all
    select distinct kode_pemda, kode_sub_unit, kode_skpd, null, 3, null::date, file_id
    from {{ ref('stg_rak__anggaran_kas') }} as rak
    where {{ in_build_scope('rak.kode_pemda') }} and {{ without_error_flags('rak') }}
    union all
    -- the SP2D records' own codes (a register names its SKPD: int_sp2d__register maps
    -- the name to a code of the budget, which is here already)
    select distinct kode_pemda, kode_skpd, kode_skpd, null, 4, tanggal, file_id
    from {{ ref('stg_sp2d__register') }} as register
    where {{ in_build_scope('register.kode_pemda') }} and {{ without_error_flags('register') }}
    union all
    select distinct kode_pemda, kode_sub_unit, kode_skpd, null, 4, tanggal, file_id
    from {{ ref('stg_sp2d__register') }} as register
    where {{ in_build_scope('register.kode_pemda') }} and {{ without_error_flags('register') }}
    union all
    select distinct kode_pemda, kode_opd, kode_opd, null, 5, bulan, file_id
    from {{ ref('stg_rfk__laporan') }} as rfk
    where {{ in_build_scope('rfk.kode_pemda') }} and {{ without_error_flags('rfk') }}
),

units as (
    select distinct on (kode_pemda, kode_opd)
        kode_pemda,
        kode_opd,
        kode_skpd,
        nama_opd,
        prioritas
    from named_units
    where kode_opd is not null
    order by kode_pemda, kode_opd, prioritas, nama_opd is null, terbaru desc nulls last,
        file_id desc
)

select
    units.kode_pemda,
    units.kode_opd,
    units.nama_opd,
    coalesce(units.kode_skpd, units.kode_opd) as kode_skpd,
    skpd.nama_opd as nama_skpd,
    units.kode_opd = coalesce(units.kode_skpd, units.kode_opd) as is_skpd,
    coalesce(units.nama_opd ilike 'kecamatan%', false) as is_kecamatan,
    units.prioritas = 1 as is_dianggarkan
from units
left join units as skpd
    on skpd.kode_pemda = units.kode_pemda
    and skpd.kode_opd = coalesce(units.kode_skpd, units.kode_opd)
