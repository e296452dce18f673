"""The COPY loader of SP2D csv files lands exactly what read_sp2d reads, or refuses alike.

Every case is read twice, by read_sp2d (the contract) and by load_csv inside a
transaction that is rolled back; the lines, manifest figures and errors must agree.
"""

from datetime import date
from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta
from pipelines.landing.load import ensure_raw_schema
from pipelines.sources.errors import SourceFileError
from pipelines.sources.sp2d import SOURCE
from pipelines.sources.sp2d.copy_load import load_csv
from pipelines.sources.sp2d.csv_stream import BLOCK_BYTES
from pipelines.sources.sp2d.read import COLUMNS, read_sp2d
from tests.workbooks_realisasi_sp2d import (
    SP2D_TITLES,
    sp2d_line,
    write_sp2d_csv,
    write_sp2d_xlsx,
)

META = FileMeta("sp2d", "99.09", 2025)
TITLE_ROWS = [["DAFTAR SP2D"], ["PEMERINTAH KABUPATEN CONTOH"], []]


@pytest.fixture(scope="module")
def landing(warehouse):
    ensure_raw_schema(warehouse)
    return warehouse


def by_reader(path, meta):
    try:
        parsed = read_sp2d(path, meta)
    except SourceFileError as exc:
        return str(exc)
    total = sum((row[2 + COLUMNS.index("nilai")] for row in parsed.rows), Decimal(0))
    return (parsed.rows, parsed.tahun, parsed.rows_skipped, parsed.notes, total,
            SOURCE.supersede_key(meta, parsed))


def by_copy(warehouse, path, meta):
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("""
                insert into raw.files (sha256, source, kode_pemda, original_name,
                    archive_path, meta, status)
                values ('test', 'sp2d', %s, %s, '', '{}', 'loaded') returning file_id""",
                        (meta.kode_pemda, path.name))
            file_id = cur.fetchone()[0]
            try:
                loaded = load_csv(cur, path, meta, file_id)
            except SourceFileError as exc:
                return str(exc)
            cur.execute(f"""
                select sheet, row_number, {', '.join(COLUMNS)} from raw.sp2d_rincian
                where file_id = %s order by row_number""", (file_id,))
            rows = [tuple(row) for row in cur.fetchall()]
            return (rows, loaded.tahun, loaded.rows_skipped, loaded.notes, loaded.total,
                    loaded.supersede_key)
    finally:
        conn.rollback()
        conn.close()


def agree(warehouse, path, meta=META):
    expected = by_reader(path, meta)
    assert by_copy(warehouse, path, meta) == expected
    return expected


def test_lines_skipped_rows_and_figures_agree(landing, tmp_path):
    path = write_sp2d_csv(tmp_path / "a.csv", [
        sp2d_line("00001/LS/M/2025", "03/03/2025", nilai="1.234.567,00", potongan="123.456,70"),
        sp2d_line("00001/LS/M/2025", "03/03/2025", nilai="10.000.000,50",
                  uraian='Honor "narasumber"; rapat\r\nkoordinasi'),
        sp2d_line("00002/UP/M/2025", "2025-03-10", jenis="UP", nilai="Rp 50.000.000",
                  rekening=None, sub_kegiatan=None, potongan="Rp"),
        sp2d_line("00003/LS/M/2025", "4-3-2025", nilai="1234567.005", potongan="1,5E+3",
                  npwp="1,23457E+14"),
        sp2d_line("00004/LS/M/2025", " 5/3/2025 ", nilai="\u00a01.234,015", potongan="-0,125"),
        sp2d_line("SP2D/00005/LS/2025", "05/03/2025", nilai="2.500.000,00"),
        [],
        ["JUMLAH", None, None, None, None, None, None, None, None, None, "61.234.567,50"],
        ["Grand Total"],
        [None, None, None, None, None, None, None, None, None, None, "9,00"],
        ["Dicetak oleh SIPD"],
        ["Mengetahui,", None, None, None, None, None, None, None, None, None, None, None,
         "Kuasa BUD"],
        [None] * 16 + ["catatan di luar header"],
        [" ", "\t"],
    ], title_rows=TITLE_ROWS)
    rows, tahun, skipped, notes, total, key = agree(landing, path)
    assert [row[1] for row in rows] == [5, 6, 7, 8, 9, 10]
    assert rows[1][2 + COLUMNS.index("uraian")] == 'Honor "narasumber"; rapat\r\nkoordinasi'
    assert skipped == 8 and key == "sp2d|99.09|2025|2025-03-03..2025-03-10"
    assert [row[2 + COLUMNS.index("nilai")] for row in rows[3:5]] == \
        [Decimal("1234567.00"), Decimal("1234.02")]  # halfway rounds to the even cent


