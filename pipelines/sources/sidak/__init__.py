"""Sidak: the filled visit workbook of an unannounced field visit, per OPD and month, the
physical progress the team saw beside what the OPD reported (read.py)."""

from pipelines.sources.base import Source
from pipelines.sources.sidak.read import month_of, read_sidak, supersede_key

SOURCE = Source(
    name="sidak",
    raw_table="raw.sidak_kunjungan",
    read=read_sidak,
    supersede_key=supersede_key,
    amount_column=None,  # the reported money repeats the OPD's report: no total of its own
    month_of=month_of,
)
