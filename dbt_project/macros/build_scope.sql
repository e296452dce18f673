{#- Incremental by pemda. An incremental run rebuilds only the pemda its build covers:
    the dbt variable `pemda`, a list of kode_pemda (`dbt build --vars '{pemda: [..]}'`;
    pipelines/dbt.py passes a Dagster run's pemda partitions), every pemda when it is not
    given. A pre-hook deletes their rows, and the model's reads keep only their rows
    (`in_build_scope`), so the other pemda's rows are neither computed nor rewritten. A
    full refresh and the first build ignore the scope.

    The scope is written into the model's SQL as a list of literals, not as a semi-join:
    PostgreSQL pushes a condition on constants down through the views, unions, groupings
    and window partitions by kode_pemda below it, to the scans of the raw tables, while a
    semi-join against a table is applied only after the views are computed for every
    pemda. -#}

{#- The pemda the build covers, as the variable `pemda` gives them; none for every pemda.
    The one place the scope is read. -#}
{% macro pemda_in_scope() -%}
    {%- set pemda = var('pemda', none) -%}
    {%- if pemda is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if pemda is string -%}
        {%- set pemda = [pemda] -%}
    {%- endif -%}
    {%- for kode in pemda -%}
        {%- if not modules.re.fullmatch('[0-9A-Za-z.]+', kode | string) -%}
            {{ exceptions.raise_compiler_error("kode pemda tidak sah / invalid kode_pemda in var('pemda'): " ~ kode) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(pemda | map('string') | list) }}
{%- endmacro %}

{#- The pemda this incremental model rebuilds, or none when it builds every pemda (a full
    refresh, the first build, no scope given). -#}
{% macro pemda_in_build_scope() -%}
    {#- A unit test gives a model its input rows and builds every pemda it is given. -#}
    {%- if model.resource_type == 'unit_test' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(pemda_in_scope()) }}
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
    all of them on a full refresh, as literals like the models'. -#}
{% macro in_tested_scope(column) -%}
    {%- if flags.FULL_REFRESH or not execute -%}
        true
    {%- else -%}
        {{ kode_pemda_in(column, pemda_in_scope()) }}
    {%- endif -%}
{%- endmacro %}
