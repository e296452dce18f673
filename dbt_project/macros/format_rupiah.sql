{#- Rupiah as an Indonesian reader writes it: "Rp 1.234.567,00" (dots group thousands). -#}
{% macro format_rupiah(amount) -%}
    case when {{ amount }} is not null then
        'Rp ' || translate(
            to_char({{ amount }}, 'FM999,999,999,999,999,990.00'), ',.', '.,')
    end
{%- endmacro %}
