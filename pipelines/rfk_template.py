"""The OPD monthly report template: FORM-RFK and FORM-M as OPD staff know them, pre-filled.

One xlsx per OPD and month, in the shape of the field's own forms (Kota Banjarmasin's
FORM-RFK and FORM-M, DOMAIN.md "Real layouts (seen)"): label rows (SKPD, KONDISI S/D
TGL.), a header of three rows under merged titles, NO | URAIAN KEGIATAN | NILAI DPA Rp, %
| KEUANGAN: RENCANA (Rp, % KUM, % TTB), REALISASI (Rp, % KUM, % TTB), CAPAIAN, SISA
ANGGARAN | FISIK (%): RENCANA (KUM, TTB), REALISASI (KUM, TTB), CAPAIAN, numbered 1 to 17
as the real form numbers them, a Jumlah row and the signatures. serapan adds what only it
can: the sub kegiatan's code beside its name (under URAIAN KEGIATAN, so the upload is
read by code, never matched by name), the finance system's realization of the line for
reference (18: what rule REL-001 compares the reported realization with) and the
verifier's column (19), locked for the OPD.

serapan fills in the budget in force (NILAI DPA) and the cumulative cash plan (KEUANGAN
RENCANA Rp); the OPD types its cumulative realization, the physical plan of the month
(FISIK RENCANA KUM, from its S-curve) and the physical realization; every %, TTB, CAPAIAN
and SISA is a formula (TTB: the line's figure weighted by its share of the OPD's budget,
so a TTB column sums to the OPD's figure). The FORM-M sheet lists the same lines for the
problems behind a lag: PERMASALAHAN, UPAYA PEMECAHAN MASALAH, PIHAK YANG DIHARAPKAN.
`pipelines.sources.rfk` reads both back (template_form.py).

The sheets are protected without a password: codes, titles and formulas cannot be
edited by accident, and anyone who must (the verifier) can unprotect them. Printed, each
sheet fits the width of A4 landscape, repeats its header on every page and ends with the
signature block. The same inputs always give the same bytes.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from pipelines.reports.safe_cells import new_workbook
from pipelines.rfk_template_sheets import (
    Styles,
    TitleRows,
    write_form_m,
    write_instructions,
    write_rfk,
)


@dataclass(frozen=True)
class TemplateLine:
    kode_sub_kegiatan: str
    nama_sub_kegiatan: str
    pagu: Decimal  # budget in force (DPA) for the sub kegiatan
    rak: Decimal  # cumulative cash plan to the end of the month, Rp
    realisasi_keuangan: Decimal | None = None  # pre-filled only by the sample generator
    realisasi_fisik: Decimal | None = None  # % 0..100
    permasalahan: str | None = None
    tindak_lanjut: str | None = None  # FORM-M's UPAYA PEMECAHAN MASALAH
    rencana_fisik: Decimal | None = None  # the physical plan (S-curve), cumulative % 0..100
    pihak_diharapkan: str | None = None  # who should help solve the problem (FORM-M)
    # the finance system's cumulative realization of the sub kegiatan to the month's end
    # (what REL-001 compares), for reference; None where that month is not loaded
    realisasi_sistem: Decimal | None = None


SHEET_NAME = "RFK"  # no month in it: the reader then checks the KONDISI title row
M_SHEET_NAME = "M"
INSTRUCTIONS_SHEET_NAME = "PETUNJUK"
REPORT_TITLE = "LAPORAN REALISASI FISIK DAN KEUANGAN"
PROBLEMS_TITLE = "LAPORAN PERMASALAHAN"
_PERIODE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def write_rfk_template(path: Path, *, nama_pemda: str, kode_opd: str, nama_opd: str,
                       periode: str, lines: Sequence[TemplateLine]) -> Path:
    """The template for one OPD and month ('YYYY-MM'), written to path."""
    found = _PERIODE.match(periode)
    if found is None:
        raise ValueError(f"periode {periode!r} harus YYYY-MM / must be YYYY-MM")
    if not lines:
        raise ValueError(f"tidak ada sub kegiatan untuk OPD {kode_opd} / no sub kegiatan")
    year, month = int(found.group(1)), int(found.group(2))
    titles = TitleRows(nama_pemda=nama_pemda, kode_opd=kode_opd, nama_opd=nama_opd,
                       year=year, month=month,
                       last_day=calendar.monthrange(year, month)[1])

    # The document's dates come from the month, and new_workbook's zip entries' from
    # 1980: the same inputs always give the same bytes.
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = new_workbook(path)
    workbook.set_properties({
        "title": f"{REPORT_TITLE} {kode_opd} {periode}",
        "author": "serapan",
        "created": datetime(year, month, 1),
    })
    styles = Styles(workbook)
    write_rfk(workbook.add_worksheet(SHEET_NAME), REPORT_TITLE, titles, lines, styles)
    write_form_m(workbook.add_worksheet(M_SHEET_NAME), PROBLEMS_TITLE, titles, lines, styles)
    write_instructions(workbook.add_worksheet(INSTRUCTIONS_SHEET_NAME), styles)
    workbook.close()
    return path
