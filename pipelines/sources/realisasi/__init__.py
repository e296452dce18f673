"""Realization (realisasi) from SIPD-RI Penatausahaan: the "Laporan Realisasi Per Dokumen"
export (dokumen.py), one month of document lines, for one SKPD or all."""

from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.pemda import government_named_in_rows
from pipelines.sources.base import ParsedFile, Source
from pipelines.sources.realisasi import dokumen


def read(path: Path, meta: FileMeta) -> ParsedFile:
    return stream(path, meta).whole()


def stream(path: Path, meta: FileMeta) -> ParsedFile:
    """The export with its lines read as they land (it may hold a year's million)."""
    return dokumen.stream_dokumen(path, meta)


def month_of(path: Path, meta: FileMeta) -> str:
    """The month reported: the sidecar's periode, else the one month of the lines."""
    if meta.periode:
        return meta.periode
    return stream(path, meta).file_columns["periode"].strftime("%Y-%m")  # lines unread


def pemda_of(path: Path) -> str | None:
    """The government the title rows name ("PEMERINTAH KABUPATEN BURU"), if they do."""
    return government_named_in_rows(dokumen.title_rows(path))


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """A re-export of the same month for the same SKPD (or for all of them) replaces
    the earlier one."""
    periode = parsed.file_columns["periode"]
    return (f"realisasi-dokumen|{meta.kode_pemda}|{periode.year}|{periode.month:02d}|"
            f"{dokumen.skpd_of(parsed)}")


SOURCE = Source(
    name="realisasi",
    raw_table=dokumen.TABLE,
    read=read,
    stream=stream,
    supersede_key=supersede_key,
    amount_column="realisasi",
    month_of=month_of,
    pemda_of=pemda_of,
)
