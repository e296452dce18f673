"""A finding's values as an OPD clerk reads them: words and rupiah, not column names.

`quality.flags.nilai` holds the whole row a rule judged, every column of its relation;
the feedback shows those a person checks against the report (pagu, realisasi, fisik,
dates), labelled in Indonesian, money as "Rp58.294.000", percentages as "40,5%". The
row's identity (pemda, OPD, month, file, sheet, row) is said elsewhere in the workbook
and is left out here, as are the rules' own markers (true/false columns).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from pipelines.reports.formatting import angka, bulan_tahun, tanggal

SUB_KEGIATAN = ("kode_sub_kegiatan", "nama_sub_kegiatan")
# Said by the workbook's title, its place column or its sub kegiatan column.
HIDDEN = frozenset({
    "kode_pemda", "kode_opd", "kode_skpd", "nama_skpd", "kode_sub_unit", "nama_opd",
    "tahun", "periode", "bulan", "periode_akhir", "file_id", "sheet", "row_number",
    "source", "lingkup", "tingkat", "rak_satuan", "format", "kemunculan", "urutan",
    "versi_urutan", "kunci_rekening", "kunci_versi", "kunci_sub_kegiatan", "nama_dilipat",
    *SUB_KEGIATAN,
})
LABELS = {
    "pagu": "Pagu",
    "pagu_dpa": "Pagu DPA berlaku",
    "pagu_berlaku": "Pagu berlaku",
    "pagu_dilaporkan": "Pagu yang dilaporkan",
    "pagu_anggaran": "Pagu anggaran",
    "pagu_rak": "Pagu pada RAK",
    "anggaran": "Anggaran",
    "rak": "Rencana kas (RAK) kumulatif",
    "realisasi": "Realisasi",
    "realisasi_keuangan": "Realisasi keuangan kumulatif",
    "realisasi_keuangan_bulan_lalu": "Realisasi keuangan bulan lalu",
    "realisasi_dilaporkan": "Realisasi yang dilaporkan",
    "realisasi_sistem_keuangan": "Realisasi di sistem keuangan (SIPD-RI)",
    "realisasi_sipd": "Realisasi di SIPD-RI",
    "realisasi_kumulatif": "Realisasi kumulatif",
    "realisasi_fisik": "Realisasi fisik",
    "realisasi_fisik_bulan_lalu": "Realisasi fisik bulan lalu",
    "rencana_fisik": "Rencana fisik",
    "persen_keuangan": "Realisasi keuangan (% pagu)",
    "selisih": "Selisih",
    "selisih_poin": "Selisih",
    "pelampauan": "Kelebihan di atas pagu",
    "penurunan": "Penurunan",
    "nilai_realisasi": "Nilai realisasi",
    "nilai_setoran": "Nilai setoran",
    "nilai_sp2d": "Nilai SP2D",
    "total_bruto": "Bruto",
    "bruto": "Bruto",
    "potongan": "Potongan",
    "neto": "Neto",
    "nomor_sp2d": "Nomor SP2D",
    "nomor_dokumen": "Nomor dokumen",
    "tanggal_sp2d": "Tanggal SP2D",
    "diterima": "Diterima",
    "batas": "Batas waktu",
    "hari_terlambat": "Terlambat",
    "kode_rekening": "Kode rekening",
    "nama_rekening": "Rekening",
    "sumber_dana": "Sumber dana",
    "versi_berlaku": "Versi anggaran berlaku",
    "versi_dpa": "Versi DPA",
    "nama_di_anggaran": "Nama di DPA",
    "nama_dicocokkan": "Nama yang dicocokkan",
    "kandidat": "Kemungkinan kode",
    "nilai_sp2d_realisasi": "Nilai SP2D di Laporan Realisasi",
    "jumlah_sp2d": "Jumlah SP2D",
    "status_nama": "Pencocokan nama SKPD",
    "periode_bulan_lalu": "Bulan laporan sebelumnya",
    "bulan_terakhir": "Bulan terakhir di workbook",
    "tanggal": "Tanggal",
}
MONTHS = frozenset({"periode_bulan_lalu", "bulan_terakhir"})  # a month, shown "Maret 2025"
MONEY = re.compile(r"^(pagu|rak$|anggaran|realisasi(?!_fisik)|nilai|bruto|total_bruto|neto|"
                   r"potongan|selisih$|pelampauan|penurunan|rupiah)")
PERCENT = re.compile(r"(fisik|persen)")
POINTS = re.compile(r"poin$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sub_kegiatan(values: dict) -> str:
    """'1.02.02.2.01.0001 Pengelolaan Pelayanan Kesehatan', or '' when the row names none."""
    return " ".join(str(values[key]).strip() for key in SUB_KEGIATAN if values.get(key))


def described(values: dict) -> list[str]:
    """'Label: value' for each value a person checks, in the order the row holds them."""
    lines = []
    for key, value in values.items():
        if key in HIDDEN or value is None or value == "" or isinstance(value, bool):
            continue
        lines.append(f"{LABELS.get(key, key.replace('_', ' ').capitalize())}: "
                     f"{_shown(key, value)}")
    return lines


def rupiah_penuh(value) -> str:
    """Rupiah as Indonesian spelling writes it (PUEBI), to the rupiah and the sen where
    there are sen: 'Rp58.294.000', 'Rp1.500,50', '-Rp250.000'."""
    amount = Decimal(str(value))
    digits = 0 if amount == amount.to_integral_value() else 2
    return f"{'-' if amount < 0 else ''}Rp{angka(abs(amount), digits)}"


def _shown(key: str, value) -> str:
    number = _number(value)
    if number is not None:
        if PERCENT.search(key):
            return f"{angka(number, _digits(number))}%"
        if POINTS.search(key):
            return f"{angka(number, _digits(number))} poin"
        if MONEY.search(key):
            return rupiah_penuh(number)
        if key == "hari_terlambat":
            return f"{angka(number)} hari"
        return angka(number, _digits(number))
    text = str(value).strip()
    if ISO_DATE.match(text):
        day = date.fromisoformat(text)
        return bulan_tahun(day) if key in MONTHS else tanggal(day)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return text


def _number(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _digits(number: Decimal) -> int:
    return 0 if number == number.to_integral_value() else 2