def test_variant_titles_ragged_lines_and_lone_carriage_returns(landing, tmp_path):
    titles = ["CATATAN", "No. SP2D", "tgl.  sp2d", *SP2D_TITLES[2:]]
    lines = [["x", *sp2d_line(f"A/{i}", f"{i + 1:02d}/03/2025")] for i in range(5)]
    path = write_sp2d_csv(tmp_path / "b.csv", lines, titles=titles, encoding="utf-8")
    data = path.read_bytes().replace(b"x;A/2", b"x;A/2;;;;;;;;;;;;;;;;;;;more\rx;A/9", 1)
    path.write_bytes(data + b"x;A/7;1/3/2025;LS;;;;;;;;5\n;\n\nx;A/8;2/3/2025;LS;;;;;;;;6")
    rows, tahun, skipped = agree(landing, path, FileMeta("sp2d", "99.09"))[:3]
    assert len(rows) == 7 and tahun == 2025 and skipped == 3


@pytest.mark.parametrize("cell, problem", [
    ("31/02/2025", "tanggal"), ("", "tanggal"), ("2024-12-31", "tahun"),
    ("satu juta", "nilai"), ("Rp", "nilai"), ("1.234,5.6", "nilai"), ("NaN", "nilai"),
    ("PPh 2%", "potongan"), ("lost number", "nomor"), ("lost date", "tanggal dan nilai"),
])
def test_the_first_refused_row_gives_the_readers_error(landing, tmp_path, cell, problem):
    bad = {
        "tanggal": sp2d_line(tanggal=cell), "tahun": sp2d_line(tanggal=cell),
        "nilai": sp2d_line(nilai=cell), "potongan": sp2d_line(potongan=cell),
        "nomor": sp2d_line(nomor=""), "tanggal dan nilai": sp2d_line(tanggal="", nilai=""),
    }[problem]
    path = write_sp2d_csv(tmp_path / "c.csv", [sp2d_line(), sp2d_line(), bad,
                                               sp2d_line(tanggal="31/02/2025")],
                          title_rows=TITLE_ROWS)
    error = agree(landing, path)
    assert error.startswith("c.csv, sheet 'csv', baris/row 7: "), error


def test_the_year_comes_from_the_first_line_when_the_metadata_has_none(landing, tmp_path):
    path = write_sp2d_csv(tmp_path / "d.csv", [sp2d_line(tanggal="02/01/2026"),
                                               sp2d_line(tanggal="31/12/2025")])
    assert "di luar tahun 2026" in agree(landing, path, FileMeta("sp2d", "99.09"))


