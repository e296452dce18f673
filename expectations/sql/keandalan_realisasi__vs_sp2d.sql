-- Account lines (sub unit, sub kegiatan, rekening) whose realization in a month's export
-- grew by another amount than the SP2D lists paid the account that month (its LS and
-- GU lines; UP and TU are cash advances, not realization of an account), leaving a
-- difference outstanding: the month a difference arose, or changed. A month that
-- settles it (the difference back within tolerance) is no finding. Each finding carries
-- the difference of the month and the one outstanding since 1 January, and what the
-- marts hold back of the line (int_realisasi__bulanan): `ditahan_kumulatif`, the part of
-- its cumulative realization the SP2D do not bear out (0 where the realization is
-- behind), until `ditahan_sampai`, the month before the difference changes or settles
-- (null: still outstanding). What does reconcile still counts.
-- Compared only up to the last month before which no month lacks SP2D lines (a month
-- without any would make every account look short).
with lines as (
    select * from {batch}
),

tolerance as (
    -- Selisih yang dibiarkan / tolerated difference, in Rupiah: cents lost to rounding
    -- (meta.parameters of keandalan_realisasi.json).
    select ${toleransi_sp2d_rupiah}::numeric as rupiah
),

sp2d_lines as (
    -- Every SP2D line of the loaded lists once: a line exported twice, in one file or in
    -- two lists of overlapping periods, is paid once. The lines are those the sp2d suite
    -- checks (its batch, in the quality step): read in one scan.
    select distinct
        sp2d.kode_pemda,
        sp2d.nomor_sp2d,
        sp2d.tanggal_sp2d,
        upper(trim(sp2d.jenis_sp2d)) as jenis_sp2d,
        sp2d.kode_sub_unit,
        sp2d.kode_sub_kegiatan,
        sp2d.kode_rekening,
        sp2d.uraian,
        sp2d.nilai
    from {rows:sp2d} as sp2d
),

covered as (
    -- Per pemda and year, the last month up to which every month has SP2D lines.
    select kode_pemda, tahun, max(bulan) as bulan_terakhir
    from (
        select
            kode_pemda,
            tahun,
            bulan,
            row_number() over (partition by kode_pemda, tahun order by bulan) as urutan
        from (
            select distinct
                kode_pemda,
                extract(year from tanggal_sp2d)::integer as tahun,
                extract(month from tanggal_sp2d)::integer as bulan
            from sp2d_lines
        ) as months
    ) as numbered
    where bulan = urutan
    group by kode_pemda, tahun
),

account_stream as (
    -- Each account's payments and lines in one stream, in date order (a payment before a
    -- line of the same day): a running sum gives every line what was paid to its date.
    -- Without a join, there is no join for the planner to misjudge.
    select
        kode_pemda,
        extract(year from tanggal_sp2d)::integer as tahun,
        kode_sub_unit,
        kode_sub_kegiatan,
        kode_rekening,
        tanggal_sp2d as tanggal,
        0 as urutan,
        nilai as dibayar,
        null::bigint as file_id,
        null::text as sheet,
        null::integer as row_number,
        null::text as kode_skpd,
        null::numeric as realisasi
    from sp2d_lines
    where jenis_sp2d in ('LS', 'GU')
    union all
    select
        lines.kode_pemda,
        lines.tahun,
        lines.kode_sub_unit,
        lines.kode_sub_kegiatan,
        lines.kode_rekening,
        lines.periode_akhir,
        1,
        0,
        lines.file_id,
        lines.sheet,
        lines.row_number,
        lines.kode_skpd,
        lines.realisasi
    from lines
    join covered
        on covered.kode_pemda = lines.kode_pemda
        and covered.tahun = lines.tahun
        and covered.bulan_terakhir >= extract(month from lines.periode_akhir)
    where not lines.baris_subtotal
),

paid_to_date as (
    select
        *,
        sum(dibayar) over (
            partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening
            order by tanggal, urutan
            rows between unbounded preceding and current row
        ) as realisasi_sp2d
    from account_stream
),

differences as (
    -- The outstanding difference at each export line, and at the line's export before
    -- (none before the first: nothing was outstanding).
    select
        *,
        realisasi - realisasi_sp2d as selisih,
        coalesce(lag(realisasi - realisasi_sp2d) over (
            partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening
            order by tanggal, row_number
        ), 0) as selisih_sebelumnya
    from paid_to_date
    where file_id is not null
),

changes as (
    -- The months the outstanding difference moved, settling included; each holds until
    -- the next.
    select
        differences.*,
        lead(differences.tanggal) over (
            partition by kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening
            order by tanggal, row_number
        ) as berubah_lagi
    from differences
    cross join tolerance
    where abs(differences.selisih - differences.selisih_sebelumnya) > tolerance.rupiah
)

select
    changes.file_id,
    changes.sheet,
    changes.row_number,
    changes.kode_pemda,
    changes.kode_skpd,
    changes.tanggal as periode_akhir,
    changes.kode_sub_unit,
    changes.kode_sub_kegiatan,
    changes.kode_rekening,
    changes.realisasi,
    changes.realisasi_sp2d,
    changes.selisih - changes.selisih_sebelumnya as selisih_bulan,
    changes.selisih,
    -- held back from this month on; never more than the outstanding difference
    case when changes.selisih > tolerance.rupiah then changes.selisih else 0 end
        as ditahan_kumulatif,
    (date_trunc('month', changes.berubah_lagi) - interval '1 day')::date as ditahan_sampai
from changes
cross join tolerance
where abs(changes.selisih) > tolerance.rupiah
