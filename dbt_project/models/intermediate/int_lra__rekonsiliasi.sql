-- Each SKPD's LRA against the realization serapan counts from SIPD-RI's exports
-- (int_realisasi__bulanan: cumulative per line and month, the amounts the quality rules
-- hold back taken out), at the levels both have: the realization's lines summed per SKPD
-- and account at every level 1..6, cut by the code's parts (kode_induk), and matched to
-- the LRA's rows of the same month. Only months with a realization export of the pemda
-- are compared; an account the exports never had counts 0 there. LRA-004 compares the
-- same rows with what the exports say, before anything is held back.
with lra as (
    select * from {{ ref('stg_lra__baris') }}
    where tingkat is not null and {{ in_build_scope('kode_pemda') }}
),

realisasi as (
    select
        lines.kode_pemda,
        lines.bulan,
        lines.kode_skpd,
        levels.tingkat,
        {{ kode_induk('lines.kode_rekening', 'levels.tingkat') }} as kode_rekening,
        sum(lines.realisasi_kumulatif) as realisasi_kumulatif
    from {{ ref('int_realisasi__bulanan') }} as lines
    cross join generate_series(1, 6) as levels (tingkat)
    where {{ in_build_scope('lines.kode_pemda') }}
    group by 1, 2, 3, 4, 5
),

months as (
    select distinct kode_pemda, bulan from realisasi
)

select
    lra.kode_pemda,
    lra.tahun,
    lra.bulan,
    lra.kode_skpd,
    lra.kode_rekening,
    lra.tingkat,
    lra.uraian,
    lra.file_id,
    lra.sheet,
    lra.row_number,
    lra.realisasi_kumulatif as realisasi_lra,
    coalesce(realisasi.realisasi_kumulatif, 0)::numeric(20, 2) as realisasi_sipd,
    (lra.realisasi_kumulatif - coalesce(realisasi.realisasi_kumulatif, 0))::numeric(20, 2)
        as selisih
from lra
join months on months.kode_pemda = lra.kode_pemda and months.bulan = lra.bulan
left join realisasi
    on realisasi.kode_pemda = lra.kode_pemda
    and realisasi.bulan = lra.bulan
    and realisasi.kode_skpd = lra.kode_skpd
    and realisasi.tingkat = lra.tingkat
    and realisasi.kode_rekening = lra.kode_rekening
