{#- Rows that no quality rule flagged as an error: leadership marts count only these.
    A corrected upload supersedes the file, and with it the flags. A flag that holds
    back an amount instead (ditahan_kumulatif: the part of a line's realization the SP2D
    do not bear out) leaves its row in; int_realisasi__bulanan takes the amount out. -#}
{% macro without_error_flags(alias) -%}
    not exists (
        select 1
        from {{ source('quality', 'flags') }} as error_flags
        where error_flags.severity = 'error'
            and error_flags.ditahan_kumulatif is null
            and error_flags.file_id = {{ alias }}.file_id
            and error_flags.sheet = {{ alias }}.sheet
            and error_flags.row_number = {{ alias }}.row_number
    )
{%- endmacro %}
