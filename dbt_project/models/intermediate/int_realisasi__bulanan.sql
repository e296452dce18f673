-- Realization per account line for each month with an export in force: cumulative as
-- leadership may see it, the month's own spending as the change from the year's export
-- before (the first export of the year: all of it), and what was held back.
--
-- What is held back never turns into spending that the exports do not show:
-- * a line whose row an error flag holds back (an unknown account, a repeated row) shows,
--   that month, the last figure of its that was not held back (0 before any), so the
--   month adds nothing, and the month its row is clean again adds what it grew since;
-- * from a month where a rule holds back an amount of the line (ditahan_kumulatif: the
--   part of its realization the SP2D do not bear out, keandalan_realisasi__vs_sp2d),
--   that amount is taken off its cumulative figure until the month the rule says it
--   holds (ditahan_sampai: the difference changed or was settled after it).
-- A line absent from a month's export counts 0 there, so a line a correction removed
-- shows its reversal, as the exports do.
-- A table, incremental by pemda: its export lines (int_realisasi__baris), read twice,
-- would be computed for every pemda before a reader's filter on the scope could apply.
{{ config(materialized='incremental') }}
with exports as (
    select kode_pemda, tahun, bulan
    from {{ ref('int_periode__bulanan') }}
    where realisasi_file_id is not null and {{ in_build_scope('kode_pemda') }}
),

lines as (
    select * from {{ ref('int_realisasi__baris') }}
    where {{ in_build_scope('kode_pemda') }}
),

grid as (
    -- Every line of the year in every export month of its year.
    select
        keys.kode_pemda,
        keys.tahun,
        exports.bulan,
        keys.kode_sub_unit,
        keys.kode_sub_kegiatan,
        keys.kode_rekening,
        keys.kode_skpd,
        coalesce(lines.menurut_file, 0) as menurut_file,
        case when lines.bulan is null then 0 else lines.bersih end as bersih,
        lines.ditahan_kumulatif,
        lines.ditahan_sampai,
        lines.bulan is not null as ada_di_ekspor
    from (
        -- a sub unit belongs to one SKPD; min() only chooses if the exports disagree
        select kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening,
            min(kode_skpd) as kode_skpd
        from lines
        group by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening
    ) as keys
    join exports on exports.kode_pemda = keys.kode_pemda and exports.tahun = keys.tahun
    left join lines
        on lines.kode_pemda = keys.kode_pemda
        and lines.bulan = exports.bulan
        and lines.kode_sub_unit = keys.kode_sub_unit
        and lines.kode_sub_kegiatan = keys.kode_sub_kegiatan
        and lines.kode_rekening = keys.kode_rekening
),

carried as (
    -- A month without a figure of its own (held back; an amount not said) belongs to the
    -- run of months since the last one with it.
    select
        *,
        count(bersih) over line_months as run_bersih,
        count(ditahan_kumulatif) over line_months as run_ditahan
    from grid
    window line_months as (
        partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening
        order by bulan
    )
),

shown as (
    select
        *,
        coalesce(max(bersih) over (
            partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening,
                run_bersih
        ), 0) as terlihat,
        max(ditahan_kumulatif) over line_hold as ditahan_terakhir,
        max(ditahan_sampai) over line_hold as ditahan_terakhir_sampai
    from carried
    window line_hold as (
        partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening,
            run_ditahan
    )
),

held as (
    select
        *,
        case when bulan <= coalesce(ditahan_terakhir_sampai, date '9999-12-31')
            then coalesce(ditahan_terakhir, 0) else 0 end as ditahan
    from shown
),

cumulative as (
    select
        *,
        terlihat - least(ditahan, greatest(terlihat, 0)) as realisasi_kumulatif,
        -- a month is shown where the line is in its export or in the year's one before
        -- (there its reversal, when a correction removed it)
        ada_di_ekspor or coalesce(lag(ada_di_ekspor) over (
            partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening
            order by bulan
        ), false) as ditampilkan
    from held
),

figures as (
    select
        *,
        realisasi_kumulatif - coalesce(lag(realisasi_kumulatif) over (
            partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening
            order by bulan
        ), 0) as realisasi_bulan
    from cumulative
)

select
    kode_pemda,
    tahun,
    bulan,
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    kode_skpd,
    realisasi_kumulatif::numeric(20, 2) as realisasi_kumulatif,
    realisasi_bulan::numeric(20, 2) as realisasi_bulan,
    (menurut_file - realisasi_kumulatif)::numeric(20, 2) as realisasi_ditahan_kumulatif
from figures
where ditampilkan
