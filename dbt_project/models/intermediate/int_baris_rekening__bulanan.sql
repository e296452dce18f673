-- Account lines per month: every line that has a pagu in force, a cash plan or a
-- realization that month, side by side, with the files the month was computed from.
-- The three sources are stacked and summed, not joined: one pass, whatever the sizes.
with stacked as (
    select
        kode_pemda, bulan, kode_sub_unit, kode_sub_kegiatan, kode_rekening, kode_skpd,
        1 as prioritas, pagu, 0 as rak_bulan, 0 as rak_kumulatif,
        null::numeric as realisasi_kumulatif, null::numeric as realisasi_bulan,
        null::numeric as realisasi_ditahan_kumulatif
    from {{ ref('int_anggaran__bulanan') }}
    union all
    select
        kode_pemda, bulan, kode_sub_unit, kode_sub_kegiatan, kode_rekening, kode_skpd,
        2, 0, rencana_bulan, rak_kumulatif, null, null, null
    from {{ ref('int_rak__bulanan') }}
    union all
    select
        kode_pemda, bulan, kode_sub_unit, kode_sub_kegiatan, kode_rekening, kode_skpd,
        3, 0, 0, 0, realisasi_kumulatif, realisasi_bulan, realisasi_ditahan_kumulatif
    from {{ ref('int_realisasi__bulanan') }}
),

lines as (
    select
        kode_pemda,
        bulan,
        kode_sub_unit,
        kode_sub_kegiatan,
        kode_rekening,
        -- the SKPD as the budget names it, else the cash plan, else the export
        (array_agg(kode_skpd order by prioritas))[1] as kode_skpd,
        coalesce(sum(pagu), 0) as pagu,
        sum(rak_bulan) as rak_bulan,
        sum(rak_kumulatif) as rak_kumulatif,
        sum(realisasi_kumulatif) as realisasi_kumulatif,
        sum(realisasi_bulan) as realisasi_bulan,
        sum(realisasi_ditahan_kumulatif) as realisasi_ditahan_kumulatif
    from stacked
    group by kode_pemda, bulan, kode_sub_unit, kode_sub_kegiatan, kode_rekening
)

select
    lines.kode_pemda,
    periode.tahun,
    lines.bulan,
    lines.kode_skpd,
    lines.kode_sub_unit,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    lines.pagu::numeric(20, 2) as pagu,
    lines.rak_bulan::numeric(20, 2) as rak_bulan,
    lines.rak_kumulatif::numeric(20, 2) as rak_kumulatif,
    -- unknown (null) until the month's export arrives; 0 when it has no such line
    case when periode.realisasi_file_id is not null
        then coalesce(lines.realisasi_kumulatif, 0)
    end::numeric(20, 2) as realisasi_kumulatif,
    case when periode.realisasi_file_id is not null
        then coalesce(lines.realisasi_bulan, 0)
    end::numeric(20, 2) as realisasi_bulan,
    -- what the export says beyond what is shown: held back by the quality rules
    case when periode.realisasi_file_id is not null
        then coalesce(lines.realisasi_ditahan_kumulatif, 0)
    end::numeric(20, 2) as realisasi_ditahan_kumulatif,
    -- realization beyond the pagu in force (pelampauan): counted, and marked
    case when periode.realisasi_file_id is not null
        then greatest(coalesce(lines.realisasi_kumulatif, 0) - lines.pagu, 0)
    end::numeric(20, 2) as pelampauan,
    periode.kode_versi,
    periode.anggaran_file_id,
    periode.rak_file_id,
    periode.realisasi_file_id,
    periode.realisasi_sebelumnya_file_id,
    periode.baris_ditahan_md5
from lines
join {{ ref('int_periode__bulanan') }} as periode using (kode_pemda, bulan)
