-- LS and GU lines whose sub unit, sub kegiatan and account are in no budget version of
-- the year: the payment belongs to nothing that was budgeted. Checked only for a pemda
-- and year with a budget loaded, and only for well-formed codes; lines without an
-- account, or with a malformed code, have rules of their own.
with sp2d_lines as (
    select * from {batch}
),

budget_accounts as (
    -- The account as one key, looked up in a hash of them (NOT IN): whatever the planner
    -- guesses of the row counts, it cannot turn into a loop over every pair.
    select distinct
        rekap5.kode_pemda,
        files.tahun,
        concat_ws('|', rekap5.kode_pemda, files.tahun, rekap5.kode_sub_unit,
                  rekap5.kode_sub_kegiatan, rekap5.kode_rekening) as kunci_rekening
    from raw.anggaran_rekap5 as rekap5
    join quality.files_in_scope('anggaran') as files using (file_id)
    where rekap5.kode_rekening is not null
),

budgeted_years as (
    select distinct kode_pemda, tahun from budget_accounts
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    tanggal_sp2d,
    bulan,
    nomor_sp2d,
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    nilai
from sp2d_lines
join budgeted_years using (kode_pemda, tahun)
where upper(trim(jenis_sp2d)) in ('LS', 'GU')
    and kode_sub_unit ~ '{kode:skpd}'
    and kode_sub_kegiatan ~ '{kode:sub_kegiatan}'
    and kode_rekening ~ '{kode:rekening}'
    and concat_ws('|', kode_pemda, tahun, kode_sub_unit, kode_sub_kegiatan, kode_rekening)
        not in (select kunci_rekening from budget_accounts)
