-- Each OPD report and recap row in force that carries no sub kegiatan code, with the
-- code its names match in its OPD's budget (raw.rfk_kode_kandidat: the names folded by
-- fold_name, the recap's OPD found by its sheet's title): the code when exactly one line
-- matches, none when no line or several do (the quality rules tell the OPD which, with
-- the candidates). Nothing is guessed: status says why a row has no code.
-- A table, incremental by pemda (macros/build_scope.sql), as the models it feeds.
{{ config(materialized='incremental') }}
with rows_in_force as (
    select file_id, sheet, row_number
    from {{ ref('stg_rfk__laporan') }} as laporan
    where {{ in_build_scope('laporan.kode_pemda') }}
    union all
    select file_id, sheet, row_number
    from {{ ref('stg_rfk__rekap') }} as rekap
    where {{ in_build_scope('rekap.kode_pemda') }}
)

select
    kandidat.kode_pemda,
    kandidat.tahun,
    kandidat.periode as bulan,
    kandidat.file_id,
    kandidat.sheet,
    kandidat.row_number,
    kandidat.asal,
    kandidat.tingkat,
    kandidat.kode_opd,
    kandidat.nama_opd,
    kandidat.nama_dicocokkan,
    kandidat.status,
    kandidat.jumlah_kandidat,
    kandidat.kode_sub_kegiatan,
    kandidat.kode_rekening,
    kandidat.kandidat
from {{ source('raw', 'rfk_kode_kandidat') }} as kandidat
join rows_in_force using (file_id, sheet, row_number)
where {{ in_build_scope('kandidat.kode_pemda') }}
