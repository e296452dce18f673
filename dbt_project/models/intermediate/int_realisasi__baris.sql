-- Each account line of each month with per-document realization in force, once,
-- cumulative from 1 January: the line's document lines counted in the months up to this
-- one, whatever export of the year carries them. What the files say (menurut_file) and
-- what they say without the lines an error flag holds back (bersih: each held back line
-- takes its own amount out).
-- A table, incremental by pemda, analysed: int_realisasi__bulanan reads it by line and
-- month, which a planner guessing its size does badly.
{{ config(materialized='incremental') }}
with document_months as (
    select kode_pemda, tahun, bulan
    from {{ ref('int_periode__bulanan') }}
    where realisasi_file_id is not null and {{ in_build_scope('kode_pemda') }}
)

select
    months.kode_pemda,
    months.tahun,
    months.bulan,
    dokumen.kode_sub_unit,
    dokumen.kode_sub_kegiatan,
    dokumen.kode_rekening,
    min(dokumen.kode_skpd) as kode_skpd,
    coalesce(sum(dokumen.realisasi), 0)::numeric(20, 2) as menurut_file,
    coalesce(sum(dokumen.realisasi) filter (where held.file_id is null), 0)::numeric(20, 2)
        as bersih
from document_months as months
join {{ ref('stg_realisasi__dokumen') }} as dokumen
    on dokumen.kode_pemda = months.kode_pemda
    and dokumen.tahun = months.tahun
    and dokumen.bulan <= months.bulan
left join ({{ rows_held_back() }}) as held
    on held.file_id = dokumen.file_id
    and held.sheet = dokumen.sheet
    and held.row_number = dokumen.row_number
where {{ in_build_scope('dokumen.kode_pemda') }}
group by months.kode_pemda, months.tahun, months.bulan, dokumen.kode_sub_unit,
    dokumen.kode_sub_kegiatan, dokumen.kode_rekening
