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
--   that amount is taken off its cumulative figure until a later month says otherwise.
-- A line absent from a month's export counts 0 there, so a line a correction removed
-- shows its reversal, as the exports do.
-- A table, incremental by pemda: its export lines, read twice, would be computed for
-- every pemda before a reader's filter on the scope could apply.
{{ config(materialized='incremental') }}
with exports as (
    select kode_pemda, tahun, bulan, realisasi_file_id as file_id
    from {{ ref('int_periode__bulanan') }}
    where realisasi_file_id is not null and {{ in_build_scope('kode_pemda') }}
),

export_lines as (
    select
        exports.kode_pemda,
        exports.tahun,
        exports.bulan,
        coalesce(laporan.kode_sub_unit, laporan.kode_skpd) as kode_sub_unit,
        laporan.kode_sub_kegiatan,
        laporan.kode_rekening,
        laporan.kode_skpd,
        coalesce(laporan.realisasi_kumulatif, 0) as realisasi_kumulatif,
        not {{ without_error_flags('laporan') }} as baris_ditahan,
        amounts.ditahan_kumulatif
    from exports
    join {{ ref('stg_realisasi__laporan') }} as laporan on laporan.file_id = exports.file_id
    left join (
        select file_id, sheet, row_number, max(ditahan_kumulatif) as ditahan_kumulatif
        from {{ source('quality', 'flags') }}
        where severity = 'error' and ditahan_kumulatif is not null
        group by file_id, sheet, row_number
    ) as amounts
        on amounts.file_id = laporan.file_id
        and amounts.sheet = laporan.sheet
        and amounts.row_number = laporan.row_number
    where {{ in_build_scope('laporan.kode_pemda') }}
),

lines as (
    -- Each line once a month: what its rows say, and what its rows not held back say.
    select
        kode_pemda,
        tahun,
        bulan,
        kode_sub_unit,
        kode_sub_kegiatan,
        kode_rekening,
        min(kode_skpd) as kode_skpd,
        sum(realisasi_kumulatif) as menurut_file,
        case when not bool_or(baris_ditahan) then sum(realisasi_kumulatif) end as bersih,
        max(ditahan_kumulatif) as ditahan_kumulatif
    from export_lines
    group by kode_pemda, tahun, bulan, kode_sub_unit, kode_sub_kegiatan, kode_rekening
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
        lines.ditahan_kumulatif
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
        coalesce(max(ditahan_kumulatif) over (
            partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening,
                run_ditahan
        ), 0) as ditahan
    from carried
),

cumulative as (
    select
        *,
        terlihat - least(ditahan, greatest(terlihat, 0)) as realisasi_kumulatif
    from shown
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
    (realisasi_kumulatif - coalesce(lag(realisasi_kumulatif) over (
        partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening
        order by bulan
    ), 0))::numeric(20, 2) as realisasi_bulan,
    (menurut_file - realisasi_kumulatif)::numeric(20, 2) as realisasi_ditahan_kumulatif
from cumulative
