-- Realization per account line for each month with a per-document export in force:
-- cumulative from 1 January as leadership may see it, the month's own spending as the
-- change from the year's export month before (the first: all of it), and what was held
-- back. The lines an error flag holds back count for no month (int_realisasi__baris),
-- so what is held back never turns into spending the exports do not show; a correction
-- (a negative line) makes a month's own spending negative, as the exports do.
-- A table, incremental by pemda: its lines (int_realisasi__baris), read by line over the
-- months, would be computed for every pemda before a reader's filter on the scope could
-- apply.
{{ config(materialized='incremental') }}
select
    kode_pemda,
    tahun,
    bulan,
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    kode_skpd,
    bersih as realisasi_kumulatif,
    (bersih - coalesce(lag(bersih) over line_months, 0))::numeric(20, 2) as realisasi_bulan,
    (menurut_file - bersih)::numeric(20, 2) as realisasi_ditahan_kumulatif
from {{ ref('int_realisasi__baris') }}
where {{ in_build_scope('kode_pemda') }}
window line_months as (
    partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening
    order by bulan
)
