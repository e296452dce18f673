-- Personal numbers in free text: an NPWP, NIK, NIP or bank account number that an OPD
-- or a bendahara typed into a text (PERMASALAHAN, the URAIAN of a payment line, a name)
-- is masked wherever a text leaves the raw layer: the staging views (dbt's
-- mask_personal_numbers macro calls this) and the values of each quality finding
-- (quality.flags.nilai, written before dbt runs). The one definition, so that both mask
-- alike and the test of the marts (assert_marts_hold_no_unmasked_personal_data) asks
-- the same question.
--
-- What a personal number looks like, not part of a longer run of digits, dots and
-- commas (a code such as 5.1.02.01.01.0024 or 1.02.0.00.0.00.01.0000, an amount such as
-- 1.250.000.000 or 1250000000,00) and not an amount written after "Rp":
--   - an NPWP in its own form, 01.234.567.8-901.000 (15 digits);
--   - 16 digits in four dotted groups (the NPWP of 2024, a NIK written with dots);
--   - 8 digits or more, alone or grouped by spaces, line breaks or dashes: an NPWP (15
--     or 16) or NIK (16) without dots, a NIP (18: 19800717 200501 1 014), a bank
--     account (10 to 16: 0123-01-012345-50-3, 0012 3456 7890), a telephone number;
--     unless it is a date (31-03-2025, 2025-03-31) or a span of years (2025-2030).
--     Eight, not ten: some banks' accounts are shorter, and a masked 8-digit number that
--     was not personal (a bare amount, 20250331) costs less than one that was.
-- Not masked: a number written with dots other than the two forms above (a dotted
-- account 123.456.7890 reads as an amount); the marts' test still finds the SP2D
-- recipients' own numbers there, by their digits.
-- Masked, a number keeps its separators and last four digits: **.***.***.*-**1.000,
-- ****-**-*****5-50-3.
-- A masked text is masked again unchanged.
--
-- The text function is one expression, so PostgreSQL inlines it into the query that
-- calls it. Most texts hold no run of digits that could be one: a plain regular
-- expression lets them through unchanged; the full one, with its look-arounds (many
-- times dearer), runs on the rest only. Two Unicode
-- noncharacters (U+FDD0, U+FDD1) bracket each number while its digits are starred; a
-- text cannot carry them through.
create or replace function raw.mask_personal_numbers(teks text) returns text
language sql immutable parallel safe as $$
    select case
        when teks !~ '\d(?:[\s-]*\d){7}|\d\.\d{3}\.\d{3}\.\d[.-]|\d{4}\.\d{4}\.' then teks
        else translate(
            regexp_replace(
                regexp_replace(
                    translate(teks, E'\uFDD0\uFDD1', ''),
                    -- not inside a run of digits, dots and commas; not after Rp
                    '(?<!\d)(?<!\d[.,-])(?<![Rr][Pp])(?<![Rr][Pp][. ])(?<![Rr][Pp]\. )'
                    || '(?:\d{2}\.\d{3}\.\d{3}\.\d[.-]\d{3}[.-]\d{3}'  -- NPWP
                    || '|\d{4}\.\d{4}\.\d{4}\.\d{4}'  -- 16 digits, dotted
                    || '|(?!\d{1,2}-\d{1,2}-\d{4}(?!\d)|\d{4}-\d{1,2}-\d{1,2}(?!\d)'
                    || '|(?:19|20)\d\d[\s-]+(?:19|20)\d\d(?!\d))'  -- no date, no years
                    || '\d(?:[\s-]*\d){7,})'  -- 8 digits or more
                    || '(?!\d)(?![.,]\d)',  -- nor followed by more digits or decimals
                    E'\uFDD0\\&\uFDD1', 'g'),
                -- a digit with four more before the end of its number
                E'\\d(?=(?:[^\\d\uFDD0\uFDD1]*\\d){4}[^\uFDD0\uFDD1]*\uFDD1)', '*', 'g'),
            E'\uFDD0\uFDD1', '')
    end
$$;

-- The same in every text value of a JSON object (a flagged row's values), its numbers,
-- dates and booleans as they are.
create or replace function raw.mask_personal_numbers(nilai jsonb) returns jsonb
language sql immutable strict parallel safe as $$
    select coalesce(jsonb_object_agg(kunci, case
        when jsonb_typeof(isi) = 'string' then to_jsonb(raw.mask_personal_numbers(isi #>> '{}'))
        else isi
    end), '{}')
    from jsonb_each(nilai) as pasangan (kunci, isi)
$$;
