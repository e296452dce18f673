{#- Incremental by pemda. An incremental run rebuilds only the pemda listed in
    meta.build_scope (pipelines/build_scope.py): a pre-hook deletes their rows, and the
    model's reads keep only their rows (`in_build_scope`), so the other pemda's rows are
    neither computed nor rewritten. A full refresh and the first build ignore the scope.

    The scope is read when the model runs and written into its SQL as a list of
    literals, not as `in (select ... from meta.build_scope)`: PostgreSQL pushes a
    condition on constants down through the views, unions, groupings and window
    partitions by kode_pemda below it, to the scans of the raw tables, while a semi-join
    against a table is applied only after the views are computed for every pemda. -#}

{#- The pemda in scope (a list of kode_pemda), or none when every pemda is built (a
    full refresh, the first build, or the scope '*'). -#}
{% macro pemda_in_build_scope() -%}
    {#- A unit test gives a model its input rows and builds every pemda it is given. -#}
    {%- if model.resource_type == 'unit_test' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set scope = source('meta', 'build_scope') -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(pemda_listed_in(scope)) }}
{%- endmacro %}

{#- The pemda a scope table lists, or none for '*': every pemda, whichever the sources
    hold when the model or test runs. -#}
{% macro pemda_listed_in(scope) -%}
    {%- set found = run_query('select kode_pemda from ' ~ scope ~ ' order by kode_pemda') -%}
    {%- set pemda = found.columns[0].values() | list -%}
    {{ return(none if '*' in pemda else pemda) }}
{%- endmacro %}

{#- A condition keeping the rows of the pemda in scope: `where {{ in_build_scope('x.kode_pemda') }}`. -#}
{% macro in_build_scope(column) -%}
    {{ kode_pemda_in(column, pemda_in_build_scope()) }}
{%- endmacro %}

{#- `column` in the list `pemda` (none: every pemda) as literals. One pemda is written as
    `=`, so the planner carries it across joins on kode_pemda too. -#}
{% macro kode_pemda_in(column, pemda) -%}
    {%- if pemda is none -%}
        true
    {%- elif pemda | length == 0 -%}
        false
    {%- elif pemda | length == 1 -%}
        {{ column }} = {{ quoted_text(pemda[0]) }}
    {%- else -%}
        {{ column }} in ({% for kode in pemda %}{{ quoted_text(kode) }}{{ ', ' if not loop.last }}{% endfor %})
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of the models rebuilt by pemda (incremental_strategy 'append'): their rows
    of the pemda in scope go; the model's select puts them back. Models with a delete of
    their own (fct_sp2d, fct_realisasi_bulanan: by line, by month) scope that instead.
    Pre-hooks run inside the model's transaction, so readers never see the gap. -#}
{% macro delete_build_scope() -%}
    {%- if is_incremental() and config.get('incremental_strategy') == 'append' -%}
        delete from {{ this }} where {{ in_build_scope('kode_pemda') }}
    {%- endif -%}
{%- endmacro %}

{% macro quoted_text(value) -%}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}

{#- dbt's own macro, overridden: a data test of a model rebuilt by pemda examines only
    the rows of the pemda in scope on an incremental build. The other pemda's rows were
    not rewritten, and every grain, key and check here holds within one pemda, so
    testing them again would find what the build that wrote them found. The same holds
    for the staging views: a pemda's rows there are its raw rows, and only the pemda in
    scope had files land (at provinsi scale, their tests over every pemda were much of
    a night's build). A full refresh tests every row; so does a test of a seed. The first
    build of a warehouse (no tables yet, no --full-refresh) must have every pemda in
    scope. -#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- if config.get('where') -%}
        {%- do conditions.append(config.get('where')) -%}
    {%- endif -%}
    {%- set tested = graph.nodes.get(model.attached_node) if model.attached_node else none -%}
    {%- if tested and (tested.config.materialized == 'incremental' or tested.fqn[1] == 'staging') -%}
        {%- do conditions.append(in_tested_scope('kode_pemda')) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery') -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

{#- The rows a test of the tables rebuilt by pemda examines: those of the pemda in scope,
    all of them on a full refresh, as literals like the models' (a semi-join against
    meta.build_scope would scan every pemda's rows first). Tests read the scope when
    they run, after the models; the table is named here, not as a source, as dbt's own
    test macros cannot declare it. -#}
{% macro in_tested_scope(column) -%}
    {%- if flags.FULL_REFRESH or not execute -%}
        true
    {%- else -%}
        {{ kode_pemda_in(column, pemda_listed_in('meta.build_scope')) }}
    {%- endif -%}
{%- endmacro %}
