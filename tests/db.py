"""Querying the test warehouse."""

from decimal import Decimal


def query(warehouse, sql: str, params=()) -> list[tuple]:
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()


def file_totals(path) -> tuple[int, Decimal]:
    """Budgeted lines and PAGU total of a Rekap 5 file, read apart from serapan's reader."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    header = [str(c).strip().upper() for c in rows[0]]
    pagu, rekening = header.index("PAGU"), header.index("KODE REKENING")
    lines = [r for r in rows[1:] if r[rekening] not in ("", None)]
    return len(lines), sum((Decimal(repr(r[pagu])) for r in lines), Decimal(0))
