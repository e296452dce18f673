-- The group role BI logins belong to (pipelines/bi_access.py BI_GROUP), which may read
-- the marts and nothing else; dbt grants it SELECT on every mart it builds (+grants in
-- dbt_project.yml). A role belongs to the whole server, not to this database: another
-- database there (a second warehouse, a test's) may have made it already.
do $$
begin
    create role serapan_bi nologin;
exception when duplicate_object or unique_violation then
    null;
end $$;
create schema if not exists marts;
grant usage on schema marts to serapan_bi;
-- marts built before the group (a warehouse of an early release)
grant select on all tables in schema marts to serapan_bi;
