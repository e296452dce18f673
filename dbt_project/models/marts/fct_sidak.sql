-- Sidak (unannounced field visits) and what they found: one row per sub kegiatan a team
-- inspected, the physical % the OPD reported beside the one the team saw. hasil says
-- whether the field bore the report out: tidak_sesuai where REL-017 flagged the line
-- (the gap beyond the suite's tolerance), sesuai where the team judged it and the rule did
-- not, tidak_dinilai where the team wrote a finding without a physical %.
with visited as (
    select * from {{ ref('stg_sidak__kunjungan') }}
    where {{ in_build_scope('kode_pemda') }}
),

not_borne_out as (
    select distinct file_id, sheet, row_number
    from {{ source('quality', 'flags') }}
    where rule_id = 'REL-017' and {{ in_build_scope('kode_pemda') }}
)

select
    visited.kode_pemda,
    visited.tahun,
    visited.bulan,
    visited.kode_opd,
    opd.nama_opd,
    visited.tanggal_sidak,
    visited.tim,
    visited.kode_sub_kegiatan,
    visited.nama_sub_kegiatan,
    visited.pagu,
    visited.fisik_dilaporkan,
    visited.fisik_terverifikasi,
    (visited.fisik_dilaporkan - visited.fisik_terverifikasi)::numeric(9, 2) as selisih_poin,
    case
        when visited.fisik_terverifikasi is null then 'tidak_dinilai'
        when not_borne_out.file_id is not null then 'tidak_sesuai'
        else 'sesuai'
    end as hasil,
    visited.temuan,
    visited.bukti,
    visited.koordinat,
    visited.lintang,
    visited.bujur,
    visited.file_id,
    visited.sheet,
    visited.row_number
from visited
left join not_borne_out using (file_id, sheet, row_number)
left join {{ ref('dim_opd') }} as opd
    on opd.kode_pemda = visited.kode_pemda and opd.kode_opd = visited.kode_opd
