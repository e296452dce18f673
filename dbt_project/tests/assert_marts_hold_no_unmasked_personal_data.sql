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
    -- in scope alone (the planner would test the cheap-looking expressions first); each
    -- pair once (a recipient is paid many times); the scope on the files, so that one
    -- pemda's lines are read by file_id (a line's pemda is its file's)
    select distinct sp2d.npwp, sp2d.nomor_rekening_bank
    from {{ source('raw', 'sp2d_rincian') }} as sp2d
    join {{ source('raw', 'files') }} as files using (file_id)
    where {{ in_tested_scope('files.kode_pemda') }}
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

mart_texts as (
    -- Each mart read once, its text columns side by side (a scan per column read the
    -- 22 million SP2D lines of the nation 15 times, for one pemda too); only texts with a
    -- run of 8 characters or more that a number of 8 digits needs, each distinct text
    -- once with its count (the codes repeat on every line): the regular expression that
    -- takes numbers out then runs on thousands of texts, not on every line's. The
    -- search of every number of every line, sorted for the join, once filled the disk.
    {%- set searches = [] %}
    {%- set in_scope = in_tested_scope('mart.kode_pemda') %}
    {%- if execute %}
        {%- for relation in marts %}
            {%- set texts = [] %}
            {%- for column in adapter.get_columns_in_relation(relation) if column.is_string() %}
                {%- do texts.append("('" ~ column.name ~ "', " ~ adapter.quote(column.name) ~ ")") %}
            {%- endfor %}
            {%- do searches.append(
                "select '" ~ relation ~ "' as relasi, kolom, teks, count(*) as jumlah from "
                ~ relation ~ " as mart cross join lateral (values " ~ texts | join(', ')
                ~ ") as kolom_teks (kolom, teks) where " ~ in_scope
                ~ " and teks ~ '\\d[\\d .-]{6,}\\d' group by kolom, teks") %}
        {%- endfor %}
    {%- endif %}
    {{ searches | join('\n    union all\n    ') }}
),

mart_numbers as (
    select relasi, kolom, jumlah, regexp_replace(found[1], '\D', '', 'g') as digits
    from mart_texts
    cross join lateral regexp_matches(teks, '(\d[\d .-]*\d)', 'g') as found
)

select mart_numbers.relasi, mart_numbers.kolom, personal.jenis, sum(mart_numbers.jumlah) as jumlah
from mart_numbers
join personal using (digits)
group by mart_numbers.relasi, mart_numbers.kolom, personal.jenis
