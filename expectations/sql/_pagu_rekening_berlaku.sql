-- The pagu of every account line (sub unit, sub kegiatan, rekening: summed over funding
-- sources and packages) in each budget version of the pemda in scope, with the days the
-- version is in force (_anggaran_berlaku.sql). The yardstick of realization: never the
-- ANGGARAN column an export carries.
select
    versions.kode_pemda,
    versions.tahun,
    versions.versi,
    versions.berlaku_mulai,
    versions.berlaku_sampai,
    rekap5.kode_sub_unit,
    rekap5.kode_sub_kegiatan,
    rekap5.kode_rekening,
    sum(rekap5.pagu) as pagu
from {sql:anggaran_berlaku} as versions
join raw.anggaran_rekap5 as rekap5 using (file_id)
where rekap5.kode_rekening is not null
group by versions.kode_pemda, versions.tahun, versions.versi, versions.berlaku_mulai,
    versions.berlaku_sampai, rekap5.kode_sub_unit, rekap5.kode_sub_kegiatan,
    rekap5.kode_rekening
