-- The cash plan (RAK) per account line and month from the plan used for the month (see
-- int_periode__bulanan): the month's plan and the plan cumulative from January. Lines
-- a quality rule flags as an error are held back, as everywhere in the marts.
-- A table, incremental by pemda: its lines join the months by file, not by pemda, so a
-- reader's filter on the scope would reach them only after every plan was summed.
{{ config(materialized='incremental') }}
with plan as (
    select
        file_id,
        bulan,
        coalesce(kode_sub_unit, kode_skpd) as kode_sub_unit,
        kode_sub_kegiatan,
        kode_rekening,
        min(kode_skpd) as kode_skpd,
        sum(rencana_bulan) as rencana_bulan
    from {{ ref('stg_rak__anggaran_kas') }} as rak
    where {{ in_build_scope('rak.kode_pemda') }} and {{ without_error_flags('rak') }}
    group by 1, 2, 3, 4, 5
),

cumulative as (
    select
        *,
        sum(rencana_bulan) over (
            partition by file_id, kode_sub_unit, kode_sub_kegiatan, kode_rekening
            order by bulan
        ) as rak_kumulatif
    from plan
)

select
    periode.kode_pemda,
    periode.tahun,
    periode.bulan,
    cumulative.kode_sub_unit,
    cumulative.kode_sub_kegiatan,
    cumulative.kode_rekening,
    cumulative.kode_skpd,
    coalesce(cumulative.rencana_bulan, 0)::numeric(20, 2) as rencana_bulan,
    coalesce(cumulative.rak_kumulatif, 0)::numeric(20, 2) as rak_kumulatif
from {{ ref('int_periode__bulanan') }} as periode
join cumulative
    on cumulative.file_id = periode.rak_file_id
    and cumulative.bulan = periode.bulan
where {{ in_build_scope('periode.kode_pemda') }}
