-- Each problem the OPDs reported, from FORM-M (stg_rfk__permasalahan) and from the
-- PERMASALAHAN column of serapan's template (stg_rfk__laporan), with:
-- - its OPD: the file's, else the recap's UNIT KERJA found among the budget's SKPD by
--   its folded name (status_opd says how, or why not);
-- - its category by the keyword rules of the seed kategori_permasalahan, matched on the
--   folded text of the problem (else of the remedy, for a row that writes only that):
--   the matching rule with the lowest prioritas wins; a problem no rule matches is
--   'lainnya', kept and counted;
-- - who is expected to help (pihak_diharapkan), resolved to another OPD of the budget
--   (named in full, or by a pattern of the seed pihak_permasalahan), the reporting OPD's
--   own officers, or an outside party, its text kept; what no rule recognises is said
--   (tidak_dikenali), and several OPDs named are listed, none chosen (opd_ganda).
-- A table, incremental by pemda (macros/build_scope.sql), as the marts it feeds.
{{ config(materialized='incremental') }}
with form_m as (
    select
        'form_m' as asal, kode_pemda, tahun, bulan, kode_opd, unit_kerja,
        null::text as kode_sub_kegiatan, uraian_kegiatan, permasalahan, upaya,
        pihak_diharapkan, kode_permasalahan, file_id, sheet, row_number
    from {{ ref('stg_rfk__permasalahan') }} as form_m
    where {{ in_build_scope('form_m.kode_pemda') }}
        and (permasalahan is not null or upaya is not null)
),

template as (
    -- the template's problems (its FORM-M sheet, or the PERMASALAHAN and TINDAK LANJUT
    -- columns of an older template), on their lines; rows an error rule holds back are
    -- left out, as in rpt_permasalahan_opd. The OPD's name goes where FORM-M has its
    -- UNIT KERJA: the code finds the OPD, the name only names it.
    select
        'laporan' as asal, kode_pemda, tahun, bulan, kode_opd, nama_opd,
        kode_sub_kegiatan, coalesce(nama_sub_kegiatan, nama_rekening), permasalahan,
        tindak_lanjut, pihak_diharapkan, null::text, file_id, sheet, row_number
    from {{ ref('stg_rfk__laporan') }} as laporan
    where {{ in_build_scope('laporan.kode_pemda') }}
        and laporan.permasalahan is not null
        and {{ readable_by_leadership('laporan') }}
),

problems as (
    select
        *,
        {{ fold_words('permasalahan') }} as permasalahan_dilipat,
        {{ fold_words('upaya') }} as upaya_dilipat,
        {{ fold_words('pihak_diharapkan') }} as pihak_dilipat
    from (select * from form_m union all select * from template) as both_forms
),

opd_names as (
    -- the SKPD of each pemda's budget, by folded name
    select kode_pemda, kode_opd, nama_opd, {{ fold_name('nama_opd') }} as nama_dilipat
    from {{ ref('int_opd__kode') }} as opd
    where {{ in_build_scope('opd.kode_pemda') }}
        and is_skpd and nama_opd is not null
),

with_opd as (
    select
        problems.*,
        coalesce(problems.kode_opd, case when unit.jumlah = 1 then unit.kode_opd end)
            as kode_opd_cocok,
        case
            when problems.kode_opd is not null then 'kode'
            when unit.jumlah = 1 then 'nama'
            when unit.jumlah > 1 then 'nama_ganda'
            else 'nama_tidak_cocok'
        end as status_opd,
        coalesce(by_code.nama_opd, unit.nama_opd, problems.unit_kerja) as nama_opd_cocok
    from problems
    left join opd_names as by_code
        on by_code.kode_pemda = problems.kode_pemda and by_code.kode_opd = problems.kode_opd
    left join lateral (
        select count(distinct kode_opd) as jumlah, min(kode_opd) as kode_opd,
               min(nama_opd) as nama_opd
        from opd_names
        where opd_names.kode_pemda = problems.kode_pemda
            and opd_names.nama_dilipat = {{ fold_name('problems.unit_kerja') }}
    ) as unit on problems.kode_opd is null
),

rules as (
    select prioritas, kategori, sub_kategori, pola
    from {{ ref('kategori_permasalahan') }}
),

categorised as (
    select
        with_opd.*,
        coalesce(chosen.kategori, 'lainnya') as kategori,
        coalesce(chosen.sub_kategori, 'lainnya') as sub_kategori,
        chosen.prioritas as aturan_prioritas,
        chosen.pola as aturan_pola,
        chosen.teks as dicocokkan_pada
    from with_opd
    left join lateral (
        -- the problem's own words first; the remedy only for a row without them
        select rules.*, matched.teks
        from (values (1, 'permasalahan', with_opd.permasalahan_dilipat),
                     (2, 'upaya', with_opd.upaya_dilipat)) as matched (urutan, teks, dilipat)
        join rules on matched.dilipat ~ rules.pola
        order by matched.urutan, rules.prioritas, rules.kategori, rules.sub_kategori
        limit 1
    ) as chosen on true
),

