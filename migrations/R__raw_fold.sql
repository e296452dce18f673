-- How names, codes and SP2D numbers are folded before the sources are joined by them:
-- what drifts between the way two files write the same thing goes.

-- A name as the budget and the forms both write it, with what drifts between them
-- folded away: case, spaces, line breaks and punctuation, '&' for 'dan', the
-- abbreviations seen in real forms ('By.' for Biaya, 'Kab' for Kabupaten) and the
-- level written in front ('Sub Kegiatan Penyusunan ...'). The one definition: the
-- quality rules (which run before dbt) and dbt's fold_name macro call it.
create or replace function raw.fold_name(nama text) returns text
language sql immutable parallel safe as $$
    select nullif(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(upper(nama), '^\s*SUB\s*KEGIATAN\M\s*[:.-]?', ''),
                        '&', ' DAN ', 'g'),
                    '\mBY\.', 'BIAYA ', 'g'),
                '\mKAB\M\.?', 'KABUPATEN', 'g'),
            '[^A-Z0-9]', '', 'g'),
        '')
$$;

-- An account code as typed by hand (' 5.2.2.', '5.1.02.01.01.0024 '), spaces and
-- trailing dots folded away.
create or replace function raw.fold_code(kode text) returns text
language sql immutable parallel safe as $$
    select nullif(regexp_replace(regexp_replace(kode, '\s', '', 'g'), '\.+$', ''), '')
$$;

-- An SP2D number as the sources are joined by it: case and spaces folded ('0012/SP2D/LS
-- /1.02.0.00.0.00.01.0000/2026' written with a space or in lower case is the same SP2D).
-- The one definition: the quality rules (which run before dbt) and the staging models
-- of the SP2D register and the per-document realization call it.
create or replace function raw.fold_nomor_sp2d(nomor text) returns text
language sql immutable parallel safe as $$
    select nullif(upper(regexp_replace(nomor, '\s', '', 'g')), '')
$$;
