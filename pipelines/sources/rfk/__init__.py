"""OPD monthly report, RFK (laporan realisasi fisik dan keuangan), per OPD and month."""

from pathlib import Path

from pipelines.sources.base import Source
from pipelines.sources.rfk.read import read_rfk, supersede_key

SOURCE = Source(
    name="rfk",
    raw_table="raw.rfk_laporan",
    ddl=Path(__file__).with_name("raw.sql"),
    read=read_rfk,
    supersede_key=supersede_key,
    amount_column="realisasi_keuangan",
)
