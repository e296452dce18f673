-- The traffic-light thresholds in force for each pemda and month (seed
-- ambang_penyerapan): a pemda's own rows of an indicator replace the default rows of
-- that indicator, and a month takes the row of the latest bulan_ke it has reached.
with thresholds as (
    select
        kode_pemda,
        indikator,
        bulan_ke,
        batas_bawah,
        batas_atas
    from {{ ref('ambang_penyerapan') }}
),

per_pemda as (
    select
        periode.kode_pemda,
        periode.bulan,
        thresholds.indikator,
        thresholds.bulan_ke,
        thresholds.batas_bawah,
        thresholds.batas_atas
    from {{ ref('int_periode__bulanan') }} as periode
    join thresholds
        on thresholds.bulan_ke <= periode.bulan_ke
        and (
            thresholds.kode_pemda = periode.kode_pemda
            or (
                thresholds.kode_pemda = 'default'
                and not exists (
                    select 1 from thresholds as own
                    where own.kode_pemda = periode.kode_pemda
                        and own.indikator = thresholds.indikator
                )
            )
        )
),

in_force as (
    select distinct on (kode_pemda, bulan, indikator) *
    from per_pemda
    order by kode_pemda, bulan, indikator, bulan_ke desc
)

select
    periode.kode_pemda,
    periode.bulan,
    capaian.batas_bawah as capaian_batas_bawah,
    capaian.batas_atas as capaian_batas_atas,
    penyerapan.bulan_ke as penyerapan_bulan_target,
    penyerapan.batas_bawah as penyerapan_batas_bawah,
    penyerapan.batas_atas as penyerapan_batas_atas
from {{ ref('int_periode__bulanan') }} as periode
left join in_force as capaian
    on capaian.kode_pemda = periode.kode_pemda
    and capaian.bulan = periode.bulan
    and capaian.indikator = 'capaian_rencana'
left join in_force as penyerapan
    on penyerapan.kode_pemda = periode.kode_pemda
    and penyerapan.bulan = periode.bulan
    and penyerapan.indikator = 'penyerapan_kumulatif'
