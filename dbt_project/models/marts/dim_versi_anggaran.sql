-- Budget versions (versi anggaran) and the days each was in force.
select
    kode_versi,
    kode_pemda,
    tahun,
    versi,
    versi_urutan,
    urutan_berlaku,
    berlaku_mulai,
    berlaku_sampai,
    is_terkini,
    jumlah_baris,
    total_pagu,
    jumlah_baris_ditahan,
    pagu_ditahan,
    file_id,
    file_sha256
from {{ ref('int_anggaran__versi') }}
where {{ in_build_scope('kode_pemda') }}
