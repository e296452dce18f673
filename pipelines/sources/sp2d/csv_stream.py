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

Plain lines come in runs (PlainLines), so that the caller can judge thousands of them
with a few bytes operations over the run instead of a few per line. A batch of lines at
a time: memory stays flat whatever the file size.
"""

from __future__ import annotations

import codecs
import csv
import io
import queue
import threading
from collections import deque
from dataclasses import dataclass
from itertools import islice
from typing import BinaryIO, Iterator

import numpy as np

DELIMITER = ";"
# Bytes of lines read and judged at once (BLOCK), and written to COPY at once (CHUNK).
# Small, so the server starts on a file's first lines while the next block is judged:
# with a megabyte, the 1.3 MB file of a month of one pemda was judged nearly whole
# before the server had a line (2 million lines in 600 such files landed in 17 s, in
# 11 s with 64 KB); and a block's bytes stay in the CPU's cache while a run passes over
# them column by column (one file of a million lines: 48-61% of raw COPY, 67-68%).
CHUNK_BYTES = 64 << 10
BLOCK_BYTES = 64 << 10
_FIELD_LIMIT = csv.field_size_limit()
SEPARATOR = DELIMITER.encode()
# A record as body() gives it: (cells, plain, wide).
Record = tuple[list[bytes], bool, bool]


@dataclass(frozen=True)
class PlainLines:
    """Consecutive plain lines of the file: their text, joined by their ending (none
    after the last), and how many there are; one record each."""

    text: bytes
    count: int
    ending: bytes = b"\n"  # or b"\r\n"

    @classmethod
    def of(cls, lines: list[bytes]) -> PlainLines:
        return cls(b"\n".join(lines), len(lines))

    @property
    def lines(self) -> list[bytes]:
        return self.text.split(self.ending)


# Bytes by class for _blank_at_an_edge: 1 for an ASCII character str.strip() strips as a
# space, 2 for one that ends a cell (';', and line breaks), 0 for any other.
_CLASSES = bytes(1 if byte in b" \t\x0b\x0c\x1c\x1d\x1e\x1f" else 2 if byte in b";\r\n"
                 else 0 for byte in range(256))
# A line break in every stretch of this many bytes: no line is longer than the limit.
_WINDOW = _FIELD_LIMIT // 2


def _plain_run(text: bytes) -> PlainLines | None:
    """The lines of `text` (whole lines, the file's last perhaps without its ending),
    where every one is plain and all end alike (LF or CRLF); else None. A few C loops
    over the whole text, whatever the number of lines."""
    if not text.isascii() or b'"' in text or b"\0" in text or _blank_at_an_edge(text):
        return None
    feeds, ending = text.count(b"\n"), b"\n"
    if b"\r" in text:
        if not _crlf_only(text, feeds):
            return None  # a lone '\r' or '\n': the csv module splits there too
        ending = b"\r\n"
    if not _short_lines(text, ending):
        return None
    if text.endswith(ending):  # the last line's ending, not an empty line
        return PlainLines(text[:-len(ending)], feeds, ending)
    return PlainLines(text, feeds + 1, ending)


def _blank_at_an_edge(text: bytes) -> bool:
    """Whether a cell of `text` has blanks to strip: a space next to a ';' or a line
    break, or at either end. Searching the bytes for ' ;' and '; ' costs a nanosecond a
    byte (both are frequent); numpy tells it from the bytes' classes in a few C passes."""
    classes = np.frombuffer(text.translate(_CLASSES), dtype=np.uint8)
    return bool(classes[0] == 1 or classes[-1] == 1
                or (classes[:-1] * classes[1:] == 2).any())


def _crlf_only(text: bytes, feeds: int) -> bool:
    """Whether every '\r' and each of the `feeds` '\n' of `text` are the two bytes of a
    CRLF."""
    codes = np.frombuffer(text, dtype=np.uint8)
    returns = np.flatnonzero(codes[:-1] == 13)  # a '\r' at the end has no '\n' after it
    return returns.size == feeds and codes[-1] != 13 and bool((codes[returns + 1] == 10).all())


def _short_lines(text: bytes, ending: bytes) -> bool:
    """Whether no line of `text` is longer than the csv module's field limit (longer
    ones go to the csv module, which refuses them). A line break in every window of
    half the limit tells it in a few searches; else each line is measured."""
    if all(text.find(b"\n", start, start + _WINDOW) >= 0
           for start in range(0, len(text), _WINDOW)):
        return True
    return max(map(len, text.split(ending))) <= _FIELD_LIMIT


class CsvRecords:
    """One pass over a csv file opened in binary mode: first its head, then its body."""

    def __init__(self, handle: BinaryIO):
        self._handle = handle
        self._buffer = handle.read(BLOCK_BYTES).removeprefix(codecs.BOM_UTF8)  # as
        self._offset = 0  # 'utf-8-sig' reads it; the bytes before _offset are taken
        # Text lines split as a file opened with newline='' splits them (at '\r', '\n'
        # and '\r\n'), queued for the csv reader; it pulls more only inside a record.
        self._pending: deque[str] = deque()
        self._reader = csv.reader(self._text_lines(), delimiter=DELIMITER)

    def head(self, count: int) -> list[list[str]]:
        """The first `count` records, parsed (the header is among them)."""
        return list(islice(self._reader, count))

    def body(self, head: list[list[str]], width: int) -> Iterator[Record | PlainLines]:
        """`head` (records read but not yet landed) then the rest of the file: runs of
        plain lines (PlainLines; plain_record() makes each a record), and the other
        records one by one, read by the csv module (careful_record()). Raises
        UnicodeDecodeError on bytes the csv module would not decode, and csv.Error
        where it would fail."""
        for record in head:
            yield careful_record(record, width)
        while self._pending:  # the head ended inside a line split at a lone '\r'
            yield careful_record(next(self._reader), width)
        while text := self._whole_lines():
            plain = _plain_run(text)
            if plain is not None:  # the common case: every line of the block is plain
                yield plain
                continue
            # Line by line, then blocks again.
            self._buffer, self._offset = text + self._buffer[self._offset:], 0
            run: list[bytes] = []
            for _ in range(text.count(b"\n") + (not text.endswith(b"\n"))):
                raw = self._line()
                if not raw:
                    break  # the csv module read to the end of the file within a record
                plain = _plain_run(raw)
                if plain is not None:
                    run.append(plain.text)
                    continue
                if run:
                    yield PlainLines.of(run)
                    run = []
                self._pending.extend(io.StringIO(raw.decode("utf-8"), newline=""))
                while self._pending:
                    yield careful_record(next(self._reader), width)
            if run:
                yield PlainLines.of(run)

    def _text_lines(self) -> Iterator[str]:
        while True:
            while self._pending:
                yield self._pending.popleft()
            raw = self._line()
            if not raw:
                return
            self._pending.extend(io.StringIO(raw.decode("utf-8"), newline=""))

    def _line(self) -> bytes:
        """The next line with its ending (split at b'\n' only, as binary files are),
        b'' at the end of the file."""
        end = self._buffer.find(b"\n", self._offset) + 1
        while not end:
            more = self._handle.read(BLOCK_BYTES)
            if not more:
                end = len(self._buffer)
                break
            self._buffer, self._offset = self._buffer[self._offset:] + more, 0
            end = self._buffer.find(b"\n") + 1
        line = self._buffer[self._offset:end]
        self._offset = end
        return line

    def _whole_lines(self) -> bytes:
        """The next BLOCK_BYTES or so of the file, cut after a line ending (or at the
        end of the file); b'' at the end."""
        text = self._buffer[self._offset:] + self._handle.read(BLOCK_BYTES)
        end = text.rfind(b"\n") + 1
        while not end:  # a line longer than a block, or the last line, unended
            more = self._handle.read(BLOCK_BYTES)
            if not more:
                end = len(text)
                break
            text += more
            end = text.rfind(b"\n") + 1
        self._buffer, self._offset = text[end:], 0
        return text[:end]


def plain_record(line: bytes, width: int) -> Record:
    """A plain line as a record: (cells, plain, wide). cells: the record's cells, as
    UTF-8, padded with b'' to `width`, then one b'' more (where absent columns point);
    plain: no cell holds a quote, delimiter or line break (it may go to COPY as it is);
    wide: something is written beyond `width` (a title or note, if not a line)."""
    cells = line.split(SEPARATOR)
    if len(cells) > width:
        return careful_record(line.decode("ascii").split(DELIMITER), width)
    return cells + [b""] * (width + 1 - len(cells)), True, False


def careful_record(record: list[str], width: int) -> Record:
    """A record the csv module read, as plain_record() gives one: its cells stripped,
    cut or padded to `width`; never plain."""
    cells = [cell.strip().encode() for cell in record[:width]]
    return (cells + [b""] * (width + 1 - len(cells)), False,
            any(cell.strip() for cell in record[width:]))


class ChunkReader:
    """The file-like object psycopg2's copy_expert reads: lines joined into chunks,
    made by a thread of their own. psycopg2 lets go of the GIL while it sends a chunk,
    so Python makes the next one while the server takes the last: on two cores, the
    load goes at the pace of the slower side, not of both in turn.

    psycopg2 reports an exception raised while reading only as the text of a cancelled
    COPY; `failure` keeps the exception itself for the caller to raise."""

    def __init__(self, pieces: Iterator[bytes]):
        """pieces: COPY text, each piece whole lines with their endings."""
        self.failure: BaseException | None = None
        self._chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._make, args=(pieces,), daemon=True)
        self._thread.start()

    def _make(self, pieces: Iterator[bytes]) -> None:
        try:
            chunk: list[bytes] = []
            size = 0
            for piece in pieces:
                chunk.append(piece)
                size += len(piece)
                if size >= CHUNK_BYTES:
                    self._chunks.put(b"".join(chunk))
                    chunk, size = [], 0
                    if self._stop.is_set():
                        break
            else:
                if chunk:
                    self._chunks.put(b"".join(chunk))
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
