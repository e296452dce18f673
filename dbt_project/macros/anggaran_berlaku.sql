{#- Rows of a model with berlaku_mulai / berlaku_sampai that are in force on a date:
    `where {{ anggaran_berlaku("date '2025-06-30'") }}`. -#}
{% macro anggaran_berlaku(tanggal, relation_alias=none) -%}
    {%- set prefix = relation_alias ~ '.' if relation_alias else '' -%}
    {{ tanggal }} between {{ prefix }}berlaku_mulai
        and coalesce({{ prefix }}berlaku_sampai, date '9999-12-31')
{%- endmacro %}
