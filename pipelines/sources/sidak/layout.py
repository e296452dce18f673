"""The visit workbook of a sidak (an unannounced field visit): its titles, shared by the
writer (pipelines/sidak/workbook.py) and the reader (read.py).

Title rows name the pemda, the OPD and the month whose report is verified; two labelled
cells take the team and the day of the visit; then one row per sub kegiatan inspected:
what the OPD reported (pre-filled, locked) and what the team found (filled in the field).
"""

from __future__ import annotations

SHEET_NAME = "SIDAK"
REPORT_TITLE = "LEMBAR SIDAK: VERIFIKASI LAPANGAN REALISASI FISIK"
# Labels of the title rows, each followed by its value in the next cell or after ':'.
PEMDA_LABEL = "KODE PEMDA"
OPD_LABEL = "SKPD"
MONTH_LABEL = "BULAN LAPORAN"
REASON_LABEL = "DIPILIH KARENA"
TEAM_LABEL = "TIM SIDAK"
DATE_LABEL = "TANGGAL SIDAK"

# Canonical column -> its title (folded when compared). The reported columns are the
# OPD's report as serapan pre-filled them; the verified ones the team's.
TITLES: dict[str, tuple[str, ...]] = {
    "kode_sub_kegiatan": ("KODE SUB KEGIATAN",),
    "nama_sub_kegiatan": ("NAMA SUB KEGIATAN",),
    "pagu": ("PAGU (Rp)",),
    "realisasi_keuangan": ("REALISASI KEUANGAN DILAPORKAN (Rp)",),
    "persen_keuangan": ("KEUANGAN DILAPORKAN (%)",),
    "fisik_dilaporkan": ("FISIK DILAPORKAN (%)",),
    "permasalahan": ("PERMASALAHAN DILAPORKAN",),
    "fisik_terverifikasi": ("FISIK TERVERIFIKASI (%)",),
    "temuan": ("TEMUAN",),
    "bukti": ("BUKTI (FOTO / TAUTAN)",),
    "koordinat": ("KOORDINAT (LAT, LON)",),
}
REQUIRED = ("kode_sub_kegiatan", "fisik_dilaporkan", "fisik_terverifikasi", "temuan")
# What the team fills in: a row with none of them was not inspected.
VERIFIED = ("fisik_terverifikasi", "temuan", "bukti", "koordinat")
