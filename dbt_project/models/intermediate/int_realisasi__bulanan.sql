-- Realization per account line for each month with an export in force: cumulative from
-- the month's export, and the month's own spending as the difference from the latest
-- earlier export (the first export of the year: all of it). A line absent from one of
-- the two exports counts 0 there, so a line a correction removed shows its reversal.
-- Lines a quality rule flags as an error are held back, as everywhere in the marts.
-- A table, incremental by pemda: its export lines, read twice, would be computed for
-- every pemda before a reader's filter on the scope could apply.
{{ config(materialized='incremental') }}
with export_lines as (
    select
        file_id,
        coalesce(kode_sub_unit, kode_skpd) as kode_sub_unit,
        kode_sub_kegiatan,
        kode_rekening,
        kode_skpd,
        coalesce(realisasi_kumulatif, 0) as realisasi_kumulatif
    from {{ ref('stg_realisasi__laporan') }} as laporan
    where {{ in_build_scope('laporan.kode_pemda') }} and {{ without_error_flags('laporan') }}
),

both_exports as (
    -- the month's export counted up, the one before it counted down
    select
        periode.kode_pemda, periode.tahun, periode.bulan, export_lines.kode_sub_unit,
        export_lines.kode_sub_kegiatan, export_lines.kode_rekening, export_lines.kode_skpd,
        export_lines.realisasi_kumulatif, 0 as realisasi_sebelumnya
    from {{ ref('int_periode__bulanan') }} as periode
    join export_lines on export_lines.file_id = periode.realisasi_file_id
    where {{ in_build_scope('periode.kode_pemda') }}
    union all
    select
        periode.kode_pemda, periode.tahun, periode.bulan, export_lines.kode_sub_unit,
        export_lines.kode_sub_kegiatan, export_lines.kode_rekening, export_lines.kode_skpd,
        0, export_lines.realisasi_kumulatif
    from {{ ref('int_periode__bulanan') }} as periode
    join export_lines on export_lines.file_id = periode.realisasi_sebelumnya_file_id
    where {{ in_build_scope('periode.kode_pemda') }}
)

select
    kode_pemda,
    tahun,
    bulan,
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    -- a sub unit belongs to one SKPD; min() only chooses if the exports disagree
    min(kode_skpd) as kode_skpd,
    sum(realisasi_kumulatif)::numeric(20, 2) as realisasi_kumulatif,
    (sum(realisasi_kumulatif) - sum(realisasi_sebelumnya))::numeric(20, 2) as realisasi_bulan
from both_exports
group by kode_pemda, tahun, bulan, kode_sub_unit, kode_sub_kegiatan, kode_rekening
