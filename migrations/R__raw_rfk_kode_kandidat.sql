-- Rows of the OPD reports and the pemda's recap that carry no sub kegiatan code, each
-- with the budget lines its names match: the sub kegiatan of its OPD (the recap's OPD
-- found by the name of the sheet's title), or for an account line (a form for one sub
-- kegiatan or kegiatan) the account, by its code where one is typed, else by its name.
-- status: cocok (one line), ganda (several: none is chosen), tidak_cocok (none),
-- opd_tidak_cocok / opd_ganda (the recap's OPD name found no or several SKPD), tanpa_
-- anggaran (no budget of the pemda and year loaded: nothing to judge). The quality rules
-- (before dbt) and dbt's int_rfk__kode_dari_nama (after) both read it, so they agree.
create or replace view raw.rfk_kode_kandidat as
with rows_to_match as (
    select
        laporan.file_id, laporan.sheet, laporan.row_number, laporan.kode_pemda,
        laporan.tahun, laporan.periode, 'laporan' as asal, laporan.kode_opd,
        laporan.nama_opd, laporan.tingkat, nullif(trim(laporan.kode_kegiatan), '')
            as kode_kegiatan,
        laporan.nama_sub_kegiatan, laporan.kode_rekening, laporan.nama_rekening
    from raw.rfk_laporan as laporan
    join raw.files as files using (file_id)
    where files.status = 'loaded'
        and nullif(trim(laporan.kode_sub_kegiatan), '') is null
        and coalesce(laporan.nama_sub_kegiatan, laporan.nama_rekening,
                     laporan.kode_rekening) is not null
    union all
    select
        rekap.file_id, rekap.sheet, rekap.row_number, rekap.kode_pemda, rekap.tahun,
        rekap.periode, 'rekap', null, rekap.nama_opd, 'sub_kegiatan', null,
        rekap.nama_sub_kegiatan, null, null
    from raw.rfk_rekap as rekap
    join raw.files as files using (file_id)
    where files.status = 'loaded'
),

budget as (
    -- each budget line of every loaded version, once, its names and code folded
    select distinct
        rekap5.kode_pemda,
        files.tahun,
        trim(rekap5.kode_skpd) as kode_skpd,
        rekap5.nama_skpd,
        trim(rekap5.kode_kegiatan) as kode_kegiatan,
        trim(rekap5.kode_sub_kegiatan) as kode_sub_kegiatan,
        rekap5.nama_sub_kegiatan,
        raw.fold_name(rekap5.nama_sub_kegiatan) as sub_kegiatan_dilipat,
        raw.fold_code(rekap5.kode_rekening) as kode_rekening,
        rekap5.nama_rekening,
        raw.fold_name(rekap5.nama_rekening) as rekening_dilipat
    from raw.anggaran_rekap5 as rekap5
    join raw.files as files using (file_id)
    where files.status = 'loaded'
        -- only the pemda and years with rows to match: a nation's budgets are large
        and (rekap5.kode_pemda, files.tahun) in (select kode_pemda, tahun from rows_to_match)
        and nullif(trim(rekap5.kode_sub_kegiatan), '') is not null
        and nullif(trim(rekap5.kode_skpd), '') is not null
),

opd_names as materialized (
    -- each SKPD's name folded once (materialized: a name is folded once, not once for
    -- every row it is compared with)
    select distinct kode_pemda, tahun, kode_skpd, nama_skpd,
        raw.fold_name(nama_skpd) as nama_dilipat
    from budget
),

opd_titles as (
    -- the SKPD each recap sheet's title names: one hash join over the distinct titles
    select
        titles.kode_pemda,
        titles.tahun,
        titles.nama_opd,
        count(distinct opd_names.kode_skpd) as jumlah,
        min(opd_names.kode_skpd) as kode_skpd,
        string_agg(distinct opd_names.kode_skpd || ' ' || opd_names.nama_skpd, '; ')
            as kandidat
    from (select distinct kode_pemda, tahun, nama_opd from rows_to_match
          where kode_opd is null) as titles
    join opd_names
        on opd_names.kode_pemda = titles.kode_pemda
        and opd_names.tahun = titles.tahun
        and opd_names.nama_dilipat = raw.fold_name(titles.nama_opd)
    group by titles.kode_pemda, titles.tahun, titles.nama_opd
),

