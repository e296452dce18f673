{#- Names drift in spaces and line breaks between exports; codes are what join. -#}
{% macro fold_whitespace(column) -%}
    nullif(regexp_replace(trim({{ column }}), '\s+', ' ', 'g'), '')
{%- endmacro %}
