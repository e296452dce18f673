-- Each OPD's monthly report (RFK) in one row: physical realization weighted by the
-- budget the OPD reports per sub kegiatan. An OPD that sent no report has no row here,
-- so its physical % stays unknown rather than 0. Rows a quality rule flags as an error
-- count for the report's existence but not in its figures.
with report_rows as (
    select
        laporan.*,
        {{ without_error_flags('laporan') }} as is_dihitung
    from {{ ref('stg_rfk__laporan') }} as laporan
),

weighed as (
    -- rows whose physical % can weigh in: counted, with a % and a budget
    select
        *,
        is_dihitung and realisasi_fisik_persen is not null and pagu_dilaporkan is not null
            as is_ditimbang
    from report_rows
)

select
    kode_pemda,
    tahun,
    bulan,
    kode_opd,
    max(file_id) as file_id,
    count(*) as jumlah_baris,
    count(*) filter (where not is_dihitung) as jumlah_baris_ditahan,
    (sum(pagu_dilaporkan) filter (where is_dihitung))::numeric(20, 2) as pagu_dilaporkan,
    (sum(realisasi_keuangan_kumulatif) filter (where is_dihitung))::numeric(20, 2)
        as realisasi_keuangan_dilaporkan,
    round(
        sum(realisasi_fisik_persen * pagu_dilaporkan) filter (where is_ditimbang)
        / nullif(sum(pagu_dilaporkan) filter (where is_ditimbang), 0),
        2
    )::numeric(9, 2) as realisasi_fisik_persen
from weighed
group by kode_pemda, tahun, bulan, kode_opd
