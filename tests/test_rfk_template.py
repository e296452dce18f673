"""The RFK template: FORM-RFK and FORM-M as OPD staff know them, read back exactly by the
rfk reader, its figures worked out by formulas, protected and validated, printable on A4
landscape, deterministic."""

import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from pipelines.inbox import FileMeta
from pipelines.rfk_template import TemplateLine, write_rfk_template
from pipelines.sources.errors import SourceFileError
from pipelines.sources.rfk import SOURCE, form_rfk
from pipelines.sources.rfk.headers import find_form_header
from pipelines.sources.rfk.read import sheets_of

PEMDA = "99.01"
KODE_OPD = "1.02.0.00.0.00.01.0000"
LINES = (
    TemplateLine("1.02.02.2.01.0001", "Pengadaan Alat Kesehatan", Decimal("1078983576660.50"),
                 Decimal("250000000.25")),
    TemplateLine("1.10.02.2.01.0002", "Penyediaan Layanan Kesehatan", Decimal("2500000.50"),
                 Decimal("0"), realisasi_keuangan=Decimal("1250000.75"),
                 realisasi_fisik=Decimal("45.5"), permasalahan="Lelang ulang",
                 tindak_lanjut="Jadwal ulang tender", rencana_fisik=Decimal("60.25"),
                 pihak_diharapkan="Bagian PBJ", realisasi_sistem=Decimal("1300000")),
)
# As the spreadsheet shows them: the header on rows 6 to 8 and the column numbers on row
# 9, as on Kota Banjarmasin's FORM-RFK; FORM-M's header on rows 6 and 7.
HEADER_ROW, NUMBERS_ROW = 6, 9
FIRST_DATA_ROW = NUMBERS_ROW + 1
TOTAL_ROW = FIRST_DATA_ROW + len(LINES)
M_FIRST_ROW = 9


def write(path, periode="2025-03", lines=LINES, nama_opd="Dinas Kesehatan"):
    return write_rfk_template(path, nama_pemda="PEMERINTAH KABUPATEN CONTOH",
                              kode_opd=KODE_OPD, nama_opd=nama_opd, periode=periode,
                              lines=lines)


def records(parsed):
    return [dict(zip(("sheet", "row_number", *parsed.columns), row)) for row in parsed.rows]


def test_the_rfk_reader_reads_the_template_back_exactly(tmp_path):
    path = write(tmp_path / "rfk.xlsx")
    parsed = SOURCE.read(path, FileMeta("rfk", PEMDA, 2025, periode="2025-03"))
    rows = records(parsed)
    assert [(r["sheet"], r["row_number"]) for r in rows] == [("RFK", FIRST_DATA_ROW),
                                                             ("RFK", FIRST_DATA_ROW + 1)]
    assert [r["kode_sub_kegiatan"] for r in rows] == ["1.02.02.2.01.0001", "1.10.02.2.01.0002"]
    assert [r["nama_sub_kegiatan"] for r in rows] == ["Pengadaan Alat Kesehatan",
                                                      "Penyediaan Layanan Kesehatan"]
    assert [r["pagu"] for r in rows] == [Decimal("1078983576660.50"), Decimal("2500000.50")]
    assert [(r["rak"], r["rak_satuan"]) for r in rows] == [
        (Decimal("250000000.25"), "rupiah"), (Decimal("0.00"), "rupiah")]
    assert [r["realisasi_keuangan"] for r in rows] == [None, Decimal("1250000.75")]
    assert [r["realisasi_fisik"] for r in rows] == [None, Decimal("45.50")]
    # the physical plan where the OPD wrote one, none where it left the cell empty
    assert [r["rencana_fisik"] for r in rows] == [None, Decimal("60.25")]
    # FORM-M's problem, remedy and who should help, on the line of the same number
    assert [(r["permasalahan"], r["tindak_lanjut"], r["pihak_diharapkan"]) for r in rows] == [
        (None, None, None), ("Lelang ulang", "Jadwal ulang tender", "Bagian PBJ")]
    assert {r["catatan_verifikator"] for r in rows} == {None}
    assert {r["periode"] for r in rows} == {date(2025, 3, 1)}
    # The OPD comes from the SKPD label: the metadata does not name it.
    assert parsed.file_columns == {"kode_pemda": PEMDA, "kode_opd": KODE_OPD, "tahun": 2025}
    # Under the lines: the Jumlah row and the signatures, skipped, not landed; above them
    # the column numbers.
    assert any("1 subtotal (TOTAL/JUMLAH)" in note for note in parsed.notes)
    assert any("1 penomoran kolom / column numbers" in note for note in parsed.notes)
    assert not any("'M'" in note for note in parsed.notes)  # read with the lines
    assert SOURCE.supersede_key(FileMeta("rfk", PEMDA, 2025, periode="2025-03"),
                                parsed) == f"rfk|{PEMDA}|{KODE_OPD}|2025-03"


