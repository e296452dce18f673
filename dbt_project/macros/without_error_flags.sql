{#- Rows that no quality rule flagged as an error: leadership marts count only these.
    A corrected upload supersedes the file, and with it the flags. -#}
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

{#- A flag that holds its row back: an error. -#}
{% macro holds_back_its_row(flag_alias) -%}
    {{ flag_alias }}.severity = 'error'
{%- endmacro %}