with_opd as (
    select
        rows_to_match.*,
        coalesce(rows_to_match.kode_opd,
                 case when opd.jumlah = 1 then opd.kode_skpd end) as kode_opd_cocok,
        opd.jumlah as jumlah_opd,
        opd.kandidat as kandidat_opd,
        raw.fold_name(rows_to_match.nama_sub_kegiatan) as sub_kegiatan_dilipat,
        raw.fold_code(rows_to_match.kode_rekening) as rekening_kode,
        raw.fold_name(rows_to_match.nama_rekening) as rekening_dilipat,
        exists (select from budget
                where budget.kode_pemda = rows_to_match.kode_pemda
                    and budget.tahun = rows_to_match.tahun) as ada_anggaran
    from rows_to_match
    left join opd_titles as opd
        on rows_to_match.kode_opd is null
        and opd.kode_pemda = rows_to_match.kode_pemda
        and opd.tahun = rows_to_match.tahun
        and opd.nama_opd = rows_to_match.nama_opd
),

candidates as (
    -- a sub kegiatan line: the OPD's sub kegiatan of the same name
    select distinct with_opd.file_id, with_opd.sheet, with_opd.row_number,
        budget.kode_sub_kegiatan, budget.nama_sub_kegiatan,
        null::text as kode_rekening, null::text as nama_rekening
    from with_opd
    join budget
        on budget.kode_pemda = with_opd.kode_pemda
        and budget.tahun = with_opd.tahun
        and budget.kode_skpd = with_opd.kode_opd_cocok
        and budget.sub_kegiatan_dilipat = with_opd.sub_kegiatan_dilipat
    where with_opd.tingkat = 'sub_kegiatan'
    union
    -- an account line: the OPD's account of the same code (or name, without a code),
    -- in the sub kegiatan and kegiatan the form names, where it names them
    select distinct with_opd.file_id, with_opd.sheet, with_opd.row_number,
        budget.kode_sub_kegiatan, budget.nama_sub_kegiatan,
        budget.kode_rekening, budget.nama_rekening
    from with_opd
    join budget
        on budget.kode_pemda = with_opd.kode_pemda
        and budget.tahun = with_opd.tahun
        and budget.kode_skpd = with_opd.kode_opd_cocok
    where with_opd.tingkat = 'rekening'
        and (with_opd.sub_kegiatan_dilipat is null
             or budget.sub_kegiatan_dilipat = with_opd.sub_kegiatan_dilipat)
        and (with_opd.kode_kegiatan is null or budget.kode_kegiatan = with_opd.kode_kegiatan)
        and (budget.kode_rekening = with_opd.rekening_kode
             or (with_opd.rekening_kode is null
                 and budget.rekening_dilipat = with_opd.rekening_dilipat))
),

counted as (
    select
        file_id, sheet, row_number,
        -- a line named differently in two versions is still one line
        count(distinct row(kode_sub_kegiatan, kode_rekening)) as jumlah,
        min(kode_sub_kegiatan) as kode_sub_kegiatan,
        min(kode_rekening) as kode_rekening,
        string_agg(concat_ws(' ', kode_sub_kegiatan, nama_sub_kegiatan,
                             '/ ' || kode_rekening, nama_rekening), '; '
                   order by kode_sub_kegiatan, kode_rekening) as kandidat
    from candidates
    group by file_id, sheet, row_number
)

select
    with_opd.file_id,
    with_opd.sheet,
    with_opd.row_number,
    with_opd.kode_pemda,
    with_opd.tahun,
    with_opd.periode,
    with_opd.asal,
    with_opd.tingkat,
    with_opd.kode_opd_cocok as kode_opd,
    with_opd.nama_opd,
    coalesce(with_opd.nama_rekening, with_opd.kode_rekening, with_opd.nama_sub_kegiatan)
        as nama_dicocokkan,
    case
        when not with_opd.ada_anggaran then 'tanpa_anggaran'
        when with_opd.kode_opd_cocok is null and with_opd.jumlah_opd > 1 then 'opd_ganda'
        when with_opd.kode_opd_cocok is null then 'opd_tidak_cocok'
        when counted.jumlah = 1 then 'cocok'
        when counted.jumlah > 1 then 'ganda'
        else 'tidak_cocok'
    end as status,
    coalesce(counted.jumlah, 0) as jumlah_kandidat,
    case when counted.jumlah = 1 then counted.kode_sub_kegiatan end as kode_sub_kegiatan,
    case when counted.jumlah = 1 then counted.kode_rekening end as kode_rekening,
    -- the lines a name matches; for a recap sheet's title naming several SKPD, those
    coalesce(counted.kandidat,
             case when with_opd.kode_opd_cocok is null then with_opd.kandidat_opd end)
        as kandidat
from with_opd
left join counted using (file_id, sheet, row_number);
