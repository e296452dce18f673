"""Document lines of a "Laporan Realisasi Per Dokumen" for tests (written to a workbook by
pipelines/sample/realisasi_dokumen.py): one SKPD's, accounts of tests/workbooks.py's
budget rows."""

from __future__ import annotations

from datetime import date

from tests.workbooks import SKPD


def line(n: int, realisasi, *, jenis_dokumen="TBP", jenis_transaksi="GU",
         tanggal=date(2026, 1, 15), transfer=None, sp2d=None, nilai_sp2d=None,
         rekening="5.1.02.01.001.00024", skpd=SKPD, setoran=None, nomor=None,
         sub_skpd=None, sub_kegiatan="1.02.02.2.01.0001", nama_skpd="Dinas Kesehatan") -> dict:
    return {
        "nomor": str(n), "kode_skpd": skpd, "nama_skpd": nama_skpd,
        "kode_sub_skpd": sub_skpd or skpd, "nama_sub_skpd": nama_skpd,
        "kode_sub_kegiatan": sub_kegiatan, "nama_sub_kegiatan": "Pelayanan",
        "kode_rekening": rekening, "nama_rekening": "Belanja Alat Tulis Kantor",
        "nomor_dokumen": nomor or f"DOK-{n:04d}", "jenis_dokumen": jenis_dokumen,
        "jenis_transaksi": jenis_transaksi, "tanggal_dokumen": tanggal,
        "nilai_realisasi": realisasi, "nilai_setoran": setoran, "nomor_sp2d": sp2d,
        "tanggal_sp2d": transfer, "tanggal_transfer": transfer, "nilai_sp2d": nilai_sp2d,
        "nip_pegawai": "198001012005011001", "nama_pegawai": "Bendahara",
    }
