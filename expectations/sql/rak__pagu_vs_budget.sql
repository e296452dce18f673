-- Account lines whose PAGU is not the account's budget in the version the plan belongs
-- to (the lines of that Rekap 5 version for the sub unit, sub kegiatan and rekening,
-- summed; 0 where the version lacks the account). A plan without a version in its
-- metadata, or whose version's budget is not loaded, cannot be matched and is not
-- checked; nor is a line with a malformed code (flagged as such). One finding per line.
with plan_lines as (
    select
        *,
        concat_ws('|', kode_pemda, tahun, versi) as kunci_versi,
        concat_ws('|', kode_pemda, tahun, versi, kode_sub_unit, kode_sub_kegiatan,
                  kode_rekening) as kunci_rekening
    from {batch}
    where versi is not null
        and kode_sub_unit ~ '{kode:skpd}'
        and kode_sub_kegiatan ~ '{kode:sub_kegiatan}'
        and kode_rekening ~ '{kode:rekening}'
),

budget as (
    select
        concat_ws('|', rekap5.kode_pemda, files.tahun, rekap5.versi) as kunci_versi,
        concat_ws('|', rekap5.kode_pemda, files.tahun, rekap5.versi, rekap5.kode_sub_unit,
                  rekap5.kode_sub_kegiatan, rekap5.kode_rekening) as kunci_rekening,
        sum(rekap5.pagu) as pagu
    from raw.anggaran_rekap5 as rekap5
    join quality.files_in_scope('anggaran') as files using (file_id)
    where rekap5.kode_rekening is not null
    group by kunci_versi, kunci_rekening
),

plans_and_budget as (
    -- The plan's lines and the budget's accounts in one stream, so a line meets its
    -- account's budget through a window rather than a join: without statistics the
    -- planner takes thousands of rows for a few and loops over every pair.
    select
        'rak' as asal,
        kunci_versi,
        kunci_rekening,
        file_id,
        sheet,
        row_number,
        kode_pemda,
        kode_skpd,
        versi,
        kode_sub_unit,
        kode_sub_kegiatan,
        kode_rekening,
        pagu
    from plan_lines
    union all
    select 'anggaran', kunci_versi, kunci_rekening, null, null, null, null, null, null,
        null, null, null, pagu
    from budget
),

compared as (
    select
        *,
        -- a lookup in a hash of the loaded versions, not a join
        kunci_versi in (select kunci_versi from budget) as versi_dimuat,
        coalesce(sum(pagu) filter (where asal = 'anggaran') over (partition by kunci_rekening),
                 0) as pagu_anggaran
    from plans_and_budget
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    versi,
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    pagu as pagu_rak,
    pagu_anggaran
from compared
where asal = 'rak'
    and versi_dimuat
    and pagu is distinct from pagu_anggaran
