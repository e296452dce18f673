{#- Indonesian month names: the reports and BI filters speak the language of the pemda. -#}
{% macro nama_bulan(bulan_ke) -%}
    (array['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
           'September', 'Oktober', 'November', 'Desember'])[{{ bulan_ke }}]
{%- endmacro %}
