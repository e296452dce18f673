"""Realization (realisasi) from the finance system's monthly "Laporan Realisasi" export."""

from pathlib import Path

from pipelines.sources.base import Source
from pipelines.sources.realisasi.read import read_realisasi, supersede_key

SOURCE = Source(
    name="realisasi",
    raw_table="raw.realisasi_laporan",
    ddl=Path(__file__).with_name("raw.sql"),
    read=read_realisasi,
    supersede_key=supersede_key,
    amount_column="realisasi",
)
