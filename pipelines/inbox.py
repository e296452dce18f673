"""The inbox: where exports and OPD uploads arrive, and how their metadata is recorded.

Layout (documented in docs/operations.md, The inbox contract):

    inbox/<source>/<any name>.xlsx
    inbox/<source>/<any name>.xlsx.meta.json     # the sidecar: what the file is

The sidecar carries what the file itself does not say: the pemda, the fiscal year, and
for a budget export its version and the date that version took effect. `serapan ingest`
and `serapan sample` write sidecars; a person can write or read one with any editor.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from pipelines.sources import SOURCE_NAMES

SIDECAR_SUFFIX = ".meta.json"
_PERIODE = re.compile(r"^20\d{2}-(0[1-9]|1[0-2])$")
_VERSION = re.compile(r"^(murni|pergeseran_[1-9][0-9]?|perubahan|penyesuaian(_[1-9])?)$")


class MetadataError(ValueError):
    pass


@dataclass(frozen=True)
class FileMeta:
    source: str
    # None until settled: the sidecar, the file itself or the default says (pipelines/pemda.py)
    kode_pemda: str | None = None
    tahun: int | None = None
    # budget (anggaran) only
    versi: str | None = None
    tanggal_versi: date | None = None
    # monthly sources (realisasi, rfk, lra) and the SP2D register: the month reported,
    # YYYY-MM
    periode: str | None = None
    # OPD reports (rfk), an SKPD's LRA (lra), a sidak's visit workbook: the SKPD's code
    kode_opd: str | None = None
    # SP2D: a name that ties a corrected export to the one it replaces
    batch: str | None = None
    extra: dict = field(default_factory=dict)

    def validate(self, where: str) -> "FileMeta":
        if self.source not in SOURCE_NAMES:
            raise MetadataError(f"{where}: sumber tidak dikenal / unknown source {self.source!r}")
        if self.source == "anggaran":
            if not self.versi or not _VERSION.match(self.versi):
                raise MetadataError(
                    f"{where}: versi anggaran {self.versi!r} tidak sah / invalid version: "
                    "pakai murni, pergeseran_N, perubahan atau penyesuaian"
                )
            if self.tanggal_versi is None:
                raise MetadataError(f"{where}: tanggal_versi wajib diisi / version date required")
        if self.source == "lra":
            self._require_lra_fields(where)
        if self.periode is not None and not _PERIODE.match(self.periode):
            raise MetadataError(
                f"{where}: periode {self.periode!r} harus YYYY-MM / must be YYYY-MM"
            )
        return self

    def _require_lra_fields(self, where: str) -> None:
        # An LRA's title rows are often an unfilled template: its SKPD and month are
        # never guessed.
        missing = [hint for name, hint in (
            ("kode_opd", '"kode_opd": kode SKPD / the SKPD\'s code, e.g. "1.02.0.00.0.00.01.0000"'),
            ("periode", '"periode": bulan akhir LRA / the month it runs to, "YYYY-MM"'),
        ) if getattr(self, name) is None]
        if missing:
            raise MetadataError(f"{where}: LRA tanpa / without " + "; ".join(missing)
                                + " - isi di sidecar / put it in the sidecar "
                                "(serapan ingest --opd KODE --month YYYY-MM)")

    def to_json(self) -> str:
        data = asdict(self)
        data["tanggal_versi"] = self.tanggal_versi.isoformat() if self.tanggal_versi else None
        return json.dumps({k: v for k, v in data.items() if v not in (None, {})}, indent=2)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def write_meta(path: Path, meta: FileMeta) -> Path:
    sidecar = sidecar_path(path)
    sidecar.write_text(meta.validate(str(path)).to_json() + "\n")
    return sidecar


# Sidecar fields that must be JSON strings (a code written as a number loses its zeros).
_TEXT_FIELDS = ("source", "kode_pemda", "versi", "periode", "kode_opd", "batch")


def read_meta(path: Path) -> FileMeta:
    """The file's metadata: its sidecar, else what its folder name says. Any problem in
    the sidecar (bad JSON, a field of the wrong type or form) is a MetadataError naming
    the sidecar and the field."""
    sidecar = sidecar_path(path)
    if sidecar.exists():
        try:
            # utf-8-sig: Notepad and Excel save JSON with a byte order mark
            data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise MetadataError(f"{sidecar}: JSON tidak sah / invalid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise MetadataError(f"{sidecar}: harus objek JSON {{...}} / must be a JSON object")
    else:
        data = {"source": path.parent.name}
    if data.get("source") != path.parent.name:
        raise MetadataError(
            f"{sidecar}: sumber {data.get('source')!r} tidak sesuai folder "
            f"{path.parent.name!r} / source does not match the inbox folder"
        )
    known = {k: data.pop(k) for k in list(data) if k in FileMeta.__dataclass_fields__}
    for name in _TEXT_FIELDS:
        if known.get(name) is not None and not isinstance(known[name], str):
            raise MetadataError(
                f"{sidecar}: {name} harus teks / must be text, e.g. \"81.10\", not "
                f"{json.dumps(known[name])}")
    if known.get("tanggal_versi") is not None:
        known["tanggal_versi"] = _iso_date(sidecar, known["tanggal_versi"])
    if known.get("tahun") is not None:
        known["tahun"] = _year(sidecar, known["tahun"])
    if not isinstance(known.get("extra") or {}, dict):
        raise MetadataError(f"{sidecar}: extra harus objek JSON / must be a JSON object")
    # Keys serapan does not know are kept, whether written at the top or under "extra".
    extra = {**(known.pop("extra", None) or {}), **data}
    return FileMeta(**known, extra=extra).validate(str(path))


def _iso_date(sidecar: Path, value) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise MetadataError(f"{sidecar}: tanggal_versi harus teks YYYY-MM-DD / must be text "
                            f"YYYY-MM-DD, not {json.dumps(value)}") from None


def _year(sidecar: Path, value) -> int:
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"20\d\d", text):
        raise MetadataError(f"{sidecar}: tahun harus tahun anggaran empat angka / must be a "
                            f"four-digit fiscal year, e.g. 2025, not {json.dumps(value)}")
    return int(text)


def pending_files(inbox: Path, source: str | None = None) -> list[Path]:
    """Data files in the inbox, or in one source's folder of it, in a stable order.

    Sidecars and hidden files (editors' lock files such as `~$x.xlsx` too) are left out,
    and so is every entry that is not a regular file of the inbox's own (inbox_entries).
    """
    from pipelines.inbox_entries import scan_inbox  # it reads this module's sidecar names

    return scan_inbox(inbox, source).files
