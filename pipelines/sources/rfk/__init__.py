"""OPD monthly report, RFK (laporan realisasi fisik dan keuangan), per OPD and month."""

from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.sources.base import Source
from pipelines.sources.rfk.read import read_rfk, supersede_key



def month_of(path: Path, meta: FileMeta) -> str:
    """The month reported: the sidecar's periode, else the latest month in the workbook."""
    if meta.periode:
        return meta.periode
    parsed = read_rfk(path, meta)
    position = 2 + parsed.columns.index("periode")
    return max(row[position] for row in parsed.rows).strftime("%Y-%m")


SOURCE = Source(
    name="rfk",
    raw_table="raw.rfk_laporan",
    ddl=Path(__file__).with_name("raw.sql"),
    read=read_rfk,
    supersede_key=supersede_key,
    amount_column="realisasi_keuangan",
    month_of=month_of,
)
