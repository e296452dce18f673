"""Cash plan (RAK, anggaran kas) per sub kegiatan and account, as SIPD-RI's tools export it."""

from pipelines.sources.base import Source
from pipelines.sources.rak.read import read_rak, stream_rak, supersede_key

SOURCE = Source(
    name="rak",
    raw_table="raw.rak_anggaran_kas",
    read=read_rak,
    stream=stream_rak,
    supersede_key=supersede_key,
    # Landed long, one row per month: the months' sum is the plan's total (the line's
    # Nilai Rincian and Total RAK repeat on each month's row).
    amount_column="nilai",
)
