-- Account lines whose sub unit, sub kegiatan and rekening are in no budget version of the
-- year: the realization belongs to nothing that was budgeted. Checked only for a pemda
-- and year with a budget loaded (without one, every line would be "unknown"), and only
-- for well-formed codes: a malformed one is flagged as such.
with lines as (
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
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.kode_skpd,
    lines.periode_akhir,
    lines.kode_sub_unit,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    lines.realisasi
from lines
join budgeted_years using (kode_pemda, tahun)
where not lines.baris_subtotal
    and lines.kode_sub_unit ~ '{kode:skpd}'
    and lines.kode_sub_kegiatan ~ '{kode:sub_kegiatan}'
    and lines.kode_rekening ~ '{kode:rekening}'
    and concat_ws('|', lines.kode_pemda, lines.tahun, lines.kode_sub_unit,
                  lines.kode_sub_kegiatan, lines.kode_rekening)
        not in (select kunci_rekening from budget_accounts)
