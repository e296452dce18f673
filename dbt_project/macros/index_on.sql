{#- Post-hook of the big marts: an index on `column`, created once, whatever the table's
    age. BI tools filter these marts by pemda, and an incremental build's deletes and
    tests read the pemda in scope: without it each read of one pemda scans the nation's
    rows (fct_sp2d: 22 million; docs/performance.md). dbt's `indexes` config creates an
    incremental model's indexes only when it creates the table, so a warehouse built
    before would never get it; the index is unnamed, so a full refresh's new table does
    not clash with the name on the table it replaces. -#}
{% macro index_on(column) -%}
    do $$
    begin
        if not exists (
            select 1
            from pg_index as i
            join pg_attribute as a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
            where i.indrelid = '{{ this.schema }}.{{ this.identifier }}'::regclass
                and a.attname = '{{ column }}'
        ) then
            create index on {{ this.schema }}.{{ this.identifier }} ({{ column }});
        end if;
    end
    $$
{%- endmacro %}
