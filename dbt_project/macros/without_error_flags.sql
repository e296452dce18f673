{#- Rows that no quality rule flagged as an error: leadership marts count only these.
    A corrected upload supersedes the file, and with it the flags. A flag that holds
    back an amount instead (ditahan_kumulatif: the part of a line's realization the SP2D
    do not bear out) leaves its row in; int_realisasi__bulanan takes the amount out. -#}
{% macro without_error_flags(alias) -%}
    not exists (
        select 1
        from {{ source('quality', 'flags') }} as error_flags
        where {{ holds_back_its_row('error_flags') }}
            and error_flags.file_id = {{ alias }}.file_id
            and error_flags.sheet = {{ alias }}.sheet
            and error_flags.row_number = {{ alias }}.row_number
    )
{%- endmacro %}

{#- The rows held back, once each: `left join ({{ rows_held_back() }}) as held using
    (file_id, sheet, row_number)` where a query needs to know, not only to filter. -#}
{% macro rows_held_back() -%}
    select distinct file_id, sheet, row_number
    from {{ source('quality', 'flags') }} as error_flags
    where {{ holds_back_its_row('error_flags') }}
{%- endmacro %}

{#- A flag that holds its row back: an error that names no amount. -#}
{% macro holds_back_its_row(flag_alias) -%}
    {{ flag_alias }}.severity = 'error' and {{ flag_alias }}.ditahan_kumulatif is null
{%- endmacro %}
