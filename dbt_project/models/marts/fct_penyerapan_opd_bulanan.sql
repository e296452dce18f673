-- Budget absorption per OPD (SKPD) and month, as leadership reviews it in the monthly
-- coordination meeting: financial absorption against the pagu and against the cash
-- plan, the OPD's own physical progress against its physical plan (both weighted by the
-- pagu in force of its lines, int_rfk__opd_bulanan), and traffic lights from
-- ambang_penyerapan: one rule (the lampu macro) on the financial and physical figures.
{% call with_deprecated_columns() %}
with finance as (
    select
        kode_pemda,
        tahun,
        bulan,
        kode_skpd,
        sum(pagu) as pagu,
        sum(rak_kumulatif) as rak_kumulatif,
        sum(realisasi_kumulatif) as realisasi_kumulatif,
        sum(realisasi_bulan) as realisasi_bulan,
        sum(realisasi_ditahan_kumulatif) as realisasi_ditahan_kumulatif,
        sum(pelampauan) as pelampauan,
        count(*) filter (where pelampauan > 0) as rekening_melampaui_pagu
    from {{ ref('int_baris_rekening__bulanan') }}
    where kode_skpd is not null and {{ in_build_scope('kode_pemda') }}
    group by kode_pemda, tahun, bulan, kode_skpd
),

opd_years as (
    -- every OPD with a budget, plan, realization or report in the year, every month
    select kode_pemda, tahun, kode_skpd from finance
    union
    select kode_pemda, tahun, kode_opd from {{ ref('int_rfk__opd_bulanan') }}
    where {{ in_build_scope('kode_pemda') }}
),

opd_months as (
    select opd_years.kode_skpd, periode.*
    from opd_years
    join {{ ref('int_periode__bulanan') }} as periode using (kode_pemda, tahun)
    where {{ in_build_scope('periode.kode_pemda') }}
),

figures as (
    select
        opd_months.kode_pemda,
        opd_months.tahun,
        opd_months.bulan,
        opd_months.kode_skpd,
        opd_months.kode_versi,
        coalesce(finance.pagu, 0)::numeric(20, 2) as pagu,
        coalesce(finance.rak_kumulatif, 0)::numeric(20, 2) as rak_kumulatif,
        -- unknown until the month's export arrives; 0 once it is there without the OPD
        case when opd_months.realisasi_file_id is not null
            then coalesce(finance.realisasi_kumulatif, 0)
        end::numeric(20, 2) as realisasi_kumulatif,
        case when opd_months.realisasi_file_id is not null
            then coalesce(finance.realisasi_bulan, 0)
        end::numeric(20, 2) as realisasi_bulan,
        case when opd_months.realisasi_file_id is not null
            then coalesce(finance.realisasi_ditahan_kumulatif, 0)
        end::numeric(20, 2) as realisasi_ditahan_kumulatif,
        case when opd_months.realisasi_file_id is not null
            then coalesce(finance.pelampauan, 0)
        end::numeric(20, 2) as pelampauan,
        coalesce(finance.rekening_melampaui_pagu, 0)::integer as rekening_melampaui_pagu,
        reports.realisasi_fisik_persen,
        reports.rencana_fisik_persen,
        coalesce(reports.is_ada_rencana_fisik, false) as is_ada_rencana_fisik,
        reports.pagu_ditimbang,
        reports.kode_opd is not null as is_laporan_ada
    from opd_months
    left join finance using (kode_pemda, tahun, bulan, kode_skpd)
    left join {{ ref('int_rfk__opd_bulanan') }} as reports
        on reports.kode_pemda = opd_months.kode_pemda
        and reports.bulan = opd_months.bulan
        and reports.kode_opd = opd_months.kode_skpd
        and {{ in_build_scope('reports.kode_pemda') }}
),

