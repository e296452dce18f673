"""Budget (anggaran / DPA) from the SIPD-RI "Rekap 5" export."""

from pipelines.sources.anggaran.read import read_rekap5, stream_rekap5
from pipelines.sources.base import Source

SOURCE = Source(
    name="anggaran",
    raw_table="raw.anggaran_rekap5",
    read=read_rekap5,
    stream=stream_rekap5,
    supersede_key=lambda meta, parsed: f"anggaran|{meta.kode_pemda}|{parsed.tahun}|{meta.versi}",
    amount_column="pagu",
)
