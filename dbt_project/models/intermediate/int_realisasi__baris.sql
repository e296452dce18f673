-- Each account line of each month's realization export in force, once: what its rows
-- say (menurut_file), what they say when none is held back by an error flag (bersih;
-- null when one is), and the amount of it a rule holds back (ditahan_kumulatif, the part
-- the SP2D do not bear out) and until when (ditahan_sampai, null: on), as
-- int_realisasi__bulanan carries them over the months.
-- A table, incremental by pemda, analysed: int_realisasi__bulanan joins it to itself
-- over every month of the year, which a planner guessing its size does badly.
{{ config(materialized='incremental') }}
with exports as (
    select kode_pemda, tahun, bulan, realisasi_file_id as file_id
    from {{ ref('int_periode__bulanan') }}
    where realisasi_file_id is not null and {{ in_build_scope('kode_pemda') }}
),

amounts as (
    select file_id, sheet, row_number, max(ditahan_kumulatif) as ditahan_kumulatif,
        max(ditahan_sampai) as ditahan_sampai
    from {{ source('quality', 'flags') }}
    where severity = 'error' and ditahan_kumulatif is not null
    group by file_id, sheet, row_number
)

select
    exports.kode_pemda,
    exports.tahun,
    exports.bulan,
    coalesce(laporan.kode_sub_unit, laporan.kode_skpd) as kode_sub_unit,
    laporan.kode_sub_kegiatan,
    laporan.kode_rekening,
    min(laporan.kode_skpd) as kode_skpd,
    sum(coalesce(laporan.realisasi_kumulatif, 0))::numeric(20, 2) as menurut_file,
    case when count(held.file_id) = 0
        then sum(coalesce(laporan.realisasi_kumulatif, 0))
    end::numeric(20, 2) as bersih,
    max(amounts.ditahan_kumulatif)::numeric(20, 2) as ditahan_kumulatif,
    max(amounts.ditahan_sampai) as ditahan_sampai
from exports
join {{ ref('stg_realisasi__laporan') }} as laporan on laporan.file_id = exports.file_id
left join ({{ rows_held_back() }}) as held
    on held.file_id = laporan.file_id
    and held.sheet = laporan.sheet
    and held.row_number = laporan.row_number
left join amounts
    on amounts.file_id = laporan.file_id
    and amounts.sheet = laporan.sheet
    and amounts.row_number = laporan.row_number
where {{ in_build_scope('laporan.kode_pemda') }}
group by exports.kode_pemda, exports.tahun, exports.bulan,
    coalesce(laporan.kode_sub_unit, laporan.kode_skpd), laporan.kode_sub_kegiatan,
    laporan.kode_rekening
