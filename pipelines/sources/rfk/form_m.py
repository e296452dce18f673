"""FORM-M, LAPORAN PERMASALAHAN: the problems behind a lag, their remedy and who should
help.

Seen in Kota Banjarmasin's bundle per sub kegiatan (its M sheet: NO | URAIAN KEGIATAN |
PERMASALAHAN | UPAYA PEMECAHAN MASALAH | PIHAK YANG DIHARAPKAN DAPAT MEMBANTU
PENYELESAIAN MASALAH) and in the pemda's recap (its Permasalahan sheets add UNIT KERJA
and KODE PERMASALAHAN, write RINCIAN PERMASALAHAN, and number the columns (1)..(7)).
In the recap an OPD's block starts with its NO and UNIT KERJA; the rows under it leave
both empty, and a row continuing the one above leaves URAIAN KEGIATAN empty too. An OPD
with nothing to report writes '-'. Under the table: the legend of problem codes
('Kode Permasalahan:' A..L) and the signatures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipelines.sources.rfk import accounting as why
from pipelines.sources.rfk.accounting import Accounting
from pipelines.sources.rfk.form_rows import cell, framing, is_nil, is_signature, texts
from pipelines.sources.rfk.headers import FormHeader
from pipelines.sources.spreadsheet import cell_text, fold_title

TITLES: dict[str, tuple[str, ...]] = {
    "nomor": ("NO",),
    "unit_kerja": ("UNIT KERJA",),
    "uraian_kegiatan": ("URAIAN KEGIATAN",),
    "kode_permasalahan": ("KODE PERMASALAHAN",),
    "permasalahan": ("PERMASALAHAN", "RINCIAN PERMASALAHAN"),
    "upaya": ("UPAYA PEMECAHAN MASALAH",),
    "pihak_diharapkan": ("PIHAK YANG DIHARAPKAN DAPAT MEMBANTU PENYELESAIAN MASALAH",
                         "PIHAK YANG DIHARAPKAN DAPAT MEMBANTU", "PIHAK YANG DIHARAPKAN"),
}
REQUIRED = ("uraian_kegiatan", "permasalahan", "upaya")
MAX_HEIGHT = 2
PROBLEM = ("kode_permasalahan", "permasalahan", "upaya", "pihak_diharapkan")
COLUMNS = ("nomor", "unit_kerja", "uraian_kegiatan", "lanjutan", *PROBLEM)


@dataclass
class Problem:
    row_number: int
    values: dict[str, object]  # COLUMNS


@dataclass
class ProblemSheet:
    problems: list[Problem] = field(default_factory=list)


def _text(row: list, header: FormHeader, name: str) -> str | None:
    """A cell of the column as written; '-' (nothing to say) and a formula's 0 are none."""
    value = cell(row, header.columns.get(name))
    text = cell_text(value)
    return None if text in (None, "0") or is_nil(value) else text


def read_sheet(name: str, rows: list[list], header: FormHeader, periode: date,
               accounting: Accounting) -> ProblemSheet:
    sheet = ProblemSheet()
    state = "start"  # start, problems, legend, below (the signatures)
    unit_kerja = uraian = None
    for index, row in enumerate(rows):
        row_number = index + 1

        def skip(reason: str) -> None:
            accounting.skip(name, row_number, reason, periode)

        framed = framing(row, index, header, state != "start")
        if framed:
            skip(framed)
            state = "problems" if framed == why.NUMBERING else state
        elif state == "legend" or fold_title(texts(row)[0]).startswith("KODE PERMASALAHAN"):
            skip(why.LEGEND)
            state = "legend"
        elif state == "below" or is_signature(row):
            skip(why.SIGNATURE)
            state = "below"
        else:
            state = "problems"
            if header.columns.get("unit_kerja") is not None and _text(row, header, "nomor"):
                unit_kerja = _text(row, header, "unit_kerja")
                uraian = None
            written = _text(row, header, "uraian_kegiatan")
            said = {column: _text(row, header, column) for column in PROBLEM}
            uraian = written or uraian
            if not any(said.values()):
                blank = written is None and all(
                    cell_text(cell(row, header.columns.get(c))) in (None, "0") for c in PROBLEM)
                skip(why.UNFILLED if blank else why.NO_PROBLEM if written is None
                     else why.NO_PROBLEM_TEXT)
                continue
            sheet.problems.append(Problem(row_number, {
                "nomor": _text(row, header, "nomor"), "unit_kerja": unit_kerja,
                "uraian_kegiatan": uraian, "lanjutan": written is None, **said}))
            accounting.land(name)
    return sheet
