-- The SP2D register in force, one row per SP2D, with its SKPD code: the JSON record's
-- own, else the SKPD of the budget version in force on the SP2D's date whose name is
-- the register's, both folded by fold_name (case, spaces, punctuation). A name that
-- matches no SKPD, or several, gets no code: nothing is guessed, status_skpd says why,
-- and the quality rule SP2D-014 names the name in the run's flags.
with register as (
    select * from {{ ref('stg_sp2d__register') }}
),

budget_skpd as (
    select distinct
        versions.kode_pemda,
        versions.berlaku_mulai,
        versions.berlaku_sampai,
        rekap5.kode_skpd,
        {{ fold_name('rekap5.nama_skpd') }} as nama_dilipat
    from {{ ref('int_anggaran__versions') }} as versions
    join {{ ref('stg_anggaran__rekap5') }} as rekap5 using (file_id)
    where rekap5.kode_skpd is not null
),

matched as (
    select
        register.file_id,
        register.sheet,
        register.row_number,
        count(distinct budget_skpd.kode_skpd) as jumlah_kode,
        min(budget_skpd.kode_skpd) as kode_skpd
    from register
    left join budget_skpd
        on budget_skpd.kode_pemda = register.kode_pemda
        and register.tanggal between budget_skpd.berlaku_mulai and budget_skpd.berlaku_sampai
        and budget_skpd.nama_dilipat = {{ fold_name('register.nama_skpd') }}
    group by register.file_id, register.sheet, register.row_number
),

in_force as (
    -- whether any budget version is in force on the SP2D's date: without one, a name
    -- cannot be judged
    select distinct register.file_id, register.sheet, register.row_number
    from register
    join budget_skpd
        on budget_skpd.kode_pemda = register.kode_pemda
        and register.tanggal between budget_skpd.berlaku_mulai and budget_skpd.berlaku_sampai
)

select
    register.file_id,
    register.sheet,
    register.row_number,
    register.layout,
    register.periode,
    register.kode_pemda,
    register.nomor_sp2d,
    register.nomor_sp2d_tertulis,
    register.tanggal,
    register.bulan,
    register.jenis_sp2d,
    register.status,
    register.money_out,
    register.nama_skpd,
    coalesce(register.kode_skpd,
             case when matched.jumlah_kode = 1 then matched.kode_skpd end) as kode_skpd,
    register.kode_sub_skpd,
    case
        when register.kode_skpd is not null then 'kode_dari_file'
        when register.nama_skpd is null then 'tanpa_skpd'
        when in_force.file_id is null then 'tanpa_anggaran'
        when matched.jumlah_kode = 1 then 'cocok'
        when matched.jumlah_kode > 1 then 'ganda'
        else 'tidak_cocok'
    end as status_skpd,
    register.bruto,
    register.potongan,
    register.neto
from register
join matched using (file_id, sheet, row_number)
left join in_force using (file_id, sheet, row_number)
