-- Budget versions of each pemda and year with the span of days each was in force
-- (int_anggaran__berlaku), and their lines and pagu counted as fct_anggaran holds them
-- (int_anggaran__baris, without the lines an error flag holds back), the held-back ones
-- beside them.
-- A table: read by every budget model; a view would be recomputed per reader.
{{ config(materialized='incremental') }}
with lines as (
    select
        file_id,
        count(*) as jumlah_baris,
        sum(pagu)::numeric(20, 2) as total_pagu
    from {{ ref('int_anggaran__baris') }}
    where {{ in_build_scope('kode_pemda') }}
    group by file_id
)

select
    versions.kode_versi,
    versions.kode_pemda,
    versions.tahun,
    versions.versi,
    versions.versi_urutan,
    versions.urutan_berlaku,
    versions.berlaku_mulai,
    versions.berlaku_sampai,
    versions.is_terkini,
    versions.file_id,
    versions.file_sha256,
    coalesce(lines.jumlah_baris, 0) as jumlah_baris,
    coalesce(lines.total_pagu, 0)::numeric(20, 2) as total_pagu,
    (versions.jumlah_baris_file - coalesce(lines.jumlah_baris, 0)) as jumlah_baris_ditahan,
    (versions.total_pagu_file - coalesce(lines.total_pagu, 0))::numeric(20, 2) as pagu_ditahan
from {{ ref('int_anggaran__berlaku') }} as versions
left join lines using (file_id)
where {{ in_build_scope('versions.kode_pemda') }}
