{#- Rows of a raw table whose file is loaded (not superseded, not quarantined), with
    their file's sha256 and load time, which raw.files keeps once for all its rows.

    A raw row's kode_pemda is its file's (the loader writes the file's meta into each
    row); the view takes it from raw.files. A condition on kode_pemda (the build scope)
    then selects the few files of that pemda and source in raw.files, and PostgreSQL
    reads their rows through the raw table's index on file_id instead of scanning every
    pemda's rows for the one in scope. Taken from the raw table, the condition would
    apply to the raw rows instead, or, stated on both tables, be counted twice in the
    planner's estimates (a few dozen rows expected for a hundred thousand, and joins
    chosen for those few). -#}
{% macro rows_of_files_in_force(source_name, raw_table) -%}
    {%- set relation = source('raw', raw_table) -%}
    select
        files.kode_pemda,
        files.sha256 as file_sha256,
        files.received_at as loaded_at
        {%- for column in adapter.get_columns_in_relation(relation) if column.name != 'kode_pemda' %},
        landed.{{ adapter.quote(column.name) }}
        {%- endfor %}
    from {{ relation }} as landed
    join {{ source('raw', 'files') }} as files on files.file_id = landed.file_id
    where files.status = 'loaded'
        and files.source = '{{ source_name }}'
{%- endmacro %}
