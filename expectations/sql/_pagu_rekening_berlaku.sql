-- The pagu of every account line (sub unit, sub kegiatan, rekening: summed over funding
-- sources and packages) in each budget version of the pemda in scope, with the days the
-- version is in force (_anggaran_berlaku.sql). The yardstick of realization: never the
-- ANGGARAN column an export carries. A sub unit belongs to one SKPD: its kode_skpd rides
-- along for the rules that judge an SKPD's whole budget (LRA-003).
select
    versions.kode_pemda,
    versions.tahun,
    versions.versi,
    versions.berlaku_mulai,
    versions.berlaku_sampai,
    rekap5.kode_skpd,
    rekap5.kode_sub_unit,
    rekap5.kode_sub_kegiatan,
    rekap5.kode_rekening,
    sum(rekap5.pagu) as pagu
from {sql:anggaran_berlaku} as versions
join raw.anggaran_rekap5 as rekap5 using (file_id)
where rekap5.kode_rekening is not null
group by versions.kode_pemda, versions.tahun, versions.versi, versions.berlaku_mulai,
    versions.berlaku_sampai, rekap5.kode_skpd, rekap5.kode_sub_unit, rekap5.kode_sub_kegiatan,
    rekap5.kode_rekening
