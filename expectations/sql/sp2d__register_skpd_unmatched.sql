-- SKPD names of the SP2D register (a name, no code) that no SKPD of the budget version in
-- force on the SP2D's date carries, or several do: the SP2D gets no SKPD code, as in
-- dbt's int_sp2d__register (names folded alike by raw.fold_name). One finding per file
-- and name, on its first row, with how many SP2D and how much it holds. Judged only
-- where a budget is in force on the date; a JSON record carries its code (or, without
-- one, no name) and is not judged. Read from raw, as the other rules, since they run before dbt.
with register as (
    select
        register.file_id,
        register.sheet,
        register.row_number,
        register.kode_pemda,
        register.nama_skpd,
        raw.fold_name(register.nama_skpd) as nama_dilipat,
        coalesce(register.tanggal_pencairan, register.tanggal_pembuatan) as tanggal,
        register.bruto
    from raw.sp2d_register as register
    join quality.files_in_scope('sp2d') as files using (file_id)
    where nullif(trim(register.kode_skpd), '') is null
        and raw.fold_name(register.nama_skpd) is not null
),

budget_skpd as (
    select distinct
        versions.kode_pemda,
        versions.berlaku_mulai,
        versions.berlaku_sampai,
        trim(rekap5.kode_skpd) as kode_skpd,
        raw.fold_name(rekap5.nama_skpd) as nama_dilipat
    from {sql:anggaran_berlaku} as versions
    join raw.anggaran_rekap5 as rekap5 using (file_id)
    where nullif(trim(rekap5.kode_skpd), '') is not null
),

-- Each version's SKPD by folded name, once: the SP2D are then joined to them by name
-- (a hash join), not each SP2D compared with every SKPD of the budget (names folded per
-- comparison took minutes for a kabupaten's year).
names as (
    select
        kode_pemda,
        berlaku_mulai,
        berlaku_sampai,
        nama_dilipat,
        count(distinct kode_skpd) as jumlah_kode,
        string_agg(distinct kode_skpd, '; ') as kandidat
    from budget_skpd
    group by kode_pemda, berlaku_mulai, berlaku_sampai, nama_dilipat
),

judged as (
    -- each SP2D with the SKPD of the budget in force on its date that have its name
    -- (versions do not overlap: one in force a day)
    select
        register.*,
        coalesce(names.jumlah_kode, 0) as jumlah_kode,
        names.kandidat
    from register
    join (select distinct kode_pemda, berlaku_mulai, berlaku_sampai from budget_skpd)
        as versions
        on versions.kode_pemda = register.kode_pemda
        and register.tanggal between versions.berlaku_mulai and versions.berlaku_sampai
    left join names
        on names.kode_pemda = versions.kode_pemda
        and names.berlaku_mulai = versions.berlaku_mulai
        and names.berlaku_sampai = versions.berlaku_sampai
        and names.nama_dilipat = register.nama_dilipat
),

unmatched as (
    select
        *,
        row_number() over (partition by file_id, nama_skpd order by sheet, row_number)
            as urutan,
        count(*) over (partition by file_id, nama_skpd) as jumlah_sp2d,
        sum(bruto) over (partition by file_id, nama_skpd) as total_bruto
    from judged
    where jumlah_kode <> 1
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    date_trunc('month', tanggal)::date as bulan,
    nama_skpd,
    case when jumlah_kode = 0 then 'tidak_cocok' else 'ganda' end as status_nama,
    kandidat,
    jumlah_sp2d,
    total_bruto
from unmatched
where urutan = 1
