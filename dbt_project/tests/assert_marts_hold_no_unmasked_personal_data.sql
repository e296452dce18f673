{{ config(meta={"dagster": {"ref": {"name": "fct_sp2d"}}}) }}

-- No mart holds a recipient's NPWP or bank account number as the SP2D lists wrote them:
-- every number in every text column of every mart, alone or inside a longer text, is
-- compared with the landed numbers by their digits ("01.234.567.8-901.000" is
-- "012345678901000"). Numbers shorter than 8 digits (a masked value's last 4) are not
-- personal data on their own. An incremental build searches the rows of the pemda in
-- scope, against their own SP2D numbers (a pemda's mart rows are built from its own
-- sources alone); a full refresh searches every row against every number.
{%- set marts = [
    ref('dim_budget_version'), ref('fct_anggaran'), ref('dim_opd'), ref('dim_sub_kegiatan'),
    ref('dim_rekening'), ref('dim_sumber_dana'), ref('dim_period'),
    ref('fct_realisasi_bulanan'), ref('fct_sp2d'), ref('fct_anggaran_perubahan'),
    ref('fct_penyerapan_opd_bulanan'),
] %}

with numbers_in_scope as materialized (
    -- materialized: the scope first, so the regular expressions below run on the rows
    -- in scope alone (the planner would test the cheap-looking expressions first)
    select sp2d.npwp, sp2d.nomor_rekening_bank
    from {{ source('raw', 'sp2d_rincian') }} as sp2d
    where {{ in_tested_scope('sp2d.kode_pemda') }}
),

personal as (
    -- the two columns as a union, not a lateral VALUES per row: through VALUES the planner
    -- expected one number in all, and searched every mart's text once per number (a
    -- nested loop that ran a kabupaten's increment for over ten minutes instead of 5 s)
    select distinct jenis, digits
    from (
        select 'npwp' as jenis, regexp_replace(npwp, '\D', '', 'g') as digits
        from numbers_in_scope
        union all
        select 'nomor_rekening_bank', regexp_replace(nomor_rekening_bank, '\D', '', 'g')
        from numbers_in_scope
    ) as numbers
    where length(digits) >= 8
),

mart_numbers as (
    {%- set searches = [] %}
    {%- set in_scope = in_tested_scope('kode_pemda') %}
    {%- if execute %}
        {%- for relation in marts %}
            {%- for column in adapter.get_columns_in_relation(relation) if column.is_string() %}
                {%- do searches.append(
                    "select '" ~ relation ~ "' as relasi, '" ~ column.name ~ "' as kolom, "
                    ~ "regexp_replace(found[1], '\\D', '', 'g') as digits from " ~ relation
                    ~ " cross join lateral regexp_matches(" ~ adapter.quote(column.name)
                    ~ ", '(\\d[\\d .-]*\\d)', 'g') as found"
                    ~ " where " ~ in_scope) %}
            {%- endfor %}
        {%- endfor %}
    {%- endif %}
    {{ searches | join('\n    union all\n    ') }}
)

select mart_numbers.relasi, mart_numbers.kolom, personal.jenis, count(*) as jumlah
from mart_numbers
join personal using (digits)
group by mart_numbers.relasi, mart_numbers.kolom, personal.jenis
