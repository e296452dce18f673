-- Usang (deprecated) sejak 0.2.0, dihapus di 0.3.0: pakai dim_versi_anggaran. / Budget versions under
-- the name and columns of before 0.2.0, for the dashboards made then: a view over dim_versi_anggaran
-- (var deprecated_names in dbt_project.yml maps the names).
{{ config(materialized='view') }}

{{ deprecated_view_of('dim_versi_anggaran', ref('dim_versi_anggaran')) }}
