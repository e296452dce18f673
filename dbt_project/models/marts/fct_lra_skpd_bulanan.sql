-- Usang (deprecated) sejak 0.2.0, dihapus di 0.3.0: pakai fct_lra_opd_bulanan. / Absorption from the LRA alone under
-- the name and columns of before 0.2.0, for the dashboards made then: a view over fct_lra_opd_bulanan
-- (var deprecated_names in dbt_project.yml maps the names).
{{ config(materialized='view') }}

{{ deprecated_view_of('fct_lra_opd_bulanan', ref('fct_lra_opd_bulanan')) }}