def test_files_refused_as_a_whole_are_refused_alike(landing, tmp_path):
    ansi = write_sp2d_csv(tmp_path / "ansi.csv", [sp2d_line()] * 3 + [
        sp2d_line(uraian="Belanja ATK \u2013 triwulan I")], encoding="cp1252")
    assert "baris/row 5: bukan UTF-8" in agree(landing, ansi)
    utf16 = write_sp2d_csv(tmp_path / "utf16.csv", [sp2d_line()], encoding="utf-16")
    assert "file UTF-16" in agree(landing, utf16)
    wrong = write_sp2d_csv(tmp_path / "comma.csv", [sp2d_line(nilai="1000")], separator=",")
    assert "separator must be" in agree(landing, wrong)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n;;;\r\n")
    assert "file kosong" in agree(landing, empty)
    totals_only = write_sp2d_csv(tmp_path / "t.csv", [["JUMLAH"] + [""] * 9 + ["0,00"]])
    assert "tidak ada baris SP2D" in agree(landing, totals_only)
    workbook = write_sp2d_xlsx(tmp_path / "sp2d.xlsx", [sp2d_line()])
    for renamed, head in ((tmp_path / "xlsx.csv", b""),
                          (tmp_path / "xls.csv", bytes.fromhex("d0cf11e0a1b11ae1"))):
        renamed.write_bytes(head + workbook.read_bytes())
        assert agree(landing, renamed) == (
            f"{renamed.name}, sheet 'csv': file workbook Excel (xlsx/xls), bukan csv / an "
            "Excel workbook, not a csv: kirim dengan akhiran nama .xlsx (atau .xls) atau "
            "simpan ulang sebagai 'CSV UTF-8' / send it named .xlsx (or .xls) or save it "
            "again as 'CSV UTF-8'")
    unclosed = write_sp2d_csv(tmp_path / "u.csv", [sp2d_line(), sp2d_line()])
    unclosed.write_bytes(unclosed.read_bytes() + b'A/9;"14/03/2025;LS\r\n')
    agree(landing, unclosed)


def test_a_dated_batch_names_the_key(landing, tmp_path):
    path = write_sp2d_csv(tmp_path / "e.csv", [sp2d_line()])
    meta = FileMeta("sp2d", "99.09", 2025, batch="koreksi-maret")
    assert agree(landing, path, meta)[-1] == "sp2d|99.09|2025|koreksi-maret"
    assert agree(landing, path)[-1] == "sp2d|99.09|2025|2025-03-14..2025-03-14"
    assert date(2025, 3, 14) == agree(landing, path)[0][0][2 + COLUMNS.index("tanggal_sp2d")]


def test_a_file_with_lines_cannot_be_deleted_from_the_manifest(landing, tmp_path):
    import psycopg2

    path = write_sp2d_csv(tmp_path / "g.csv", [sp2d_line()])
    conn = landing.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("""
                insert into raw.files (sha256, source, kode_pemda, original_name,
                    archive_path, meta, status)
                values ('guard', 'sp2d', '99.09', 'g.csv', '', '{}', 'loaded')
                returning file_id""")
            file_id = cur.fetchone()[0]
            load_csv(cur, path, META, file_id)
            with pytest.raises(psycopg2.errors.ForeignKeyViolation):
                cur.execute("delete from raw.files where file_id = %s", (file_id,))
    finally:
        conn.rollback()
        conn.close()


# Past the first HEADER_SCAN_ROWS records, plain lines come in runs judged a column at a
# time; anything a run cannot tell sends it line by line. Each case below puts one such
# thing among many plain lines and checks that the outcome is still read_sp2d's.

def many_lines(count: int, **changes) -> list[list]:
    """`count` plain lines over a few days of March and a few amount shapes; changes
    maps a line's index to the line written there instead."""
    lines = [sp2d_line(f"{i:05d}/LS/M/2025", f"{3 + i % 5:02d}/03/2025",
                       nilai=f"{i % 7}.{i % 1000:03d}.{i % 997:03d},{i % 100:02d}"
                       if i % 3 else f"{i % 1000},{i % 10}0",
                       potongan=f"{i % 90},00" if i % 4 else None)
             for i in range(count)]
    for index, line in changes.items():
        lines[int(index.removeprefix("at_"))] = line
    return lines


def test_runs_of_plain_lines_land_as_read(landing, tmp_path):
    lf = write_sp2d_csv(tmp_path / "lf.csv", many_lines(400))
    lf.write_bytes(lf.read_bytes().replace(b"\r\n", b"\n").removesuffix(b"\n"))  # unended
    rows, _, skipped, _, total, key = agree(landing, lf)
    assert len(rows) == 400 and skipped == 0 and key.endswith("2025-03-03..2025-03-07")
    crlf = write_sp2d_csv(tmp_path / "crlf.csv", many_lines(400))
    assert agree(landing, crlf)[4] == total