def test_a_template_filled_in_by_hand_reads_back_the_same_figures(tmp_path):
    """As an OPD fills it in a spreadsheet: typed into the white cells, saved again."""
    path = write(tmp_path / "rfk.xlsx", lines=[line.__class__(
        line.kode_sub_kegiatan, line.nama_sub_kegiatan, line.pagu, line.rak)
        for line in LINES])
    workbook = openpyxl.load_workbook(path)
    rfk, problems = workbook["RFK"], workbook["M"]
    first = FIRST_DATA_ROW
    rfk[f"I{first}"], rfk[f"N{first}"], rfk[f"P{first}"] = 987654321.5, 12.5, 10
    rfk[f"I{first + 1}"], rfk[f"P{first + 1}"] = 0, 0
    problems[f"D{M_FIRST_ROW + 1}"] = "Penyedia belum ada"
    problems[f"E{M_FIRST_ROW + 1}"] = "Tender ulang"
    problems[f"F{M_FIRST_ROW + 1}"] = "-"  # nothing to say
    workbook.save(path)
    rows = records(SOURCE.read(path, FileMeta("rfk", PEMDA, 2025, periode="2025-03")))
    assert [(r["realisasi_keuangan"], r["rencana_fisik"], r["realisasi_fisik"]) for r in rows] \
        == [(Decimal("987654321.50"), Decimal("12.50"), Decimal("10.00")),
            (Decimal("0.00"), None, Decimal("0.00"))]
    assert [(r["permasalahan"], r["tindak_lanjut"], r["pihak_diharapkan"]) for r in rows] == [
        (None, None, None), ("Penyedia belum ada", "Tender ulang", None)]


