-- Budget versions of each pemda and year, with the span of days each was in force: a
-- version holds from its date until the day before the next version of its year, and
-- the last version of a year until that year's 31 December (a budget never outlives its
-- fiscal year, so the budget in force on a date is one year's).
-- Lines and pagu are counted as fct_anggaran holds them (int_anggaran__lines, without
-- the lines an error flag holds back), and the held-back ones beside them.
-- A table: read by every budget model; a view would be recomputed per reader.
{{ config(materialized='incremental') }}
with versions as (
    select
        kode_pemda,
        tahun,
        versi,
        tanggal_versi,
        file_id,
        file_sha256,
        count(*) filter (where kode_rekening is not null) as jumlah_baris_file,
        coalesce(sum(pagu), 0)::numeric(20, 2) as total_pagu_file
    from {{ ref('stg_anggaran__rekap5') }}
    where {{ in_build_scope('kode_pemda') }}
    group by kode_pemda, tahun, versi, tanggal_versi, file_id, file_sha256
),

lines as (
    select
        file_id,
        count(*) as jumlah_baris,
        sum(pagu)::numeric(20, 2) as total_pagu
    from {{ ref('int_anggaran__lines') }}
    where {{ in_build_scope('kode_pemda') }}
    group by file_id
),

ordered as (
    select
        versions.*,
        coalesce(lines.jumlah_baris, 0) as jumlah_baris,
        coalesce(lines.total_pagu, 0)::numeric(20, 2) as total_pagu,
        {{ versi_urutan('versi') }} as versi_urutan,
        row_number() over (
            partition by kode_pemda, tahun
            order by tanggal_versi, {{ versi_urutan('versi') }}
        ) as urutan_berlaku
    from versions
    left join lines using (file_id)
),

spans as (
    select
        *,
        lead(tanggal_versi) over (
            partition by kode_pemda, tahun order by urutan_berlaku
        ) as berlaku_versi_berikut
    from ordered
)

select
    kode_pemda || '/' || tahun || '/' || versi as version_key,
    kode_pemda,
    tahun,
    versi,
    versi_urutan,
    urutan_berlaku,
    tanggal_versi as berlaku_mulai,
    coalesce(berlaku_versi_berikut - 1, make_date(tahun, 12, 31)) as berlaku_sampai,
    berlaku_versi_berikut is null as is_terkini,
    file_id,
    file_sha256,
    jumlah_baris,
    total_pagu,
    (jumlah_baris_file - jumlah_baris) as jumlah_baris_ditahan,
    (total_pagu_file - total_pagu)::numeric(20, 2) as pagu_ditahan
from spans
