-- The SP2D of the registers in force of the pemda in scope, one row per SP2D number (the
-- latest file that carries it, as dbt's stg_sp2d__register takes it), with the month
-- each register reports (its first day): what the BUD paid, to reconcile the per-document realization
-- with by number.
select distinct on (register.kode_pemda, raw.fold_nomor_sp2d(register.nomor_sp2d))
    register.file_id,
    register.sheet,
    register.row_number,
    register.kode_pemda,
    to_date(register.periode, 'YYYY-MM') as periode,
    raw.fold_nomor_sp2d(register.nomor_sp2d) as nomor_sp2d_kunci,
    register.nomor_sp2d,
    coalesce(register.tanggal_pencairan, register.tanggal_pembuatan) as tanggal,
    upper(trim(register.jenis_sp2d)) as jenis_sp2d,
    register.bruto,
    register.money_out,
    register.nama_skpd
from raw.sp2d_register as register
join quality.files_in_scope('sp2d') as files using (file_id)
order by register.kode_pemda, raw.fold_nomor_sp2d(register.nomor_sp2d), register.file_id desc
