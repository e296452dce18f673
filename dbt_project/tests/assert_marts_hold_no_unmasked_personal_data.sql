{{ config(meta={"dagster": {"ref": {"name": "fct_sp2d"}}}) }}

-- No mart holds a personal number unmasked. Every text column of every table and view
-- in the marts schema (the database's catalog: what the BI login can read, a mart added
-- later too), alone or inside a longer text, is searched for
--   - a number the masking rule still masks (raw.mask_personal_numbers: an NPWP, NIK,
--     NIP or bank account typed into a text), which staging applies to every text a
--     person typed ('nomor_pribadi'), and
--   - the recipients' NPWP and bank account numbers as the SP2D registers and records
--     wrote them, in any form, compared by their digits ("01.234.567.8-901.000" is
--     "012345678901000"): one written in a way the rule does not know, or a column that
--     came round staging.
--     Numbers shorter than 8 digits (a masked value's last 4) are not personal data on
--     their own.
-- The masking happens in staging, so that no mart is written with such a number: the BI
-- login reads a mart's rows as soon as its build commits, before any test of it runs.
-- This test is the net behind that. An incremental build searches the rows of the pemda
-- in scope, against their own SP2D numbers (a pemda's mart rows are built from its own
-- sources alone); a full refresh searches every row against every number.
{#- The refs only order the test after every mart's build (dbt knows a test's models by
    its ref() calls alone, and fills its graph after parsing): a mart model missing here
    stops the test, saying which. What is searched is the catalog's list of tables (the
    views in marts, the old names kept until 0.3.0, show what those tables hold). -#}
{%- set built_before = [
    ref('dim_versi_anggaran'), ref('fct_anggaran'), ref('dim_opd'), ref('dim_sub_kegiatan'),
    ref('dim_rekening'), ref('dim_sumber_dana'), ref('dim_periode'),
    ref('fct_realisasi_bulanan'), ref('fct_sp2d'), ref('fct_anggaran_perubahan'),
    ref('fct_penyerapan_opd_bulanan'), ref('fct_kualitas_data_opd'),
    ref('rpt_peringatan_dini'), ref('rpt_permasalahan_opd'), ref('fct_lra_opd_bulanan'),
    ref('fct_permasalahan_bulanan'), ref('fct_fisik_bulanan'), ref('fct_proyeksi_opd_bulanan'),
    ref('rpt_sidak_risiko'), ref('fct_sidak'), ref('fct_verifikasi_laporan'),
] %}
{%- set marts = [] %}
{%- if execute %}
    {%- set referenced = built_before | map(attribute='identifier') | list %}
    {%- set missing = [] %}
    {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.fqn[1] == 'marts'
            and node.config.materialized != 'view' and node.name not in referenced %}
        {%- do missing.append(node.name) %}
    {%- endfor %}
    {%- if missing %}
        {{ exceptions.raise_compiler_error(
            "assert_marts_hold_no_unmasked_personal_data: mart tidak diurutkan / marts not "
            ~ "ordered before the test: " ~ missing | join(', ') ~ " (tambahkan ke "
            ~ "built_before / add them to built_before)") }}
    {%- endif %}
    {%- set schema = built_before[0].schema %}
    {%- for row in run_query(
            "select table_name from information_schema.tables where table_schema = '"
            ~ schema ~ "' and table_type = 'BASE TABLE' order by table_name") %}
        {%- do marts.append(api.Relation.create(
                database=target.database, schema=schema, identifier=row[0])) %}
    {%- endfor %}
{%- endif %}

with numbers_in_scope as materialized (
    -- materialized: the scope first, so the regular expressions below run on the rows
    -- in scope alone (the planner would test the cheap-looking expressions first); each
    -- pair once (a recipient is paid many times); the scope on the files, so that one
    -- pemda's lines are read by file_id (a line's pemda is its file's)
    select distinct sp2d.npwp, sp2d.nomor_rekening_penerima
    from {{ source('raw', 'sp2d_register') }} as sp2d
    join {{ source('raw', 'files') }} as files using (file_id)
    where {{ in_tested_scope('files.kode_pemda') }}
),

personal as (
    -- the two columns as a union, not a lateral VALUES per row: through VALUES the planner
    -- expected one number in all, and searched every mart's text once per number (a
    -- nested loop that made a kabupaten's increment run for minutes, not seconds)
    select distinct jenis, digits
    from (
        select 'npwp' as jenis, regexp_replace(npwp, '\D', '', 'g') as digits
        from numbers_in_scope
        union all
        select 'nomor_rekening_penerima', regexp_replace(nomor_rekening_penerima, '\D', '', 'g')
        from numbers_in_scope
    ) as numbers
    where length(digits) >= 8
),

mart_texts as (
    -- Each mart read once, its text columns side by side (a scan per column read the
    -- 22 million SP2D lines of the nation 15 times, for one pemda too); only texts with a
    -- run of 8 characters or more that a number of 8 digits needs, each distinct text
    -- once with its count (the codes repeat on every line): the regular expression that
    -- takes numbers out, and the masking rule, then run on thousands of texts, not on
    -- every line's. The search of every number of every line, sorted for the join, once
    -- filled the disk.
    {%- set searches = [] %}
    {%- for relation in marts %}
        {%- set columns = adapter.get_columns_in_relation(relation) %}
        {%- set texts = [] %}
        {%- for column in columns if column.is_string() %}
            {%- do texts.append("('" ~ column.name ~ "', " ~ adapter.quote(column.name) ~ ")") %}
        {%- endfor %}
        {#- a table of no pemda (none yet) is searched whole -#}
        {%- set in_scope = in_tested_scope('mart.kode_pemda')
                if 'kode_pemda' in columns | map(attribute='name') else 'true' %}
        {%- if texts %}
            {%- do searches.append(
                "select '" ~ relation ~ "' as relasi, kolom, teks, count(*) as jumlah from "
                ~ relation ~ " as mart cross join lateral (values " ~ texts | join(', ')
                ~ ") as kolom_teks (kolom, teks) where " ~ in_scope
                ~ " and teks ~ '\\d[\\d\\s.-]{6,}\\d' group by kolom, teks") %}
        {%- endif %}
    {%- endfor %}
    {{ searches | join('\n    union all\n    ') }}
),

mart_numbers as (
    select relasi, kolom, jumlah, regexp_replace(found[1], '\D', '', 'g') as digits
    from mart_texts
    cross join lateral regexp_matches(teks, '(\d[\d\s.-]*\d)', 'g') as found
),

found as (
    select mart_numbers.relasi, mart_numbers.kolom, personal.jenis, mart_numbers.jumlah
    from mart_numbers
    join personal using (digits)
    union all
    -- a text the rule would still change holds a number it masks; a digest (md5, sha256:
    -- a line's or a file's key) is no number a person typed
    select relasi, kolom, 'nomor_pribadi', jumlah
    from mart_texts
    where teks !~ '^(?:[0-9a-f]{32}|[0-9a-f]{64})$'
        and teks <> {{ mask_personal_numbers('teks') }}
)

select relasi, kolom, jenis, sum(jumlah) as jumlah
from found
group by relasi, kolom, jenis
