"""The verifier's loop: an OPD's monthly report marked verified (terverifikasi) or
returned (dikembalikan), with the verifier's note, who and when (raw.rfk_verifikasi).
The verdict is on the upload in force when it is given; marts.fct_verifikasi_laporan
says where each OPD's report of a month stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pipelines.redo import redo_pemda
from pipelines.warehouse import Warehouse

STATUSES = ("terverifikasi", "dikembalikan")


class VerifikasiError(ValueError):
    pass


@dataclass(frozen=True)
class Verdict:
    verifikasi_id: int
    kode_pemda: str
    kode_opd: str
    periode: date
    file_id: int
    original_name: str
    status: str
    pada: datetime


# The OPD's report upload in force for the month: the latest loaded file of its rows.
REPORT_SQL = """
select files.kode_pemda, max(files.file_id)
from raw.rfk_laporan as laporan
join raw.files as files using (file_id)
where files.status = 'loaded' and laporan.kode_opd = %(opd)s and laporan.periode = %(bulan)s
    and (%(pemda)s::text is null or files.kode_pemda = %(pemda)s)
group by files.kode_pemda
"""


def give_verdict(warehouse: Warehouse, *, kode_opd: str, periode: str, status: str,
                 oleh: str, catatan: str | None = None,
                 kode_pemda: str | None = None) -> Verdict:
    """Record the verdict on the OPD's report of the month 'YYYY-MM' in force now; the
    next night rebuilds the pemda's models (meta.pemda_to_redo)."""
    if status not in STATUSES:
        raise VerifikasiError(f"status {status!r}: pakai / use {' atau '.join(STATUSES)}")
    if not oleh.strip():
        raise VerifikasiError("--oleh: nama verifikator wajib / the verifier's name is required")
    if status == "dikembalikan" and not (catatan or "").strip():
        raise VerifikasiError("laporan dikembalikan wajib dengan --catatan: apa yang harus "
                              "diperbaiki OPD / a returned report needs a note saying what to fix")
    bulan = date(int(periode[:4]), int(periode[5:7]), 1)
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            cur.execute(REPORT_SQL, {"opd": kode_opd, "bulan": bulan, "pemda": kode_pemda})
            found = cur.fetchall()
            if not found:
                raise VerifikasiError(f"Tidak ada laporan OPD {kode_opd} bulan {periode} yang "
                                      "berlaku / no report of that OPD and month in force")
            if len(found) > 1:
                raise VerifikasiError(f"OPD {kode_opd} melapor di beberapa pemda / reports in "
                                      f"several pemda: {', '.join(sorted(p for p, _ in found))}"
                                      "; pilih dengan / choose with --pemda")
            [(pemda, file_id)] = found
            cur.execute("""
                insert into raw.rfk_verifikasi
                    (kode_pemda, kode_opd, periode, file_id, status, catatan, oleh)
                values (%s, %s, %s, %s, %s, %s, %s)
                returning verifikasi_id, pada""",
                        (pemda, kode_opd, bulan, file_id, status,
                         (catatan or "").strip() or None, oleh.strip()))
            verifikasi_id, pada = cur.fetchone()
            # no file lands with a verdict: the next night rebuilds the pemda all the same
            redo_pemda(cur, pemda, f"laporan {kode_opd} {periode} {status} / report {status}")
            cur.execute("select original_name from raw.files where file_id = %s", (file_id,))
            [(name,)] = cur.fetchall()
    finally:
        conn.close()
    return Verdict(verifikasi_id, pemda, kode_opd, bulan, file_id, name, status, pada)
