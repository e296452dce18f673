-- Where each OPD's monthly report stands with the verifier: per OPD and month reported,
-- the upload in force (the latest of the month) and the latest verdict on it -
-- terverifikasi or dikembalikan, with the note, who and when - or belum_diverifikasi
-- when it has none (a corrected upload after a verdict has none until it gets one).
-- The CATATAN VERIFIKATOR cells written in the report itself are kept beside it.
with reports as (
    select
        kode_pemda,
        tahun,
        kode_opd,
        bulan,
        max(file_id) as file_id,
        string_agg(distinct catatan_verifikator, '; ' order by catatan_verifikator)
            as catatan_di_laporan
    from {{ ref('stg_rfk__laporan') }}
    where {{ in_build_scope('kode_pemda') }}
    group by 1, 2, 3, 4
),

verdicts as (
    select distinct on (file_id) *
    from {{ ref('stg_rfk__verifikasi') }}
    where {{ in_build_scope('kode_pemda') }}
    order by file_id, pada desc, verifikasi_id desc
),

earlier as (
    -- verdicts on the month's earlier uploads, for the history
    select kode_pemda, kode_opd, bulan, count(*) as verdicts
    from {{ ref('stg_rfk__verifikasi') }}
    where {{ in_build_scope('kode_pemda') }}
    group by 1, 2, 3
)

select
    reports.kode_pemda,
    reports.tahun,
    reports.kode_opd,
    reports.bulan,
    reports.file_id,
    coalesce(verdicts.status, 'belum_diverifikasi') as status_verifikasi,
    verdicts.catatan as catatan_verifikator,
    verdicts.oleh as diverifikasi_oleh,
    verdicts.pada as diverifikasi_pada,
    reports.catatan_di_laporan,
    coalesce(earlier.verdicts, 0)::integer as jumlah_putusan
from reports
left join verdicts on verdicts.file_id = reports.file_id
left join earlier
    on earlier.kode_pemda = reports.kode_pemda and earlier.kode_opd = reports.kode_opd
    and earlier.bulan = reports.bulan
