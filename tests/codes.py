"""Codes and personal numbers the tests write into files of every source (SP2D
registers and records: tests/workbooks_sp2d_register.py)."""

SKPD = "1.02.0.00.0.00.01.0000"
SUB_UNIT = "1.02.0.00.0.00.01.0001"
SUB_KEGIATAN = "1.02.02.2.01.0001"
REKENING = "5.1.02.01.01.0024"

NPWP = "012345678901000"  # leading zero: lost if ever read as a number
REKENING_BANK = "0012345678"
# A text with the recipient's bank account and NPWP typed in, and as it leaves raw
# (tests/test_personal_numbers.py, tests/test_marts.py).
URAIAN_WITH_NUMBERS = "Pembayaran ATK ke CV Maju Jaya rek. 0012345678 NPWP 01.234.567.8-901.000"
URAIAN_MASKED = "Pembayaran ATK ke CV Maju Jaya rek. ******5678 NPWP **.***.***.*-**1.000"
