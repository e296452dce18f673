-- Raw lines once repeated their file's sha256 and load time on every line: at national
-- scale a sixth of an SP2D or realization line, gigabytes on disk and in each COPY.
-- raw.files keeps them once (sha256, received_at); staging joins them back
-- (rows_of_files_in_force). A warehouse of then loses the columns here, with the dbt
-- views that read them (cascade), which the next dbt build makes again. The DDL runs
-- every night: the table is altered, and locked, only while it has them.
do $$
declare
    lines regclass;
begin
    for lines in
        select distinct attribute.attrelid::regclass
        from pg_attribute as attribute
        join pg_class as class on class.oid = attribute.attrelid
        join pg_namespace as namespace on namespace.oid = class.relnamespace
        where namespace.nspname = 'raw'
            and class.relkind = 'r'
            and class.relname <> 'files'
            and attribute.attname in ('file_sha256', 'loaded_at')
            and not attribute.attisdropped
    loop
        execute format('alter table %s drop column if exists file_sha256 cascade, '
                       'drop column if exists loaded_at cascade', lines);
    end loop;
end $$;
