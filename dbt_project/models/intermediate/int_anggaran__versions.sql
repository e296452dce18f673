-- Budget versions of each pemda and year, with the span of days each was in force:
-- a version holds from its date until the day before the next version's date.
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
        count(*) filter (where kode_rekening is not null) as jumlah_baris,
        coalesce(sum(pagu), 0)::numeric(20, 2) as total_pagu
    from {{ ref('stg_anggaran__rekap5') }}
    where {{ in_build_scope('kode_pemda') }}
    group by kode_pemda, tahun, versi, tanggal_versi, file_id, file_sha256
),

ordered as (
    select
        *,
        {{ versi_urutan('versi') }} as versi_urutan,
        row_number() over (
            partition by kode_pemda, tahun
            order by tanggal_versi, {{ versi_urutan('versi') }}
        ) as urutan_berlaku
    from versions
)

select
    kode_pemda || '/' || tahun || '/' || versi as version_key,
    kode_pemda,
    tahun,
    versi,
    versi_urutan,
    urutan_berlaku,
    tanggal_versi as berlaku_mulai,
    (lead(tanggal_versi) over (
        partition by kode_pemda, tahun order by urutan_berlaku
    ) - 1) as berlaku_sampai,
    file_id,
    file_sha256,
    jumlah_baris,
    total_pagu
from ordered