pihak_rules as (
    select nullif(trim(kode_pemda), '') as kode_pemda, pola, jenis, nama_opd
    from {{ ref('pihak_permasalahan') }}
),

pihak_opd as (
    -- other OPDs the pihak names: in full (the budget's name folded, inside its
    -- folded text), or by a pattern of the seed naming an OPD
    select categorised.file_id, categorised.sheet, categorised.row_number,
        opd_names.kode_opd, opd_names.nama_opd, opd_names.nama_dilipat
    from categorised
    join opd_names
        on opd_names.kode_pemda = categorised.kode_pemda
        and strpos({{ fold_name('categorised.pihak_diharapkan') }}, opd_names.nama_dilipat) > 0
    union
    select categorised.file_id, categorised.sheet, categorised.row_number,
        budget.kode_opd, coalesce(budget.nama_opd, pihak_rules.nama_opd),
        {{ fold_name('pihak_rules.nama_opd') }}
    from categorised
    join pihak_rules
        on coalesce(pihak_rules.kode_pemda, categorised.kode_pemda) = categorised.kode_pemda
        and pihak_rules.jenis = 'opd'
        and categorised.pihak_dilipat ~ pihak_rules.pola
    left join opd_names as budget
        on budget.kode_pemda = categorised.kode_pemda
        and budget.nama_dilipat = {{ fold_name('pihak_rules.nama_opd') }}
),

pihak_opd_lain as (
    -- the reporting OPD itself named is not another OPD to act
    select pihak_opd.file_id, pihak_opd.sheet, pihak_opd.row_number,
        count(distinct pihak_opd.nama_dilipat) as jumlah,
        min(pihak_opd.kode_opd) as kode_opd,
        min(pihak_opd.nama_opd) as nama_opd,
        string_agg(distinct coalesce(pihak_opd.kode_opd || ' ', '') || pihak_opd.nama_opd, '; ')
            as kandidat
    from pihak_opd
    join categorised using (file_id, sheet, row_number)
    where not coalesce(pihak_opd.nama_dilipat = {{ fold_name('categorised.nama_opd_cocok') }}
                       or pihak_opd.kode_opd = categorised.kode_opd_cocok, false)
    group by pihak_opd.file_id, pihak_opd.sheet, pihak_opd.row_number
),

pihak_kind as (
    select categorised.file_id, categorised.sheet, categorised.row_number,
        bool_or(pihak_rules.jenis = 'opd_sendiri') as opd_sendiri,
        bool_or(pihak_rules.jenis = 'pihak_luar') as pihak_luar,
        bool_or(pihak_rules.jenis = 'opd') as opd
    from categorised
    join pihak_rules
        on coalesce(pihak_rules.kode_pemda, categorised.kode_pemda) = categorised.kode_pemda
        and categorised.pihak_dilipat ~ pihak_rules.pola
    group by categorised.file_id, categorised.sheet, categorised.row_number
)

select
    categorised.kode_pemda,
    categorised.tahun,
    categorised.bulan,
    categorised.asal,
    categorised.kode_opd_cocok as kode_opd,
    categorised.nama_opd_cocok as nama_opd,
    categorised.status_opd,
    categorised.kode_sub_kegiatan,
    categorised.uraian_kegiatan,
    categorised.kode_permasalahan,
    categorised.permasalahan,
    categorised.upaya,
    categorised.kategori,
    categorised.sub_kategori,
    categorised.aturan_prioritas,
    categorised.aturan_pola,
    categorised.dicocokkan_pada,
    categorised.pihak_diharapkan,
    case
        when categorised.pihak_diharapkan is null
            or categorised.pihak_dilipat = '  ' then 'tidak_disebut'
        when lain.jumlah = 1 then 'opd'
        when lain.jumlah > 1 then 'opd_ganda'
        when kind.opd_sendiri or kind.opd
            or strpos({{ fold_name('categorised.pihak_diharapkan') }},
                      {{ fold_name('categorised.nama_opd_cocok') }}) > 0 then 'opd_sendiri'
        when kind.pihak_luar then 'pihak_luar'
        else 'tidak_dikenali'
    end as pihak_jenis,
    case when lain.jumlah = 1 then lain.kode_opd end as pihak_kode_opd,
    case when lain.jumlah = 1 then lain.nama_opd end as pihak_nama_opd,
    case when lain.jumlah > 1 then lain.kandidat end as pihak_kandidat,
    categorised.file_id,
    categorised.sheet,
    categorised.row_number
from categorised
left join pihak_opd_lain as lain using (file_id, sheet, row_number)
left join pihak_kind as kind using (file_id, sheet, row_number)
