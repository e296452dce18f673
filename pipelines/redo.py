"""Asking the next night to build a pemda again without a new file of its: a file
withdrawn (landing/manifest.py), a verifier's verdict on an OPD report (verifikasi.py).
The planner (build_plan.py) reads `meta.pemda_to_redo`. Apart from the planner, so the
commands that only ask import no Dagster."""


def redo_pemda(cursor, kode_pemda: str, reason: str) -> None:
    """The next night builds `kode_pemda` again (in the caller's transaction)."""
    cursor.execute("insert into meta.pemda_to_redo (kode_pemda, reason) values (%s, %s)",
                   (kode_pemda, reason))
