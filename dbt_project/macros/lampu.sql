{#- Traffic light (lampu): below batas_bawah red, from batas_bawah yellow, from batas_atas
    green; null when the value or its thresholds are unknown (nothing to judge). -#}
{% macro lampu(nilai, batas_bawah, batas_atas) -%}
    case
        when {{ nilai }} is null or {{ batas_bawah }} is null or {{ batas_atas }} is null
            then null
        when {{ nilai }} >= {{ batas_atas }} then 'hijau'
        when {{ nilai }} >= {{ batas_bawah }} then 'kuning'
        else 'merah'
    end
{%- endmacro %}
