{#- A name with what drifts between the budget and the OPDs' forms folded away (case,
    spaces, line breaks, punctuation, '&', 'By.', 'Kab', a 'Sub Kegiatan' in front), to
    match a row written without a code by its name. The fold itself is one SQL function,
    raw.fold_name (migrations/R__raw_fold.sql), so that the quality rules, which run
    before dbt, fold exactly as the models do. -#}
{% macro fold_name(column) -%}
    raw.fold_name({{ column }})
{%- endmacro %}
