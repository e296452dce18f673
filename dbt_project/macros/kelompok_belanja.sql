{#- The spending group (kelompok belanja) of an account code, Permendagri 90/2019:
    5.1 operasi, 5.2 modal, 5.3 tidak terduga, 5.4 transfer; null outside belanja. -#}
{% macro kelompok_belanja(kode_rekening) -%}
    case {{ kode_induk(kode_rekening, 2) }}
        when '5.1' then 'operasi'
        when '5.2' then 'modal'
        when '5.3' then 'tidak_terduga'
        when '5.4' then 'transfer'
    end
{%- endmacro %}
