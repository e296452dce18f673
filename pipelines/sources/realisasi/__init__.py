"""Realization (realisasi) from the finance system's monthly "Laporan Realisasi" export."""

from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.sources.base import Source
from pipelines.sources.realisasi.read import pemda_of, read_realisasi, supersede_key



def month_of(path: Path, meta: FileMeta) -> str:
    """The month reported: the sidecar's periode, else the PERIODE row of the file."""
    if meta.periode:
        return meta.periode
    return read_realisasi(path, meta).file_columns["periode_akhir"].strftime("%Y-%m")


SOURCE = Source(
    name="realisasi",
    raw_table="raw.realisasi_laporan",
    ddl=Path(__file__).with_name("raw.sql"),
    read=read_realisasi,
    supersede_key=supersede_key,
    amount_column="realisasi",
    month_of=month_of,
    pemda_of=pemda_of,
)
