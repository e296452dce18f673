"""LRA (Laporan Realisasi Anggaran) of one SKPD: absorption per account level, no sub
kegiatan."""

from pipelines.sources.base import Source
from pipelines.sources.lra.read import month_of, pemda_of, read_lra, stream_lra, supersede_key

SOURCE = Source(
    name="lra",
    raw_table="raw.lra_baris",
    read=read_lra,
    stream=stream_lra,
    supersede_key=supersede_key,
    # No amount column: the rows repeat each other level by level, so their sum means
    # nothing (a total sums one tingkat).
    amount_column=None,
    month_of=month_of,
    pemda_of=pemda_of,
)
