{#- The rows of `relation` of the pemda the quality step checks: those of the session
    setting serapan.pemda (quality.in_scope, pipelines/quality/flags.sql), every pemda's
    outside the quality step. A model the checks read takes each of its inputs through
    it, so that a night's checks read only their pemda's rows even where the model joins
    two sources: a condition on the model's result would reach the rows of one. -#}
{% macro rows_in_check_scope(relation) -%}
    (select * from {{ relation }} where quality.in_scope(kode_pemda))
{%- endmacro %}
