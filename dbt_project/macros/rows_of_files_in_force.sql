{#- Rows of a raw table whose file is loaded (not superseded, not quarantined). -#}
{% macro rows_of_files_in_force(raw_table) -%}
    select landed.*
    from {{ source('raw', raw_table) }} as landed
    join {{ source('raw', 'files') }} as files using (file_id)
    where files.status = 'loaded'
{%- endmacro %}