def test_a_form_m_line_that_is_not_its_rfk_line_is_refused_naming_the_row(tmp_path):
    path = write(tmp_path / "rfk.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["M"][f"B{M_FIRST_ROW + 1}"] = "1.10.02.2.01.0009"
    workbook.save(path)
    with pytest.raises(SourceFileError, match=r"sheet 'M', baris/row 10: baris FORM-M NO 2"):
        SOURCE.read(path, FileMeta("rfk", PEMDA, 2025, periode="2025-03"))


def test_the_month_comes_from_the_title_row_when_metadata_is_silent(tmp_path):
    parsed = SOURCE.read(write(tmp_path / "rfk.xlsx", periode="2025-11"),
                         FileMeta("rfk", PEMDA))
    assert {r["periode"] for r in records(parsed)} == {date(2025, 11, 1)}
    assert parsed.file_columns["kode_opd"] == KODE_OPD


def test_a_template_uploaded_for_another_month_is_rejected(tmp_path):
    path = write(tmp_path / "rfk.xlsx", periode="2025-03")
    with pytest.raises(SourceFileError, match="bulan di judul \\(Maret 2025\\) tidak sama"):
        SOURCE.read(path, FileMeta("rfk", PEMDA, 2025, periode="2025-04"))


def test_title_rows_header_and_column_numbers_are_the_real_forms(tmp_path):
    workbook = openpyxl.load_workbook(write(tmp_path / "rfk.xlsx"))
    assert workbook.sheetnames == ["RFK", "M", "PETUNJUK"]
    sheet = workbook["RFK"]
    assert [sheet.cell(row, 1).value for row in range(1, 5)] == [
        "LAPORAN REALISASI FISIK DAN KEUANGAN", "PEMERINTAH KABUPATEN CONTOH", "SKPD",
        "KONDISI S/D TGL."]
    assert (sheet["T1"].value, sheet["C3"].value, sheet["C4"].value) == (
        "FORM-RFK", f": {KODE_OPD} Dinas Kesehatan", ": 31 Maret 2025")
    # Kota Banjarmasin's FORM-RFK numbers its columns 1..17; serapan adds 18 and 19.
    numbers = [cell.value for cell in sheet[NUMBERS_ROW]]
    assert numbers == [1, 2, None, *range(3, 20)]
    # The field's own FORM-RFK reader finds every column of the form in the header, by
    # the same paths of titles; URAIAN KEGIATAN holds the code and the name.
    rfk = next(s for s in sheets_of(tmp_path / "rfk.xlsx") if s.name == "RFK")
    titles = {**form_rfk.TITLES, "uraian": ("URAIAN KEGIATAN > NAMA SUB KEGIATAN",)}
    header = find_form_header(rfk.rows, rfk.merges, titles, form_rfk.REQUIRED,
                              form_rfk.MAX_HEIGHT)
    assert (header.top + 1, header.height) == (HEADER_ROW, 3)
    letters = {name: openpyxl.utils.get_column_letter(position + 1)
               for name, position in header.columns.items()}
    assert letters == {
        "nomor": "A", "uraian": "C", "pagu": "D", "rak": "F", "rencana_keuangan_ttb": "H",
        "realisasi_keuangan": "I", "realisasi_keuangan_ttb": "K", "sisa_anggaran": "M",
        "rencana_fisik": "N", "rencana_fisik_ttb": "O", "realisasi_fisik": "P",
        "realisasi_fisik_ttb": "Q"}
    assert (sheet["S6"].value, sheet["T6"].value) == ("REALISASI SISTEM KEUANGAN (Rp)",
                                                      "CATATAN VERIFIKATOR")
    assert sheet[f"A{TOTAL_ROW}"].value == "JUMLAH"
    form_m = workbook["M"]
    assert [cell.value for cell in form_m[6]] == [
        "NO", "URAIAN KEGIATAN", None, "PERMASALAHAN", "UPAYA PEMECAHAN MASALAH",
        "PIHAK YANG DIHARAPKAN DAPAT MEMBANTU PENYELESAIAN MASALAH"]
    assert [cell.value for cell in form_m[8]] == [1, 2, None, 3, 4, 5]
    assert [form_m[f"{c}{M_FIRST_ROW}"].value for c in "ABC"] == [
        1, "1.02.02.2.01.0001", "Pengadaan Alat Kesehatan"]


def test_kum_ttb_capaian_and_sisa_are_formulas_cached_with_their_values(tmp_path):
    sheet = openpyxl.load_workbook(write(tmp_path / "rfk.xlsx"))["RFK"]
    row, total = FIRST_DATA_ROW + 1, TOTAL_ROW
    assert sheet[f"J{row}"].value == f'=IF(OR(I{row}="",N(D{row})=0),"",I{row}/D{row}*100)'
    assert sheet[f"K{row}"].value == \
        f'=IF(OR(I{row}="",N($D${total})=0),"",I{row}/$D${total}*100)'
    assert sheet[f"Q{row}"].value == f'=IF(OR(P{row}="",$D${total}=0),"",P{row}*D{row}/$D${total})'
    assert sheet[f"M{row}"].value == f"=D{row}-N(I{row})"
    # the OPD's own figures: the TTB columns summed, as on the form
    assert sheet[f"K{total}"].value == f"=SUM(K{FIRST_DATA_ROW}:K{row})"
    assert sheet[f"Q{total}"].value == f"=SUM(Q{FIRST_DATA_ROW}:Q{row})"
    cached = openpyxl.load_workbook(tmp_path / "rfk.xlsx", data_only=True)["RFK"]
    base = LINES[0].pagu + LINES[1].pagu
    assert cached[f"J{row}"].value == pytest.approx(float(
        LINES[1].realisasi_keuangan / LINES[1].pagu * 100))
    assert cached[f"Q{row}"].value == pytest.approx(float(Decimal("45.5") * LINES[1].pagu / base))
    assert cached[f"M{row}"].value == pytest.approx(1249999.75)
    assert cached[f"J{FIRST_DATA_ROW}"].value in ("", None)  # nothing filled in: nothing shown


def test_inputs_are_validated_with_indonesian_messages(tmp_path):
    sheet = openpyxl.load_workbook(write(tmp_path / "rfk.xlsx"))["RFK"]
    last = FIRST_DATA_ROW + len(LINES) - 1
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert set(validations) == {f"{column}{FIRST_DATA_ROW}:{column}{last}" for column in "INP"}
    keuangan = validations[f"I{FIRST_DATA_ROW}:I{last}"]
    rencana = validations[f"N{FIRST_DATA_ROW}:N{last}"]
    fisik = validations[f"P{FIRST_DATA_ROW}:P{last}"]
    assert (keuangan.type, keuangan.operator, keuangan.formula1) == (
        "decimal", "greaterThanOrEqual", "0")
    # "between" is the OOXML default, so the file may leave the operator out.
    for percent in (rencana, fisik):
        assert (percent.type, percent.operator or "between", percent.formula1,
                percent.formula2) == ("decimal", "between", "0", "100")
    for validation in (keuangan, rencana, fisik):
        assert validation.showErrorMessage and validation.showInputMessage
        assert validation.errorStyle in (None, "stop")  # stop: the value is refused
        assert validation.promptTitle and validation.errorTitle
    assert "Rupiah 0 atau lebih" in keuangan.error and "kumulatif" in keuangan.prompt.lower()
    assert "antara 0 dan 100" in fisik.error and "0 sampai 100" in fisik.prompt
    assert "antara 0 dan 100" in rencana.error and "kurva S" in rencana.prompt


def test_only_the_opds_cells_are_unlocked_the_verifiers_column_is_locked(tmp_path):
    workbook = openpyxl.load_workbook(write(tmp_path / "rfk.xlsx"))
    sheet, row = workbook["RFK"], FIRST_DATA_ROW
    assert sheet.protection.sheet and workbook["M"].protection.sheet
    unlocked = {cell.column_letter for cell in sheet[row] if not cell.protection.locked}
    assert unlocked == {"I", "N", "P"}  # REALISASI Rp, FISIK RENCANA KUM, REALISASI KUM
    assert sheet[f"T{row}"].protection.locked  # CATATAN VERIFIKATOR: the verifier's
    assert sheet[f"A{HEADER_ROW}"].protection.locked
    form_m = workbook["M"]
    assert {cell.column_letter for cell in form_m[M_FIRST_ROW]
            if not cell.protection.locked} == {"D", "E", "F"}
    assert {sheet[f"{c}{row}"].number_format for c in "DFIMS"} == {"#,##0"}
    assert {sheet[f"{c}{row}"].number_format for c in "EGHJKLNOPQR"} == {"0.00"}
    assert sheet[f"B{row}"].value == "1.02.02.2.01.0001"  # a text cell, not a number
    assert sheet[f"S{row + 1}"].value == 1300000  # the finance system's, for reference
    assert sheet.freeze_panes == f"D{FIRST_DATA_ROW}"


def test_each_sheet_prints_on_a4_landscape_with_its_header_and_signatures(tmp_path):
    workbook = openpyxl.load_workbook(write(tmp_path / "rfk.xlsx", nama_opd="Kecamatan Timur"))
    for name, last_column, header in (("RFK", "T", "$6:$9"), ("M", "F", "$6:$8")):
        sheet = workbook[name]
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), name
        # as wide as one page (1, the default, may go unwritten), as long as it takes
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.print_title_rows == header, name
        texts = [cell.value for row in sheet.iter_rows() for cell in row
                 if isinstance(cell.value, str)]
        assert "Camat Timur" in texts and "Diverifikasi oleh / Verifikator," in texts, name
        signed = max(cell.row for row in sheet.iter_rows() for cell in row
                     if isinstance(cell.value, str) and cell.value.startswith("NIP."))
        assert sheet.print_area.endswith(f"!$A$1:${last_column}${signed}"), name


def test_same_inputs_give_the_same_bytes(tmp_path):
    first = write(tmp_path / "a.xlsx").read_bytes()
    assert write(tmp_path / "b.xlsx").read_bytes() == first
    assert write(tmp_path / "c.xlsx", periode="2025-04").read_bytes() != first
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {member.date_time for member in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(tmp_path / "a.xlsx").properties
    assert properties.created == datetime(2025, 3, 1)


@pytest.mark.parametrize("periode", ["2025-13", "2025-3", "Maret 2025", ""])
def test_a_malformed_periode_is_refused(tmp_path, periode):
    with pytest.raises(ValueError, match="harus YYYY-MM"):
        write(tmp_path / "rfk.xlsx", periode=periode)


def test_an_opd_without_sub_kegiatan_gets_no_template(tmp_path):
    with pytest.raises(ValueError, match="tidak ada sub kegiatan"):
        write(tmp_path / "rfk.xlsx", lines=[])
