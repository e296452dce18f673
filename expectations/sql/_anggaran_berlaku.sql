-- The budget versions of the pemda in scope, each with the days it is in force: from
-- its date until the day before the next version of its year takes effect (of two dated
-- the same day, the later in the order murni, pergeseran_N, perubahan, penyesuaian, as
-- dbt's versi_urutan orders them), the year's last until 31 December of that year.
-- Rules read it through the token sql:anggaran_berlaku (in braces). The marts read the
-- same spans from dbt's int_anggaran__versions; tests/test_anggaran_berlaku.py holds the
-- two to one result.
select
    kode_pemda,
    tahun,
    versi,
    file_id,
    berlaku_mulai,
    coalesce(
        lead(berlaku_mulai) over (
            partition by kode_pemda, tahun order by berlaku_mulai, versi_urutan, file_id
        ) - 1,
        make_date(tahun, 12, 31)
    ) as berlaku_sampai
from (
    select distinct
        rekap5.kode_pemda,
        files.tahun,
        rekap5.versi,
        rekap5.file_id,
        rekap5.tanggal_versi as berlaku_mulai,
        case
            when rekap5.versi = 'murni' then 0
            when rekap5.versi like 'pergeseran\_%' then split_part(rekap5.versi, '_', 2)::integer
            when rekap5.versi = 'perubahan' then 100
            when rekap5.versi = 'penyesuaian' then 200
            when rekap5.versi like 'penyesuaian\_%'
                then 200 + split_part(rekap5.versi, '_', 2)::integer
        end as versi_urutan
    from raw.anggaran_rekap5 as rekap5
    join quality.files_in_scope('anggaran') as files using (file_id)
) as versions
