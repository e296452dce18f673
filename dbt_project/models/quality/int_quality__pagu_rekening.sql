-- The pagu of every account line (sub unit, sub kegiatan, rekening: summed over funding
-- sources and packages) in each budget version of the pemda the quality step checks,
-- with the days the version is in force. The yardstick of realization the checks judge
-- by (RLD-010, LRA-003): never the ANGGARAN column an export carries. A sub unit
-- belongs to one SKPD: its kode_skpd rides along for the rules that judge an SKPD's
-- whole budget.
select
    kode_pemda,
    tahun,
    versi,
    berlaku_mulai,
    berlaku_sampai,
    kode_skpd,
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    sum(pagu) as pagu
from {{ ref('int_quality__anggaran_berlaku') }}
where kode_rekening is not null
group by kode_pemda, tahun, versi, berlaku_mulai, berlaku_sampai, kode_skpd,
    kode_sub_unit, kode_sub_kegiatan, kode_rekening
