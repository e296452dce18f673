{#- Layers get their own schema by name (staging, intermediate, marts), not the
    target schema prefixed: BI tools read `marts.*`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name | trim if custom_schema_name else target.schema }}
{%- endmacro %}