def test_plain_lines_are_judged_a_run_at_a_time(tmp_path):
    from pipelines.sources.sp2d.copy_load import _Lines
    from pipelines.sources.sp2d.csv_stream import CsvRecords, PlainLines
    from pipelines.sources.sp2d.read import csv_header

    path = write_sp2d_csv(tmp_path / "runs.csv", many_lines(100, at_70=["JUMLAH"] + [""] * 15))
    with path.open("rb") as handle:
        records = CsvRecords(handle)
        head = records.head(30)
        header = csv_header(path, head)
        *head_lines, run = records.body(head[1:], 16)
    lines = _Lines(path, META, header, 16, b"1;x;99.09;csv")
    for row_number, record in enumerate(head_lines, start=2):  # the head: one by one
        lines._line(record, row_number)
    assert isinstance(run, PlainLines) and len(run.lines) == 71  # the rest: one run
    assert lines._run(PlainLines.of(run.lines[:40]), 31).count(b"\n") == 40
    assert lines._run(run, 31) is None  # the total: line by line


def test_runs_of_a_file_in_another_column_order_are_judged_at_once(landing, tmp_path):
    from pipelines.sources.sp2d.copy_load import _Lines
    from pipelines.sources.sp2d.csv_stream import CsvRecords
    from pipelines.sources.sp2d.read import csv_header

    titles = [*SP2D_TITLES, "CATATAN"]  # a column serapan does not keep
    order = [16, *reversed(range(13)), 14, 15]  # no NPWP; the rest reversed
    lines = [[*line, "-"] for line in many_lines(400)]
    path = write_sp2d_csv(tmp_path / "order.csv", lines, titles=titles, column_order=order)
    rows, _, skipped, _, total, _ = agree(landing, path)
    assert len(rows) == 400 and skipped == 0 and total > 0
    with path.open("rb") as handle:
        records = CsvRecords(handle)
        head = records.head(30)
        header = csv_header(path, head)
        *_, run = records.body(head[1:], len(order))
    lines = _Lines(path, META, header, len(order), b"1;x;99.09;csv")
    assert not lines.in_file_order
    assert lines._run(run, 31).count(b"\n") == run.count


@pytest.mark.parametrize("line, error", [
    (sp2d_line(tanggal="31/02/2025"), "baris/row 152: TANGGAL SP2D bukan tanggal"),
    (sp2d_line(tanggal="03/03/2024"), "baris/row 152: TANGGAL SP2D 2024-03-03 di luar tahun"),
    (sp2d_line(nilai="1.234.5"), "baris/row 152: NILAI: bukan angka"),
    (sp2d_line(nilai="12,500"), "baris/row 152: NILAI: angka ambigu / ambiguous number"),
    (sp2d_line(potongan="PPh"), "baris/row 152: POTONGAN: bukan angka"),
    (sp2d_line(nomor=""), "baris/row 152: NOMOR SP2D kosong"),
    (sp2d_line(nilai=""), "baris/row 152: NILAI kosong"),
])
def test_a_bad_line_in_a_run_gives_the_readers_error(landing, tmp_path, line, error):
    path = write_sp2d_csv(tmp_path / "bad.csv", many_lines(300, at_150=line))
    assert error in agree(landing, path)


LINE_BY_LINE = {  # what sends a run line by line, each alone among plain lines
    "total": {"at_150": sp2d_line("TOTAL LS")},
    "subtotal with a sum": {"at_150": ["JUMLAH", *[""] * 9, "99,00"]},
    "title and empty": {"at_150": ["Sub Total"], "at_151": []},
    "numbers like totals": {"at_150": sp2d_line("SUBSIDI/1"), "at_151": sp2d_line("Totalan")},
    "shape with one decimal": {"at_150": sp2d_line(nilai="1234567,5")},
    "two readings of '.'": {"at_150": sp2d_line(nilai="1.234"),
                            "at_151": sp2d_line(nilai="12.50")},
    "refused shape": {"at_150": sp2d_line(nilai="-1.000,00", potongan="Rp 5.000")},
    "identifier as a number": {"at_150": sp2d_line(rekening_bank="1e+10")},
    "blanks to strip": {"at_150": sp2d_line(jenis=" LS"), "at_151": sp2d_line(uraian="A\t")},
    "quoted": {"at_150": sp2d_line(uraian='Honor "rapat"; koordinasi')},
    "not ASCII": {"at_150": sp2d_line(uraian="Belanja ATK \u2013 triwulan I")},
    "ragged": {"at_150": sp2d_line("A/150")[:12], "at_151": sp2d_line() + ["", "catatan"]},
    # together the right number of cells, but the second line's start shifted by one
    "shifted": {"at_150": sp2d_line()[:15], "at_151": ["A/151", *sp2d_line()]},
    # together the right number of cells, a line of one cell before a line of two widths
    "one cell, then two lines' worth": {"at_150": ["A/150"],
                                        "at_151": [*sp2d_line("A/151"), *sp2d_line()[:15]]},
    "other date forms": {"at_150": sp2d_line(tanggal="2025-03-20"),
                         "at_151": sp2d_line(tanggal="1-4-2025")},
}


