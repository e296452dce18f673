{#- Early warning (peringatan dini) for the monthly coordination meeting: the OPDs that
    need attention each month and why, one row per pemda, OPD, month and reason (alasan),
    with the figures behind it and the problems the OPD reported. Spending is
    back-loaded into the last quarter; these rules catch an OPD while there is still
    time to act. Reasons, in order of urgency (prioritas):
    1 pelampauan         account lines realized beyond their pagu in force (an audit
                         finding in the making: the budget must be shifted or the
                         spending corrected)
    2 merah_rencana      realization as a percent of the cash plan (RAK) is in the red
                         band (lampu_capaian; thresholds in the ambang_penyerapan seed)
    3 merah_target       cumulative absorption (% of pagu) is below the month's red
                         threshold (lampu_penyerapan; same seed)
    4 deviasi_memburuk   behind plan, and the deviation grew in each of the last two
                         months: the gap is widening, not closing
    5 fisik_tertinggal   the physical % the OPD reports trails its financial absorption %
                         by more than var('peringatan_selisih_fisik_poin') points: more
                         paid than built
    6 laporan_tidak_ada  the month's report (RFK) is owed and has not been received
    7 data_tidak_valid   the month's report has rows held back by an error rule
    A month without the realization export raises no money reason: nothing to judge
    is not a zero. -#}
{%- set selisih_fisik_poin = var('peringatan_selisih_fisik_poin', 20) %}

{% call with_deprecated_columns() %}
with penyerapan as (
    -- fct_penyerapan_opd_bulanan has every month of the year for every OPD, so the
    -- previous rows are the previous calendar months.
    select
        *,
        lag(deviasi_persen, 1) over bulan_bulan as deviasi_bulan_lalu,
        lag(deviasi_persen, 2) over bulan_bulan as deviasi_dua_bulan_lalu
    from {{ ref('fct_penyerapan_opd_bulanan') }}
    where {{ in_build_scope('kode_pemda') }}
    window bulan_bulan as (partition by kode_pemda, tahun, kode_opd order by bulan)
),

permasalahan_opd as (
    select
        kode_pemda,
        kode_opd,
        bulan,
        string_agg(distinct permasalahan, '; ' order by permasalahan) as permasalahan,
        string_agg(distinct tindak_lanjut, '; ' order by tindak_lanjut) as tindak_lanjut
    from {{ ref('rpt_permasalahan_opd') }}
    where {{ in_build_scope('kode_pemda') }}
    group by kode_pemda, kode_opd, bulan
),

figures as (
    select
        penyerapan.kode_pemda,
        penyerapan.tahun,
        penyerapan.bulan,
        penyerapan.kode_opd,
        penyerapan.nama_opd,
        penyerapan.pagu,
        penyerapan.realisasi_kumulatif,
        penyerapan.pelampauan,
        penyerapan.rekening_melampaui_pagu,
        penyerapan.penyerapan_persen,
        penyerapan.rak_persen,
        penyerapan.capaian_rencana_persen,
        penyerapan.capaian_batas_bawah,
        penyerapan.lampu_capaian,
        penyerapan.penyerapan_batas_bawah,
        penyerapan.lampu_penyerapan,
        penyerapan.deviasi_persen,
        penyerapan.deviasi_bulan_lalu,
        penyerapan.deviasi_dua_bulan_lalu,
        penyerapan.realisasi_fisik_persen,
        penyerapan.penyerapan_persen - penyerapan.realisasi_fisik_persen as selisih_fisik_poin,
        -- from the quality mart: it knows which months a report is owed for
        kualitas.is_laporan_ada,
        kualitas.baris_laporan,
        kualitas.baris_salah,
        permasalahan_opd.permasalahan,
        permasalahan_opd.tindak_lanjut,
        penyerapan.peringkat
    from penyerapan
    left join {{ ref('fct_kualitas_data_opd') }} as kualitas
        on kualitas.kode_pemda = penyerapan.kode_pemda
        and kualitas.kode_opd = penyerapan.kode_opd
        and kualitas.bulan = penyerapan.bulan
        and {{ in_build_scope('kualitas.kode_pemda') }}
    left join permasalahan_opd
        on permasalahan_opd.kode_pemda = penyerapan.kode_pemda
        and permasalahan_opd.kode_opd = penyerapan.kode_opd
        and permasalahan_opd.bulan = penyerapan.bulan
),

as_text as (
    -- Figures as the reader writes them: 12,5% (a decimal comma).
    select
        figures.*,
        {%- for column in ['penyerapan_persen', 'rak_persen', 'capaian_rencana_persen',
                           'capaian_batas_bawah', 'penyerapan_batas_bawah', 'deviasi_persen',
                           'deviasi_bulan_lalu', 'deviasi_dua_bulan_lalu',
                           'realisasi_fisik_persen', 'selisih_fisik_poin'] %}
        replace(to_char({{ column }}, 'FM999999990.0'), '.', ',') as {{ column }}_teks
        {{- "," if not loop.last }}
        {%- endfor %}
    from figures
),

reasons as (
    select as_text.*, reason.alasan, reason.prioritas, reason.uraian
    from as_text
    cross join lateral (values
        (
            'pelampauan', 1, pelampauan > 0,
            rekening_melampaui_pagu || ' rekening direalisasikan melampaui pagu berlaku, '
            || 'seluruhnya Rp ' || replace(to_char(pelampauan, 'FM999G999G999G999G990'), ',', '.')
            || ' di atas pagu (pelampauan).'
        ),
        (
            'merah_rencana', 2, lampu_capaian = 'merah',
            'Realisasi baru ' || capaian_rencana_persen_teks
            || '% dari rencana kas (RAK) kumulatif, di bawah batas merah '
            || capaian_batas_bawah_teks || '%; penyerapan ' || penyerapan_persen_teks
            || '% dari pagu, rencana ' || rak_persen_teks || '%.'
        ),
        (
            'merah_target', 3, lampu_penyerapan = 'merah',
            'Penyerapan kumulatif ' || penyerapan_persen_teks
            || '% dari pagu, di bawah batas merah ' || penyerapan_batas_bawah_teks
            || '% untuk bulan ini.'
        ),
        (
            'deviasi_memburuk', 4,
            deviasi_persen > 0
                and deviasi_persen > deviasi_bulan_lalu
                and deviasi_bulan_lalu > deviasi_dua_bulan_lalu,
            'Deviasi terhadap rencana memburuk dua bulan berturut-turut: '
            || deviasi_dua_bulan_lalu_teks || '% → ' || deviasi_bulan_lalu_teks || '% → '
            || deviasi_persen_teks || '%.'
        ),
        (
            'fisik_tertinggal', 5, selisih_fisik_poin > {{ selisih_fisik_poin }},
            'Realisasi fisik ' || realisasi_fisik_persen_teks || '% tertinggal '
            || selisih_fisik_poin_teks || ' poin dari realisasi keuangan '
            || penyerapan_persen_teks || '%.'
        ),
        (
            'laporan_tidak_ada', 6, not is_laporan_ada,
            'Laporan realisasi fisik dan keuangan (RFK) bulan ini belum diterima.'
        ),
        (
            'data_tidak_valid', 7, is_laporan_ada and baris_salah > 0,
            baris_salah || ' dari ' || baris_laporan
            || ' baris laporan RFK salah dan ditahan dari laporan pimpinan sampai diperbaiki.'
        )
    ) as reason (alasan, prioritas, berlaku, uraian)
    where reason.berlaku
)

select
    kode_pemda,
    tahun::integer as tahun,
    bulan,
    kode_opd,
    nama_opd,
    alasan,
    prioritas,
    uraian,
    pagu::numeric(20, 2) as pagu,
    realisasi_kumulatif::numeric(20, 2) as realisasi_kumulatif,
    pelampauan::numeric(20, 2) as pelampauan,
    penyerapan_persen::numeric(20, 2) as penyerapan_persen,
    rak_persen::numeric(20, 2) as rak_persen,
    capaian_rencana_persen::numeric(20, 2) as capaian_rencana_persen,
    capaian_batas_bawah::numeric(9, 2) as capaian_batas_bawah,
    lampu_capaian,
    penyerapan_batas_bawah::numeric(9, 2) as penyerapan_batas_bawah,
    lampu_penyerapan,
    deviasi_persen::numeric(20, 2) as deviasi_persen,
    deviasi_bulan_lalu::numeric(20, 2) as deviasi_bulan_lalu,
    deviasi_dua_bulan_lalu::numeric(20, 2) as deviasi_dua_bulan_lalu,
    realisasi_fisik_persen::numeric(9, 2) as realisasi_fisik_persen,
    selisih_fisik_poin::numeric(20, 2) as selisih_fisik_poin,
    is_laporan_ada,
    baris_laporan,
    baris_salah,
    permasalahan,
    tindak_lanjut,
    peringkat::integer as peringkat
from reasons
{% endcall %}
