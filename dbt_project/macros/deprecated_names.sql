{#- The BI-facing names renamed in 0.2.0 and kept until 0.3.0: var `deprecated_names`
    (dbt_project.yml) is the one list, per mart, of its old name (a renamed mart) and its
    renamed columns (old: new). -#}

{#- The renamed columns of the mart `model_name`, old: new ({} when none). -#}
{% macro deprecated_columns_of(model_name) -%}
    {{ return(var('deprecated_names').get(model_name, {}).get('columns', {})) }}
{%- endmacro %}

{#- A mart that keeps its name, its old columns kept as trailing aliases of the new ones:
    `{% call with_deprecated_columns() %} select ... {% endcall %}` around the model's
    query selects everything it does, then each old column under its old name. -#}
{% macro with_deprecated_columns() -%}
    {#- a unit test compiles the model it tests under the test's own name -#}
    {%- set mart = model.tested_node_unique_id.split('.')[-1] if model.resource_type == 'unit_test' else model.name -%}
    {%- set renamed = deprecated_columns_of(mart) -%}
    {%- if not renamed -%}
        {{ exceptions.raise_compiler_error(mart ~ ": no renamed columns in var('deprecated_names')") }}
    {%- endif -%}
select
    mart.*,
    {%- for old, new in renamed.items() %}
    mart.{{ new }} as {{ old }}{{ ',' if not loop.last }}
    {%- endfor %}
from (
{{ caller() }}
) as mart
{%- endmacro %}

{#- A renamed mart under its old name: a view over `new_model` (the model's `ref`) that
    selects its columns in its order, each renamed one under its old name. -#}
{% macro deprecated_view_of(new_model, relation) -%}
    {%- set entry = var('deprecated_names')[new_model] -%}
    {%- set old_of = {} -%}
    {%- for old, new in entry['columns'].items() -%}
        {%- do old_of.update({new: old}) -%}
    {%- endfor -%}
    {%- set columns = graph.nodes['model.' ~ project_name ~ '.' ~ new_model].columns.keys() | list if execute else [] -%}
select
    {%- for column in columns %}
    {{ column }}{{ ' as ' ~ old_of[column] if column in old_of }}{{ ',' if not loop.last }}
    {%- endfor %}
    {%- if not columns %} *{% endif %}
from {{ relation }}
{%- endmacro %}
