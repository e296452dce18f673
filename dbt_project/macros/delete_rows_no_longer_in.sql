{#- Pre-hook of the incremental marts: delete this model's rows whose `key_columns`
    (with `compared_columns`, nulls equal) are no longer among the rows of `current`.
    The model then inserts only what it is missing, so an incremental run replaces
    exactly what changed, rows a superseding file no longer has included (a merge on the
    unique key would keep those). Only the pemda in the build scope are compared: the
    others have not changed (macros/build_scope.sql). EXCEPT compares as sets: hashed or sorted, whatever the
    planner believes about the row counts. Pre-hooks run inside the model's transaction,
    so readers never see the gap. -#}
{% macro delete_rows_no_longer_in(current, key_columns, compared_columns=[]) -%}
    {%- if is_incremental() -%}
        {%- set keys = key_columns | join(', ') -%}
        {%- set columns = (key_columns + compared_columns) | join(', ') -%}
        delete from {{ this }}
        where ({{ keys }}) in (
            select {{ keys }}
            from (
                select {{ columns }} from {{ this }}
                where {{ in_build_scope('kode_pemda') }}
                except
                select {{ columns }} from {{ current }}
                where {{ in_build_scope('kode_pemda') }}
            ) as no_longer_current
        )
    {%- endif -%}
{%- endmacro %}