@pytest.mark.parametrize("changes", LINE_BY_LINE.values(), ids=LINE_BY_LINE)
def test_what_a_run_cannot_tell_is_read_line_by_line(landing, tmp_path, changes):
    path = write_sp2d_csv(tmp_path / "mixed.csv", many_lines(300, **changes), ragged=True)
    agree(landing, path)


def test_a_lone_carriage_return_or_line_feed_in_a_run(landing, tmp_path):
    path = write_sp2d_csv(tmp_path / "breaks.csv", many_lines(200))
    data = path.read_bytes()
    cut = data.index(b"\r\n00101/")
    path.write_bytes(data[:cut] + b"\r" + data[cut + 2:])  # the csv module ends a record
    assert len(agree(landing, path)[0]) == 200
    path.write_bytes(data[:cut] + b"\n" + data[cut + 2:].replace(b"\r\n", b"\n", 5))
    assert len(agree(landing, path)[0]) == 200  # endings of both kinds in one block


def test_the_year_of_a_file_without_one_comes_from_a_line_in_a_run(landing, tmp_path):
    title_rows = [[f"judul {i}"] for i in range(29)]  # the header is the 30th record
    path = write_sp2d_csv(tmp_path / "late.csv", many_lines(50), title_rows=title_rows)
    rows, tahun = agree(landing, path, FileMeta("sp2d", "99.09"))[:2]
    assert len(rows) == 50 and tahun == 2025


def test_lines_across_block_ends_and_lines_longer_than_a_block(landing, tmp_path):
    # Quoted fields spanning lines every few lines, so many blocks end within one.
    quoted = sp2d_line(uraian='baris\r\nkedua; dan "ketiga"')
    path = write_sp2d_csv(tmp_path / "big.csv", many_lines(12000, **{
        f"at_{i}": quoted for i in range(8000, 10000, 7)}))
    assert path.stat().st_size > 20 * BLOCK_BYTES
    assert len(agree(landing, path)[0]) == 12000
    wide = "y" * (BLOCK_BYTES + 1000)  # longer than a block, within the csv field limit
    path = write_sp2d_csv(tmp_path / "wide.csv", many_lines(40, at_35=sp2d_line(uraian=wide)))
    rows = agree(landing, path)[0]
    assert rows[35][2 + COLUMNS.index("uraian")] == wide
    long = write_sp2d_csv(tmp_path / "long.csv", many_lines(40, at_35=sp2d_line(
        uraian="x" * (1 << 20))))
    assert "field larger than field limit" in agree(landing, long)


def test_warehouses_keyed_before_lose_the_key_and_find_lines_by_file(landing):
    """The primary key cost a fifth of the load; a BRIN on file_id serves the lookups."""
    landing.execute("alter table raw.sp2d_rincian add primary key (file_id, sheet, row_number)")
    ensure_raw_schema(landing)
    conn = landing.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("""select conname from pg_constraint
                           where conrelid = 'raw.sp2d_rincian'::regclass and contype = 'p'""")
            assert cur.fetchall() == []
            cur.execute("""select indexdef from pg_indexes
                           where schemaname = 'raw' and tablename = 'sp2d_rincian'""")
            assert [row[0] for row in cur.fetchall()] == [
                "CREATE INDEX sp2d_rincian_file_id ON raw.sp2d_rincian USING brin (file_id) "
                "WITH (autosummarize='on')"]
    finally:
        conn.close()
