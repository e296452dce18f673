{#- Rows of a model with berlaku_mulai / berlaku_sampai that are in force on a date:
    `where {{ anggaran_berlaku("date '2025-06-30'") }}`. A version's span ends with its
    fiscal year at the latest (int_anggaran__versi); only a version whose year could
    not be read (an error flag holds its lines back) has no end. -#}
{% macro anggaran_berlaku(tanggal, relation_alias=none) -%}
    {%- set prefix = relation_alias ~ '.' if relation_alias else '' -%}
    {{ tanggal }} between {{ prefix }}berlaku_mulai
        and coalesce({{ prefix }}berlaku_sampai, date '9999-12-31')
{%- endmacro %}
