"""SIPD-RI's SP2D records in JSON, as open-source tools store them (DOMAIN.md "Real
layouts" 4): a list of records, one per SP2D, with its status. Only 'ditransfer' is
money out; every record lands with its status.

The file is a JSON list of records; anything else (an object wrapping the list, as an
API's answer does) is refused: DOMAIN.md describes no envelope. Field names were checked
against wp-sipd (github.com/agusnurwanto/wp-sipd), public/class-wpsipd-public.php: its
SP2D records (nomor_sp_2_d, tanggal_sp_2_d "2024-02-07 00:00:00", nilai_sp_2_d as text
"116338787", kode_skpd, kode_sub_skpd, is_gaji "0") and its printed form's header
(nama_pihak_ketiga, npwp_pihak_ketiga, no_rek_pihak_ketiga: kept as variants of
DOMAIN.md's pihak_ketiga, npwp, no_rek). A record's lineage is sheet 'json' and its
position in the list (1 for the first) as the row.

NPWP and account numbers are personal data: kept as written, never echoed in messages.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.dates import parse_tanggal
from pipelines.sources.errors import SourceFileError
from pipelines.sources.sp2d.register import Sp2d, parsed_register

SHEET = "json"
LAYOUT = "sipd_ri_json"
STATUSES = ("ditransfer", "proses_transfer", "diterima", "gagal_transfer", "dihapus",
            "ditolak")
MONEY_OUT = "ditransfer"
REQUIRED = ("nomor_sp_2_d", "tanggal_sp_2_d", "jenis_sp_2_d", "nilai_sp_2_d", "status")
# The record's text fields, by the register's column.
TEXT = {"jenis_sp2d": "jenis_sp_2_d", "jenis_ls": "jenis_ls_sp_2_d", "nomor_spm": "nomor_spm",
        "kode_skpd": "kode_skpd", "kode_sub_skpd": "kode_sub_skpd",
        "id_sumber_dana": "id_sumber_dana"}
# The printed form's header, by the register's column: DOMAIN.md's key, then wp-sipd's.
HEADER = {"nama_penerima": ("pihak_ketiga", "nama_pihak_ketiga"),
          "npwp": ("npwp", "npwp_pihak_ketiga"),
          "nomor_rekening_penerima": ("no_rek", "no_rek_pihak_ketiga")}
_TRUTH = {"0": False, "1": True, "false": False, "true": True}


def read_records_json(path: Path, meta: FileMeta) -> ParsedFile:
    records = _records(path)
    sp2d = [(SHEET, number, _sp2d(path, number, record))
            for number, record in enumerate(records, start=1)]
    return parsed_register(path, meta, LAYOUT, sp2d, {})


def _records(path: Path) -> list:
    try:
        # Decimal: an amount written as a JSON number is read exactly, never as a float.
        records = json.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise SourceFileError(path, f"bukan UTF-8 / not UTF-8 ({exc.reason} pada byte / at "
                              f"byte {exc.start + 1})") from None
    except json.JSONDecodeError as exc:
        raise SourceFileError(path, f"JSON tidak sah / invalid JSON: {exc.msg} (baris/line "
                              f"{exc.lineno}, kolom/column {exc.colno})") from None
    if isinstance(records, dict):
        keys = ", ".join(sorted(records)[:8])
        raise SourceFileError(
            path, "harus daftar JSON [ ... ] record SP2D / must be a JSON list of SP2D "
            f"records, bukan objek / not an object (kunci / keys: {keys}): simpan daftar "
            "record-nya saja / save the list of records alone")
    if not isinstance(records, list):
        raise SourceFileError(path, "harus daftar JSON [ ... ] record SP2D / must be a JSON "
                              "list of SP2D records")
    if not records:
        raise SourceFileError(path, "daftar record SP2D kosong / no SP2D records",
                              sheet=SHEET)
    return records


def _sp2d(path: Path, number: int, record: object) -> Sp2d:
    def problem(text: str) -> SourceFileError:
        return SourceFileError(path, text, sheet=SHEET, row=number)

    if not isinstance(record, dict):
        raise problem("record SP2D harus objek JSON {...} / an SP2D record must be a JSON "
                      "object")
    missing = [key for key in REQUIRED if _text(record.get(key)) is None]
    if missing:
        raise problem(f"kosong atau tidak ada / empty or missing: {', '.join(missing)}")
    status = _text(record["status"]).lower()
    if status not in STATUSES:
        raise problem(f"status {record['status']!r} tidak dikenal / unknown: "
                      f"{', '.join(STATUSES)}")
    header = record.get("header") or {}
    if not isinstance(header, dict):
        raise problem("header harus objek JSON {...} / header must be a JSON object")
    return Sp2d(
        nomor_sp2d=_text(record["nomor_sp_2_d"]),
        tanggal_pembuatan=parse_tanggal(path, SHEET, number, _text(record["tanggal_sp_2_d"]),
                                        "tanggal_sp_2_d"),
        tanggal_pencairan=None,
        bruto=_amount(record["nilai_sp_2_d"], problem),
        money_out=status == MONEY_OUT,
        status=status,
        is_gaji=_truth(record.get("is_gaji"), problem),
        **{column: _text(record.get(key)) for column, key in TEXT.items()},
        **{column: _text(next((header[key] for key in keys if key in header), None))
           for column, keys in HEADER.items()},
        detail_belanja=_json_text(record.get("detail_belanja")),
        pajak_potongan=_json_text(record.get("pajak_potongan")),
    )


def _text(value: object) -> str | None:
    """A field as text (codes and numbers as written), empty -> None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _amount(value: object, problem) -> Decimal:
    """nilai_sp_2_d: a JSON number, or a number as text ("116338787", "116338787.00");
    machine-written, so never read with Indonesian grouping."""
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        amount = Decimal(str(value).strip())
        if not amount.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise problem(f"nilai_sp_2_d bukan angka / not a number: {value!r}") from None
    return amount.quantize(Decimal("0.01"))


def _truth(value: object, problem) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in _TRUTH:
        raise problem(f"is_gaji bukan 0/1 / not 0 or 1: {value!r}")
    return _TRUTH[text]


def _json_text(value: object) -> str | None:
    """A nested field as JSON text for a jsonb column, its numbers as written."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)}: {_json_text(item) or 'null'}"
                               for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_json_text(item) or "null" for item in value) + "]"
    return json.dumps(value)
