-- The problems the OPDs reported, month by month, each with its category, who is
-- expected to help and who must act, followed from one report to the next of the same
-- reporter (an OPD's own reports, or the pemda's recap): a problem of an OPD and sub
-- kegiatan is baru when the previous report did not name that sub kegiatan, masih_terbuka
-- when it did; a problem named in a report and not in the next one is selesai in the
-- month of that next report (one row, the earlier text and category). A reporter whose
-- next report has not come is not judged: its problems stay as last reported.
with problems as (
    select
        *,
        -- whose reports follow each other: an OPD's own, or the pemda's recap
        case when status_opd = 'kode' then 'opd:' || kode_opd else 'rekap' end as pelapor,
        coalesce(kode_opd, 'nama:' || {{ fold_name('nama_opd') }}, '') as opd_kunci,
        coalesce(kode_sub_kegiatan, {{ fold_name('uraian_kegiatan') }}, '') as kegiatan_kunci
    from {{ ref('int_rfk__permasalahan') }} as masalah
    where {{ in_build_scope('masalah.kode_pemda') }}
),

reports as (
    -- the months each reporter reported, with or without problems
    select distinct kode_pemda, tahun, pelapor, bulan from problems
    union
    select distinct kode_pemda, tahun, 'opd:' || kode_opd, bulan
    from {{ ref('stg_rfk__laporan') }} as laporan
    where {{ in_build_scope('laporan.kode_pemda') }}
    union
    select distinct kode_pemda, tahun,
        case when kode_opd is null then 'rekap' else 'opd:' || kode_opd end, bulan
    from {{ ref('stg_rfk__permasalahan') }} as form_m
    where {{ in_build_scope('form_m.kode_pemda') }}
),

sequence as (
    select
        *,
        lag(bulan) over by_reporter as bulan_sebelum,
        lead(bulan) over by_reporter as bulan_berikut
    from reports
    window by_reporter as (partition by kode_pemda, tahun, pelapor order by bulan)
),

flagged as (
    -- whether the reporter's previous and next reports name the same OPD and sub kegiatan
    select problems.*, sequence.bulan_berikut, named.sebelum, named.sesudah
    from problems
    join sequence using (kode_pemda, tahun, pelapor, bulan)
    cross join lateral (
        select
            coalesce(bool_or(other.bulan = sequence.bulan_sebelum), false) as sebelum,
            coalesce(bool_or(other.bulan = sequence.bulan_berikut), false) as sesudah
        from problems as other
        where other.kode_pemda = problems.kode_pemda
            and other.tahun = problems.tahun
            and other.pelapor = problems.pelapor
            and other.opd_kunci = problems.opd_kunci
            and other.kegiatan_kunci = problems.kegiatan_kunci
    ) as named
),

every_month as (
    select
        *,
        bulan as bulan_status,
        case when sebelum then 'masih_terbuka' else 'baru' end as status
    from flagged
    union all
    select *, bulan_berikut, 'selesai'
    from flagged
    where bulan_berikut is not null and not sesudah
)

select
    every_month.kode_pemda,
    every_month.tahun,
    every_month.bulan_status as bulan,
    every_month.status,
    -- the month whose report wrote the text (the month before, for a selesai row)
    every_month.bulan as bulan_dilaporkan,
    every_month.pelapor,
    every_month.asal,
    every_month.kode_opd,
    every_month.nama_opd,
    every_month.status_opd,
    every_month.kode_sub_kegiatan,
    every_month.uraian_kegiatan,
    every_month.kode_permasalahan,
    every_month.permasalahan,
    every_month.upaya,
    every_month.kategori,
    every_month.sub_kategori,
    every_month.aturan_prioritas,
    every_month.dicocokkan_pada,
    every_month.pihak_diharapkan,
    every_month.pihak_jenis,
    every_month.pihak_kode_opd,
    every_month.pihak_nama_opd,
    every_month.pihak_kandidat,
    -- who must act: the OPD the pihak names, else the reporting OPD itself (with its
    -- own officers or the outside party it names)
    case when every_month.pihak_jenis = 'opd' then every_month.pihak_kode_opd
         else every_month.kode_opd end as kode_opd_bertindak,
    case when every_month.pihak_jenis = 'opd' then every_month.pihak_nama_opd
         else every_month.nama_opd end as nama_opd_bertindak,
    every_month.file_id,
    every_month.sheet,
    every_month.row_number
from every_month
