"""An SP2D csv's records exactly as read.py's csv reader sees them, at bytes speed.

read.py reads the csv with Python's csv module (';' and '"', a file opened with
newline='') and strips every cell: which records there are, and what each cell holds,
is the contract. The csv module costs a few microseconds a record; most exported lines
need none of it:

- a plain line (ASCII; no '"', NUL, or carriage return but its CRLF ending; no
  whitespace next to a ';' or at either end; shorter than the csv module's field limit)
  is one record of its ';'-separated parts, stripped already: bytes.split reads it as
  the csv module would;
- anything else is read by the csv module itself, record by record (a quoted field may
  span lines); then plain lines go on.

One line at a time: memory stays flat whatever the file size.
"""

from __future__ import annotations

import codecs
import csv
import io
import queue
import threading
from collections import deque
from itertools import chain, islice
from typing import BinaryIO, Iterator

DELIMITER = ";"
CHUNK_LINES = 8192  # lines per write to COPY: few calls, a few MB at most
BATCH_LINES = 4096  # lines checked at once for being plain
_FIELD_LIMIT = csv.field_size_limit()
_SEP = DELIMITER.encode()
# A record as body() gives it: (cells, plain, wide).
Record = tuple[list[bytes], bool, bool]
# The ASCII characters str.strip() strips (but '\r' and '\n', dealt with apart), as spaces.
_SPACE = bytes.maketrans(b"\t\x0b\x0c\x1c\x1d\x1e\x1f", b"       ")


def _plain_ending(lines: list[bytes]) -> int:
    """The length of the line ending (1: LF, 2: CRLF) of lines that are all plain, or 0.
    The checks run over the lines joined: a few C loops for thousands of lines."""
    joined = b"".join(lines)
    spaced = joined.translate(_SPACE)
    if not joined.isascii() or b'"' in joined or b"\0" in joined \
            or any(edge in spaced for edge in (b" ;", b"; ", b" \r", b" \n", b"\n ")) \
            or spaced.startswith(b" ") or spaced.endswith(b" ") \
            or max(map(len, lines)) > _FIELD_LIMIT:
        return 0
    returns, newlines = joined.count(b"\r"), joined.count(b"\n")
    if returns == 0:
        return 1
    return 2 if returns == newlines == joined.count(b"\r\n") else 0


class CsvRecords:
    """One pass over a csv file opened in binary mode: first its head, then its body."""

    def __init__(self, handle: BinaryIO):
        lines = iter(handle)  # binary lines, split at b'\n' only
        first = next(lines, b"").removeprefix(codecs.BOM_UTF8)  # as 'utf-8-sig' reads it
        self._lines = chain((first,) if first else (), lines)
        # Text lines split as a file opened with newline='' splits them (at '\r', '\n'
        # and '\r\n'), queued for the csv reader; it pulls more only inside a record.
        self._pending: deque[str] = deque()
        self._reader = csv.reader(self._text_lines(), delimiter=DELIMITER)

    def head(self, count: int) -> list[list[str]]:
        """The first `count` records, parsed (the header is among them)."""
        return list(islice(self._reader, count))

    def body(self, head: list[list[str]], width: int) -> Iterator[Record]:
        """`head` (records read but not yet landed) then the rest of the file, record by
        record: (cells, plain, wide). cells: the record's cells stripped, as UTF-8, cut
        or padded with b'' to `width`, then one b'' more (where absent columns point);
        plain: no cell holds a quote, delimiter or line break (it may go to COPY as it
        is); wide: something is written beyond `width` (a title or note, if not a line).
        Raises UnicodeDecodeError on bytes the csv module would not decode, and
        csv.Error where it would fail."""
        padding = [b""] * (width + 1)

        def careful(record: list[str]) -> Record:
            cells = [cell.strip().encode() for cell in record[:width]]
            return (cells + padding[len(cells):], False,
                    any(cell.strip() for cell in record[width:]))

        def plain(line: bytes) -> Record:
            cells = line.split(_SEP)
            if len(cells) > width:
                return careful(line.decode("ascii").split(DELIMITER))
            return cells + padding[len(cells):], True, False

        for record in head:
            yield careful(record)
        while self._pending:  # the head ended inside a line split at a lone '\r'
            yield careful(next(self._reader))
        while batch := list(islice(self._lines, BATCH_LINES)):
            ending = _plain_ending(batch)
            if ending:  # the common case: every line of the batch is plain
                for line in batch:
                    yield plain(line[:-ending] if line.endswith(b"\n") else line)
                continue
            self._lines = chain(batch, self._lines)  # line by line, then batches again
            for raw in islice(self._lines, len(batch)):
                line = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1] \
                    if raw.endswith(b"\n") else raw
                if _plain_ending([raw]):
                    yield plain(line)
                    continue
                self._pending.extend(io.StringIO(raw.decode("utf-8"), newline=""))
                while self._pending:
                    yield careful(next(self._reader))

    def _text_lines(self) -> Iterator[str]:
        while True:
            while self._pending:
                yield self._pending.popleft()
            raw = next(self._lines, None)
            if raw is None:
                return
            self._pending.extend(io.StringIO(raw.decode("utf-8"), newline=""))


class ChunkReader:
    """The file-like object psycopg2's copy_expert reads: lines joined into chunks,
    made by a thread of their own. psycopg2 lets go of the GIL while it sends a chunk,
    so Python makes the next one while the server takes the last: on two cores, the
    load goes at the pace of the slower side, not of both in turn.

    psycopg2 reports an exception raised while reading only as the text of a cancelled
    COPY; `failure` keeps the exception itself for the caller to raise."""

    def __init__(self, lines: Iterator[bytes]):
        self.failure: BaseException | None = None
        self._chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._make, args=(lines,), daemon=True)
        self._thread.start()

    def _make(self, lines: Iterator[bytes]) -> None:
        try:
            while not self._stop.is_set():
                chunk = list(islice(lines, CHUNK_LINES))
                if not chunk:
                    break
                self._chunks.put(b"\n".join(chunk) + b"\n")
        except BaseException as exc:
            self.failure = exc
        self._chunks.put(None)

    def read(self, size: int = -1) -> bytes:
        chunk = self._chunks.get()
        if chunk is None:
            if self.failure is not None:
                raise self.failure
            return b""
        return chunk

    def close(self) -> None:
        """Stop making chunks (the COPY failed or is done) and wait for the thread."""
        self._stop.set()
        while self._thread.is_alive():
            try:
                self._chunks.get_nowait()
            except queue.Empty:
                self._thread.join(0.01)
