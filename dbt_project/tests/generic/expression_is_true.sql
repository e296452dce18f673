{#- Rows where a condition every row must meet fails (dbt_utils' test of the same name;
    dbt hub is out of reach here). -#}
{% test expression_is_true(model, expression) %}
select *
from {{ model }}
where not coalesce({{ expression }}, false)
{% endtest %}
