"""Realization (realisasi) from SIPD-RI Penatausahaan: the "Laporan Realisasi Per Dokumen"
export (dokumen.py), one month of document lines; and the cumulative "Laporan Realisasi"
(read.py), a layout serapan inferred before any real export was seen, read while the
sample still writes it. A file's layout is told by its header's titles."""

from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.pemda import government_named_in_rows
from pipelines.sources.base import ParsedFile, Source
from pipelines.sources.realisasi import dokumen, read as laporan


def read(path: Path, meta: FileMeta) -> ParsedFile:
    return stream(path, meta).whole()


def stream(path: Path, meta: FileMeta) -> ParsedFile:
    """A per-document export with its lines read as they land (it may hold a year's
    million); a cumulative report whole."""
    located = dokumen.locate(path)
    if located is not None:
        return dokumen.stream_dokumen(path, meta, located)
    return laporan.read_realisasi(path, meta)


def month_of(path: Path, meta: FileMeta) -> str:
    """The month reported: the sidecar's periode, else what the file says (the PERIODE
    row of a cumulative report; the one month of a per-document export's lines)."""
    if meta.periode:
        return meta.periode
    parsed = stream(path, meta)  # the month is known before the lines are read
    return parsed.file_columns.get("periode", parsed.file_columns.get("periode_akhir")) \
        .strftime("%Y-%m")


def pemda_of(path: Path) -> str | None:
    """The government the title rows name ("PEMERINTAH KABUPATEN BURU"), if they do."""
    located = dokumen.locate(path)
    if located is None:
        return laporan.pemda_of(path)
    return government_named_in_rows(dokumen.title_rows(located))


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """A re-export of the same month replaces the earlier one; of a per-document export,
    the same month for the same SKPD (or for all of them)."""
    if parsed.table == dokumen.TABLE:
        periode = parsed.file_columns["periode"]
        return (f"realisasi-dokumen|{meta.kode_pemda}|{periode.year}|{periode.month:02d}|"
                f"{dokumen.skpd_of(parsed)}")
    return laporan.supersede_key(meta, parsed)


SOURCE = Source(
    name="realisasi",
    raw_table="raw.realisasi_laporan",
    ddl=Path(__file__).with_name("raw.sql"),
    read=read,
    stream=stream,
    supersede_key=supersede_key,
    amount_column="realisasi",
    month_of=month_of,
    pemda_of=pemda_of,
    layout_tables=((dokumen.TABLE, "nilai_realisasi"),),
)
