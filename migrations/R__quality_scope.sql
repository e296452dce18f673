-- Whether a pemda is in this session's scope: the text[] in the setting serapan.pemda,
-- which the quality step sets on a nightly increment to check only the pemda with new
-- files, or every pemda when the setting is absent (a full check, `serapan docs`).
create or replace function quality.in_scope(kode_pemda text) returns boolean
language sql stable parallel safe as $$
    select coalesce(current_setting('serapan.pemda', true), '') = ''
        or kode_pemda = any(current_setting('serapan.pemda', true)::text[])
$$;

-- The loaded files of one source in this session's scope, for the suites to join their
-- raw rows to: `join quality.files_in_scope('rak') as files using (file_id)`. PostgreSQL
-- inlines it, so the source is a constant to the planner: it finds the few files of that
-- source and pemda and reads their rows through the raw table's index on file_id. Not
-- told the source, it expects every pemda's files of every source to have rows there and
-- scans the whole raw table (a province's cash plan: docs/performance.md).
create or replace function quality.files_in_scope(source text) returns setof raw.files
language sql stable parallel safe as $$
    select * from raw.files
    where files.status = 'loaded'
        and files.source = files_in_scope.source
        and quality.in_scope(files.kode_pemda)
$$;
