{#- The order of budget versions within a year, for versions dated the same day:
    murni, pergeseran_1.., perubahan, penyesuaian. -#}
{% macro versi_urutan(column) -%}
    case
        when {{ column }} = 'murni' then 0
        when {{ column }} like 'pergeseran\_%' then split_part({{ column }}, '_', 2)::integer
        when {{ column }} = 'perubahan' then 100
        when {{ column }} = 'penyesuaian' then 200
        when {{ column }} like 'penyesuaian\_%' then 200 + split_part({{ column }}, '_', 2)::integer
    end
{%- endmacro %}
