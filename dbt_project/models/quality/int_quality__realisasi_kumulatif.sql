-- The finance system's realization from 1 January to the end of each month with a
-- per-document export in force, per account line (SKPD, sub unit, sub kegiatan,
-- rekening): the document lines (int_quality__realisasi_dokumen) counted by the month's
-- end, a business key once (kemunculan). What the cross-source rules compare other
-- sources with (REL-001, LRA-004). An account line is there from the first month with
-- one of its lines.
-- Each account line's months are summed in month order (a window over its month
-- totals), not joined to every line before them: a join on a date range is estimated
-- badly, and the planner may then rescan the lines per row (RLD-010 once took 13
-- minutes so).
with dokumen as (
    select * from {{ ref('int_quality__realisasi_dokumen') }}
),

months as (
    select distinct kode_pemda, tahun, periode from dokumen
),

monthly as (
    select kode_pemda, tahun, kode_skpd, kode_sub_unit, kode_sub_kegiatan, kode_rekening,
        date_trunc('month', tanggal_realisasi)::date as bulan, sum(realisasi) as realisasi
    from dokumen
    where kemunculan = 1 and tanggal_realisasi is not null
    group by 1, 2, 3, 4, 5, 6, 7
),

reported as (
    -- each account line at each month reported from its first month on
    select accounts.kode_pemda, accounts.tahun, accounts.kode_skpd, accounts.kode_sub_unit,
        accounts.kode_sub_kegiatan, accounts.kode_rekening, months.periode as bulan
    from (
        select kode_pemda, tahun, kode_skpd, kode_sub_unit, kode_sub_kegiatan,
            kode_rekening, min(bulan) as bulan_pertama
        from monthly
        group by 1, 2, 3, 4, 5, 6
    ) as accounts
    join months
        on months.kode_pemda = accounts.kode_pemda
        and months.tahun = accounts.tahun
        and months.periode >= accounts.bulan_pertama
),

running as (
    select *,
        sum(realisasi) over (
            partition by kode_pemda, tahun, kode_skpd, kode_sub_unit, kode_sub_kegiatan,
                kode_rekening
            order by bulan, is_reported
            range between unbounded preceding and current row
        ) as realisasi_kumulatif
    from (
        select *, false as is_reported from monthly
        union all
        select *, null::numeric, true from reported
    ) as both_kinds
)

select kode_pemda, tahun, bulan, kode_skpd, kode_sub_unit, kode_sub_kegiatan,
    kode_rekening, realisasi_kumulatif as realisasi
from running
where is_reported
