"""The LRA (Laporan Realisasi Anggaran) of an SKPD: the six real files of Kab. Toba 2022
land with every level, to the rupiah of their own figures; the mart keeps what raw has;
and the LRA is reconciled with the realization export of its month.

The Toba files' title rows are an unfilled template: their SKPD and month are not in
them. The sidecars here give each file a stand-in SKPD code (its name's number is the
finance system's own id, not a Kemendagri code) and November 2022; the two exports of
SKPD 14 are of the same month, so the later one replaces the earlier. No budget nor
realization of Toba is public: the small budget and realization export made here give
SKPD 14 its LRA's pagu and realization, a thousand rupiah short in belanja operasi.
Everything landed here is deleted at the end.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pipelines.inbox import FileMeta, MetadataError, read_meta, write_meta
from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
from tests import workbooks
from tests import workbooks_realisasi_dokumen as dokumen
from tests.db import query, run_dbt

DATA = Path(__file__).resolve().parent / "data" / "lra"
TOBA = "12.12"  # Kabupaten Toba, as the files' title row names it
SKPD_14 = workbooks.SKPD  # the budget and realization writers' SKPD
STAND_IN = {  # the file's number -> a stand-in SKPD code
    "1": "4.01.0.00.0.00.01.0000", "10": "1.01.0.00.0.00.01.0000", "14": SKPD_14,
    "15": "2.07.0.00.0.00.01.0000", "25": "1.03.0.00.0.00.01.0000",
}
FILES = sorted(path.name for path in DATA.glob("*.xlsx"))
EARLIER_14, LATER_14 = "14_lra_20221130-123026.xlsx", "14_lra_20221207-140906.xlsx"
OPERASI, MODAL = "5.1.02.01.01.0024", "5.2.02.05.01.0001"
SHORT = Decimal(1000)  # what the realization export lacks of SKPD 14's belanja operasi


def workbook_rows(name: str) -> list[tuple[str, Decimal, Decimal]]:
    """(code, ANGGARAN, REALISASI) of a Toba file, read apart from serapan's reader: the
    template puts the code in column D, ANGGARAN in Q and REALISASI in R."""
    sheet = openpyxl.load_workbook(DATA / name, data_only=True).active
    return [(str(row[0]).strip(), Decimal(repr(row[13])), Decimal(repr(row[14])))
            for row in sheet.iter_rows(min_row=18, min_col=4, max_col=18, values_only=True)
            if row[0] is not None]


def totals_per_level(rows) -> dict[int, tuple[Decimal, Decimal]]:
    sums: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for code, anggaran, realisasi in rows:
        level = code.count(".") + 1
        sums[level][0] += anggaran
        sums[level][1] += realisasi
    return {level: tuple(pair) for level, pair in sums.items()}


def _skpd_of(name: str) -> str:
    return STAND_IN[name.split("_")[0]]


def budget_lines() -> list[list]:
    """A Rekap 5 giving each SKPD's LRA in force its ANGGARAN: a line of belanja operasi
    and one of belanja modal where the LRA has them."""
    lines = []
    for name in FILES:
        if name == EARLIER_14:
            continue
        anggaran = {code: amount for code, amount, _ in workbook_rows(name)}
        for group, rekening in (("5.1", OPERASI), ("5.2", MODAL)):
            if anggaran[group]:
                line = workbooks.budget_row(len(lines) + 1, rekening=rekening,
                                            pagu=int(anggaran[group]), tahun=2022)
                line[4] = line[6] = _skpd_of(name)  # kode SKPD, kode sub unit
                lines.append(line)
    return lines


@pytest.fixture(scope="module")
def landed(warehouse, tmp_path_factory):
    from pipelines.landing.load import ingest_file
    from pipelines.quality.step import run_quality_step

    inbox = tmp_path_factory.mktemp("inbox")
    budget = workbooks.write_rekap5(inbox / "anggaran" / "rekap5-toba-2022.xlsx",
                                    budget_lines())
    write_meta(budget, FileMeta("anggaran", TOBA, 2022, "murni", date(2022, 1, 2)))

    def line(n, rekening, realisasi):  # Jan-Nov's spending, on documents of November
        return dokumen.line(n, realisasi, rekening=rekening, skpd=SKPD_14,
                            tanggal=date(2022, 11, 15))

    realization = write_realisasi_dokumen(
        inbox / "realisasi" / "realisasi-toba-2022-11.xlsx",
        [line(1, OPERASI, 2_565_056_297 - int(SHORT)), line(2, MODAL, 330_000)],
        pemda="PEMERINTAH KABUPATEN TOBA")
    write_meta(realization, FileMeta("realisasi", TOBA, 2022))
    outcomes = {path.name: ingest_file(warehouse, path) for path in (budget, realization)}
    for name in FILES:
        path = inbox / "lra" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA / name, path)
        write_meta(path, FileMeta("lra", TOBA, 2022, periode="2022-11",
                                  kode_opd=_skpd_of(name)))
        outcomes[name] = ingest_file(warehouse, path)
    run_quality_step(warehouse, pemda=[TOBA])
    built = run_dbt(tmp_path_factory.mktemp("target"), "run", "--select",
                    "+fct_lra_opd_bulanan", "+int_lra__rekonsiliasi", pemda=[TOBA])
    yield outcomes, built
    _delete(warehouse, TOBA)


def _delete(warehouse, kode_pemda: str) -> None:
    """Every row of the pemda in the tables of raw, quality, intermediate and marts; the
    files last (raw.files keeps a file while rows name it)."""
    tables = query(warehouse, """
        select table_schema, table_name from information_schema.columns
        join information_schema.tables using (table_schema, table_name)
        where column_name = 'kode_pemda' and table_type = 'BASE TABLE'
            and table_schema in ('raw', 'quality', 'intermediate', 'marts')
            and not (table_schema = 'raw' and table_name = 'files')""")
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            for schema, table in tables:
                cur.execute(f'delete from "{schema}"."{table}" where kode_pemda = %s',
                            (kode_pemda,))
            cur.execute("update raw.files set superseded_by = null where kode_pemda = %s",
                        (kode_pemda,))
            cur.execute("delete from raw.files where kode_pemda = %s", (kode_pemda,))
    finally:
        conn.close()


def raw_rows(warehouse, name: str) -> list[tuple]:
    return query(warehouse, """
        select lra.kode_rekening, lra.tingkat, lra.anggaran, lra.realisasi, lra.kode_skpd,
            lra.periode_akhir
        from raw.lra_baris as lra join raw.files using (file_id)
        where files.original_name = %s and files.kode_pemda = %s
        order by lra.row_number""", (name, TOBA))


def test_every_toba_file_lands_every_coded_row_with_its_level(landed, warehouse):
    outcomes, _ = landed
    for name in FILES:
        outcome = outcomes[name]
        assert outcome.status == "loaded", outcome.error
        # nine coded rows; the three blank rows under the two-row header are counted
        assert (outcome.rows, outcome.rows_skipped) == (9, 3), name
        rows = raw_rows(warehouse, name)
        assert [(code, level) for code, level, *_ in rows] == [
            ("4", 1), ("4.1", 2), ("4.2", 2), ("4.3", 2),
            ("5", 1), ("5.1", 2), ("5.2", 2), ("5.3", 2), ("5.4", 2)]
        assert {(skpd, periode) for *_, skpd, periode in rows} == {
            (_skpd_of(name), date(2022, 11, 30))}
    assert outcomes[EARLIER_14].superseded == [] and \
        outcomes[LATER_14].superseded == [outcomes[EARLIER_14].file_id]


@pytest.mark.parametrize("name", FILES)
def test_the_totals_per_level_are_the_files_own_to_the_rupiah(landed, warehouse, name):
    expected = workbook_rows(name)
    rows = raw_rows(warehouse, name)
    assert [(code, anggaran, realisasi) for code, _, anggaran, realisasi, *_ in rows] == expected
    landed_levels = totals_per_level((code, a, r) for code, _, a, r, *_ in rows)
    assert landed_levels == totals_per_level(expected)
    # the top spending level: BELANJA DAERAH as the file states it
    [(anggaran, realisasi)] = [(a, r) for code, a, r in expected if code == "5"]
    assert [(a, r) for code, level, a, r, *_ in rows if level == 1 and code == "5"] == [
        (anggaran, realisasi)]


def flags(warehouse, rule_id: str) -> set[tuple[str, int]]:
    return set(query(warehouse, """
        select source_file, row_number from quality.flags
        where kode_pemda = %s and rule_id = %s""", (TOBA, rule_id)))


def test_a_file_contradicting_itself_is_flagged_and_held_from_the_mart(landed, warehouse):
    """File 15 states BELANJA DAERAH's realization as 4,581,495,169 while its groups
    sum to 839,768,761,079 (an amount pasted over a formula): LRA-002 on that row; the
    other files add up."""
    assert flags(warehouse, "LRA-002") == {("15_lra_20221130-121353.xlsx", 22)}
    assert flags(warehouse, "LRA-001") == flags(warehouse, "LRA-005") == set()


def test_the_mart_keeps_what_raw_has_but_the_rows_held_back(landed, warehouse):
    _, built = landed
    assert built == []
    in_force = query(warehouse, """
        select files.original_name, lra.tingkat, sum(lra.anggaran), sum(lra.realisasi)
        from raw.lra_baris as lra join raw.files using (file_id)
        where files.kode_pemda = %s and files.status = 'loaded'
            and not exists (select from quality.flags
                            where flags.severity = 'error' and flags.file_id = lra.file_id
                                and flags.row_number = lra.row_number)
        group by 1, 2 order by 1, 2""", (TOBA,))
    mart = query(warehouse, """
        select files.original_name, mart.tingkat, sum(mart.anggaran),
            sum(mart.realisasi_kumulatif)
        from marts.fct_lra_opd_bulanan as mart join raw.files using (file_id)
        where mart.kode_pemda = %s group by 1, 2 order by 1, 2""", (TOBA,))
    assert mart == in_force
    assert {name for name, *_ in mart} == set(FILES) - {EARLIER_14}
    [(skpd, persen)] = query(warehouse, """
        select kode_opd, realisasi_persen from marts.fct_lra_opd_bulanan
        where kode_pemda = %s and kode_opd = %s and kode_rekening = '5'""", (TOBA, SKPD_14))
    assert persen == round(Decimal(2_565_386_297) / Decimal(6_907_210_900) * 100, 2)


def test_the_lra_is_reconciled_with_the_realization_export(landed, warehouse):
    """SKPD 14's LRA against the export a thousand rupiah short in belanja operasi:
    BELANJA DAERAH and BELANJA OPERASI differ by it, its other groups agree. The other
    SKPD have no line in the export: their realization differs by all of it."""
    reconciled = query(warehouse, """
        select kode_skpd, kode_rekening, selisih from intermediate.int_lra__rekonsiliasi
        where kode_pemda = %s order by kode_skpd, row_number""", (TOBA,))
    of_14 = {code: selisih for skpd, code, selisih in reconciled if skpd == SKPD_14}
    assert of_14 == {"4": 0, "4.1": 0, "4.2": 0, "4.3": 0, "5": SHORT, "5.1": SHORT,
                     "5.2": 0, "5.3": 0, "5.4": 0}
    expected = {(LATER_14, 22), (LATER_14, 23)} | {
        (name, 18 + index) for name in FILES if _skpd_of(name) != SKPD_14
        for index, (_, _, realisasi) in enumerate(workbook_rows(name)) if realisasi != 0}
    assert flags(warehouse, "LRA-004") == expected
    # the budget in force is each LRA's ANGGARAN, and has each SKPD: nothing to say
    assert flags(warehouse, "LRA-003") == flags(warehouse, "LRA-006") == set()


def test_an_lra_without_its_skpd_or_month_is_refused_naming_the_sidecar_field(tmp_path):
    path = tmp_path / "lra" / FILES[0]
    path.parent.mkdir()
    shutil.copyfile(DATA / FILES[0], path)
    path.with_name(path.name + ".meta.json").write_text(
        '{"source": "lra", "kode_pemda": "12.12", "periode": "2022-11"}')
    with pytest.raises(MetadataError, match='"kode_opd": kode SKPD'):
        read_meta(path)
    path.with_name(path.name + ".meta.json").write_text(
        '{"source": "lra", "kode_pemda": "12.12", "kode_opd": "1.01.0.00.0.00.01.0000"}')
    with pytest.raises(MetadataError, match='"periode": bulan akhir LRA'):
        read_meta(path)


def test_nothing_else_is_flagged(landed, warehouse):
    """The budget and realization export made here are clean; the LRA rules say only
    what the tests above show."""
    assert {rule for rule, in query(warehouse, "select distinct rule_id from quality.flags"
                                    " where kode_pemda = %s", (TOBA,))} == {"LRA-002", "LRA-004"}
