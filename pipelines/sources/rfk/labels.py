"""What a form's title rows say about it: label rows and the unit a recap sheet is for.

FORM-RFK and FORM-M open with label rows, a label and its value after a colon, in one
cell or over several ('SKPD' | ':' | 'Dinas Kesehatan'; 'NAMA KEGIATAN' | ': Penyediaan
...'). A sheet of the pemda's recap has no labels: its title rows name the OPD or Camat
('LAPORAN REALISASI FISIK DAN KEUANGAN' / 'DINAS KESEHATAN' / 'TAHUN ANGGARAN 2023' /
'KONDISI DESEMBER 2023'), or the pemda itself on a summary sheet.
"""

from __future__ import annotations

import re

from pipelines.sources.spreadsheet import cell_text, fold_title

# Canonical label -> the label texts seen, folded ('SUB KEGAITAN' is a real form's typo).
LABELS: dict[str, tuple[str, ...]] = {
    "skpd": ("SKPD", "ORGANISASI", "OPD", "PERANGKAT DAERAH"),
    "sub_kegiatan": ("SUB KEGIATAN", "SUB KEGAITAN", "NAMA SUB KEGIATAN"),
    "kegiatan": ("NAMA KEGIATAN", "KEGIATAN"),
    "program": ("PROGRAM", "NAMA PROGRAM"),
    "bidang": ("BIDANG",),
    "kondisi": ("KONDISI S/D TGL.", "KONDISI S/D TGL", "KONDISI S/D TANGGAL"),
}
_LABEL_OF = {text: name for name, texts in LABELS.items() for text in texts}
# Title rows that are not the unit: the report's name, its year and date, its source.
_NOT_UNIT = re.compile(r"^(LAPORAN|REKAPITULASI|TAHUN ANGGARAN|KONDISI|SUMBER DATA|FORM-|APBD)\b")
_PEMDA = re.compile(r"^PEMERINTAH\b")
_YEAR = re.compile(r"\bTAHUN(?: ANGGARAN)?\s+(\d{4})\b")
# '2.16.2.20.2.21.02.0000 - Dinas Komunikasi ...': a code, a dash, the name.
_CODE_AND_NAME = re.compile(r"^\s*(\d+(?:\.[0-9A-Za-z]+)+)\s*[-\u2013:]?\s*(.*)$", re.DOTALL)


def _label(text: str) -> str | None:
    return _LABEL_OF.get(fold_title(text).rstrip(":").strip())


def labels_of(rows: list[list]) -> dict[str, str]:
    """Each label's value as written (the first of a label seen), colon taken off."""
    found: dict[str, str] = {}
    for row in rows:
        current, parts = None, []
        for text in filter(None, map(cell_text, row)):
            name = _label(text)
            if name is None and ":" in text and _label(text.split(":", 1)[0]):
                name, text = _label(text.split(":", 1)[0]), text.split(":", 1)[1]
            elif name is not None:
                text = ""
            if name is not None:
                _keep(found, current, parts)
                current, parts = name, []
            if current is not None and text.strip().lstrip(":").strip():
                parts.append(text.strip().lstrip(":").strip())
        _keep(found, current, parts)
    return found


def _keep(found: dict[str, str], name: str | None, parts: list[str]) -> None:
    if name is not None and parts and name not in found:
        found[name] = " ".join(parts)


def code_and_name(value: str | None) -> tuple[str | None, str | None]:
    """('2.21.02.1.01', 'PENYELENGGARAAN ...') of '2.21.02.1.01 - PENYELENGGARAAN ...';
    (None, value) when the value starts with no code."""
    if not value:
        return None, None
    found = _CODE_AND_NAME.match(value)
    if not found:
        return None, value.strip()
    return found.group(1), found.group(2).strip() or None


def unit_title(rows: list[list]) -> str | None:
    """The title row naming the unit the sheet is for (an OPD, a Camat, or the pemda),
    as written; None when the title rows name none (a form with labels)."""
    for row in rows:
        texts = [text for text in map(cell_text, row) if text]
        if len(texts) != 1 or _label(texts[0]) or ":" in texts[0]:
            continue
        if not _NOT_UNIT.match(fold_title(texts[0])):
            return " ".join(texts[0].split())
    return None


def is_pemda(unit: str) -> bool:
    """Whether a unit title names the pemda ('PEMERINTAH KOTA BANJARMASIN ...')."""
    return bool(_PEMDA.match(fold_title(unit)))


def year_in_titles(rows: list[list]) -> int | None:
    """The year of 'TAHUN ANGGARAN 2023' or 'APBD PROVINSI BALI TAHUN 2026'."""
    for row in rows:
        found = _YEAR.search(fold_title(" ".join(filter(None, map(cell_text, row)))))
        if found:
            return int(found.group(1))
    return None
