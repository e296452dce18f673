-- Every account line (sub unit, sub kegiatan, rekening) of any budget version of each
-- pemda and year in scope, as one key: realization of an account not here belongs to
-- nothing that was budgeted. One key, looked up in a hash of them (NOT IN): whatever
-- the planner guesses of the row counts, it cannot turn into a loop over every pair.
select distinct
    rekap5.kode_pemda,
    files.tahun,
    concat_ws('|', rekap5.kode_pemda, files.tahun, rekap5.kode_sub_unit,
              rekap5.kode_sub_kegiatan, rekap5.kode_rekening) as kunci_rekening
from {{ source('raw', 'anggaran_rekap5') }} as rekap5
join quality.files_in_scope('anggaran') as files using (file_id)
where rekap5.kode_rekening is not null
