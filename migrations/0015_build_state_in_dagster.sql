-- What a night builds is Dagster's to know (pipelines/build_plan.py): a build's pemda
-- are its pemda partitions, given to dbt as the variable `pemda`
-- (macros/build_scope.sql), and what each pemda was built through is on its last
-- successful build run. The tables that held them go; meta.pemda_to_redo stays, the
-- requests to build a pemda again without a new file.
drop table if exists meta.build_scope;
drop table if exists meta.watermarks;