percentages as (
    select
        *,
        {{ persen('realisasi_kumulatif', 'pagu') }} as penyerapan_persen,
        {{ persen('rak_kumulatif', 'pagu') }} as rak_persen,
        -- (RAK% - absorption%) / RAK% x 100, and absorption as a percent of plan
        -- (absorption% / RAK% x 100 = 100 - deviation): the pagu cancels out of both
        {{ persen('rak_kumulatif - realisasi_kumulatif', 'rak_kumulatif') }} as deviasi_persen,
        {{ persen('realisasi_kumulatif', 'rak_kumulatif') }} as capaian_rencana_persen,
        -- physical: realization less plan in percentage points, and realization as a
        -- percent of plan, judged as capaian_rencana_persen is
        (realisasi_fisik_persen - rencana_fisik_persen)::numeric(9, 2) as deviasi_fisik_poin,
        {{ persen('realisasi_fisik_persen', 'rencana_fisik_persen') }} as capaian_fisik_persen,
        -- the share of the OPD's pagu whose lines' physical progress is known
        {{ persen('pagu_ditimbang', 'pagu') }} as cakupan_fisik_persen
    from figures
),

opd_months_with_errors as (
    -- An error on any of the OPD's rows of the month (its report, the finance system's
    -- lines, its payment orders) or on the month as a whole (a report missing) means
    -- the month's figures leave something out: they are not to be relied on.
    select distinct kode_pemda, kode_opd as kode_skpd, periode as bulan
    from {{ source('quality', 'flags') }}
    where severity = 'error' and kode_opd is not null and periode is not null
        and {{ in_build_scope('kode_pemda') }}
),

judged as (
    select
        percentages.*,
        thresholds.capaian_batas_bawah,
        thresholds.capaian_batas_atas,
        thresholds.penyerapan_bulan_target,
        thresholds.penyerapan_batas_bawah,
        thresholds.penyerapan_batas_atas
    from percentages
    left join {{ ref('int_ambang__bulanan') }} as thresholds
        on thresholds.kode_pemda = percentages.kode_pemda
        and thresholds.bulan = percentages.bulan
        and {{ in_build_scope('thresholds.kode_pemda') }}
)

select
    judged.kode_pemda,
    judged.tahun,
    judged.bulan,
    judged.kode_skpd as kode_opd,
    opd.nama_opd,
    coalesce(opd.is_kecamatan, false) as is_kecamatan,
    judged.kode_versi,
    judged.pagu,
    judged.rak_kumulatif,
    judged.realisasi_bulan,
    judged.realisasi_kumulatif,
    judged.realisasi_ditahan_kumulatif,
    judged.pelampauan,
    judged.rekening_melampaui_pagu,
    judged.penyerapan_persen,
    judged.rak_persen,
    judged.deviasi_persen,
    judged.capaian_rencana_persen,
    {{ lampu('judged.capaian_rencana_persen', 'judged.capaian_batas_bawah',
             'judged.capaian_batas_atas') }} as lampu_capaian,
    judged.capaian_batas_bawah,
    judged.capaian_batas_atas,
    {{ lampu('judged.penyerapan_persen', 'judged.penyerapan_batas_bawah',
             'judged.penyerapan_batas_atas') }} as lampu_penyerapan,
    judged.penyerapan_bulan_target,
    judged.penyerapan_batas_bawah,
    judged.penyerapan_batas_atas,
    case when judged.capaian_rencana_persen is not null then
        rank() over (
            partition by judged.kode_pemda, judged.bulan,
                judged.capaian_rencana_persen is null
            order by judged.capaian_rencana_persen desc
        )
    end as peringkat,
    judged.realisasi_fisik_persen,
    judged.rencana_fisik_persen,
    judged.is_ada_rencana_fisik,
    judged.deviasi_fisik_poin,
    judged.capaian_fisik_persen,
    {{ lampu('judged.capaian_fisik_persen', 'judged.capaian_batas_bawah',
             'judged.capaian_batas_atas') }} as lampu_fisik,
    judged.cakupan_fisik_persen,
    judged.is_laporan_ada,
    judged.is_laporan_ada and errors.kode_skpd is null as is_data_valid
from judged
left join opd_months_with_errors as errors using (kode_pemda, kode_skpd, bulan)
left join {{ ref('int_opd__kode') }} as opd
    on opd.kode_pemda = judged.kode_pemda
    and opd.kode_opd = judged.kode_skpd
    and {{ in_build_scope('opd.kode_pemda') }}
{% endcall %}
