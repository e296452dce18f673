{#- Personal data (NPWP, bank account numbers): only the last 4 characters stay visible
    outside the raw layer. -#}
{% macro mask_last4(column) -%}
    case
        when {{ column }} is null then null
        else repeat('*', greatest(length({{ column }}) - 4, 0)) || right({{ column }}, 4)
    end
{%- endmacro %}
