{#- A percentage rounded to cents, null when there is nothing to divide by: a 0 pagu or
    plan has no percentage, and showing 0 would read as "nothing was spent". -#}
{% macro persen(pembilang, penyebut) -%}
    round(({{ pembilang }}) / nullif({{ penyebut }}, 0) * 100, 2)::numeric(20, 2)
{%- endmacro %}
