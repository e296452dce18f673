{#- The SP2D register in force, one row per SP2D, with its SKPD code: the JSON record's
    own, else the SKPD of the budget version in force on the SP2D's date whose name is
    the register's, both folded by fold_name (case, spaces, punctuation). A name that
    matches no SKPD, or several, gets no code: nothing is guessed, status_skpd says why,
    kandidat_skpd names the SKPD a name matches.

    One definition for two readers: int_sp2d__register (the marts) reads every pemda,
    int_quality__sp2d (the SP2D checks, SP2D-014) the pemda the quality step checks. So
    the inputs are given: `register` the rows of stg_sp2d__register, `versions` the
    budget versions with their spans (int_anggaran__berlaku, or int_anggaran__versi,
    the table of the same spans the marts read), `budget` the rows of
    stg_anggaran__rekap5, each a relation or a subquery. -#}
{% macro sp2d_with_skpd(register, versions, budget) -%}
with register as (
    select
        *,
        {{ fold_name('nama_skpd') }} as nama_dilipat
    from {{ register }} as register
),

budget_skpd as (
    select distinct
        versions.kode_pemda,
        versions.berlaku_mulai,
        versions.berlaku_sampai,
        rekap5.kode_skpd,
        {{ fold_name('rekap5.nama_skpd') }} as nama_dilipat
    from {{ versions }} as versions
    join {{ budget }} as rekap5 using (file_id)
    where rekap5.kode_skpd is not null
),

names as (
    -- each version's SKPD by folded name, once: the SP2D are joined to them by name, not
    -- each compared with every SKPD of the budget (names folded per comparison took
    -- minutes for a kabupaten's year)
    select
        kode_pemda,
        berlaku_mulai,
        berlaku_sampai,
        nama_dilipat,
        count(distinct kode_skpd) as jumlah_kode,
        min(kode_skpd) as kode_skpd_cocok,
        string_agg(distinct kode_skpd, '; ') as kandidat_skpd
    from budget_skpd
    group by kode_pemda, berlaku_mulai, berlaku_sampai, nama_dilipat
),

spans as (
    -- the spans of the budget versions with SKPD (they do not overlap: one in force a day)
    select distinct kode_pemda, berlaku_mulai, berlaku_sampai
    from names
),

matched as (
    -- each SP2D with the SKPD of the budget in force on its date that have its name
    select
        register.*,
        spans.kode_pemda is not null as ada_anggaran,
        coalesce(names.jumlah_kode, 0) as jumlah_kode,
        names.kode_skpd_cocok,
        names.kandidat_skpd
    from register
    left join spans
        on spans.kode_pemda = register.kode_pemda
        and register.tanggal between spans.berlaku_mulai and spans.berlaku_sampai
    left join names
        on names.kode_pemda = spans.kode_pemda
        and names.berlaku_mulai = spans.berlaku_mulai
        and names.berlaku_sampai = spans.berlaku_sampai
        and names.nama_dilipat = register.nama_dilipat
)

select
    file_id,
    sheet,
    row_number,
    layout,
    periode,
    kode_pemda,
    nomor_sp2d,
    nomor_sp2d_tertulis,
    tanggal,
    bulan,
    tanggal_pembuatan,
    tanggal_pencairan,
    jenis_sp2d,
    jenis_ls,
    nomor_spm,
    status,
    is_uang_keluar,
    nama_skpd,
    coalesce(kode_skpd, case when jumlah_kode = 1 then kode_skpd_cocok end) as kode_skpd,
    kode_sub_unit,
    case
        when kode_skpd is not null then 'kode_dari_file'
        when nama_skpd is null then 'tanpa_skpd'
        when not ada_anggaran then 'tanpa_anggaran'
        when jumlah_kode = 1 then 'cocok'
        when jumlah_kode > 1 then 'ganda'
        else 'tidak_cocok'
    end as status_skpd,
    case when kode_skpd is null then kandidat_skpd end as kandidat_skpd,
    nama_penerima,
    keterangan,
    bruto,
    potongan,
    pph,
    ppn,
    neto
from matched
{%- endmacro %}
