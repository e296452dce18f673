-- Sub kegiatan whose physical progress the sidak team saw more than the tolerance away
-- from what the OPD reported (above or below it): the report does not hold in the field.
-- A line the team judged within the tolerance is the OPD's accurate report (fct_sidak,
-- and the verified part of the data quality score, count it for the OPD).
with visited as (
    select * from {batch}
),

tolerance as (
    -- Points of difference from which it is flagged (meta.parameters of
    -- keandalan_sidak.json).
    select ${toleransi_sidak_poin} as poin
)

select
    visited.file_id,
    visited.sheet,
    visited.row_number,
    visited.kode_pemda,
    visited.kode_opd,
    visited.periode,
    visited.tanggal_sidak,
    visited.kode_sub_kegiatan,
    visited.fisik_dilaporkan,
    visited.fisik_terverifikasi,
    visited.selisih_poin,
    visited.temuan
from visited
cross join tolerance
where abs(visited.selisih_poin) > tolerance.poin
