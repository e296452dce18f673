"""Which pemda a file belongs to: never guessed.

A file's pemda is its sidecar's `kode_pemda`, else what the file itself names (a
realization export's title row "PEMERINTAH KABUPATEN BURU"), else the installation's
default (SERAPAN_KODE_PEMDA); where the sidecar and the file name different pemda, or
none says, the file is refused. Every code is checked against the Kemendagri list that ships as a dbt seed
(`dbt_project/seeds/reference/pemda.csv`), the one list serapan knows pemda by.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from pipelines.config import DBT_PROJECT_DIR, Settings, settings
from pipelines.inbox import FileMeta, MetadataError

PEMDA_CSV = DBT_PROJECT_DIR / "seeds" / "reference" / "pemda.csv"
HOW_TO_GIVE = (
    "beri kode pemda / give the pemda code: `serapan ingest FILE --pemda 81.04`, "
    "\"kode_pemda\": \"81.04\" di sidecar <file>.meta.json, atau/or SERAPAN_KODE_PEMDA"
)


@dataclass(frozen=True)
class Pemda:
    kode: str
    nama: str  # "Kabupaten Buru", "Provinsi Bali"
    jenis: str  # provinsi | kabupaten | kota


@functools.cache
def pemda_list() -> dict[str, Pemda]:
    with PEMDA_CSV.open(newline="", encoding="utf-8") as handle:
        return {row["kode_pemda"]: Pemda(row["kode_pemda"], row["nama_pemda"],
                                         row["jenis_pemda"])
                for row in csv.DictReader(handle)}


def government_title(kode: str) -> str:
    """The title row a pemda's own forms open with ("PEMERINTAH KOTA BANJARMASIN"), from
    the list; a code the list lacks is shown as it is."""
    listed = pemda_list().get(kode)
    return f"PEMERINTAH {listed.nama.upper()}" if listed else f"PEMERINTAH DAERAH {kode}"


def known_pemda(kode: object, where: str) -> str:
    """`kode` as given, if it is text naming a pemda of the list; else MetadataError."""
    if not isinstance(kode, str):
        raise MetadataError(
            f"{where}: kode_pemda harus teks, mis. \"81.10\" (angka 81.10 terbaca 81.1) / "
            f"must be text, not {type(kode).__name__} {kode!r}")
    if kode not in pemda_list():
        raise MetadataError(
            f"{where}: kode pemda {kode!r} tidak ada di daftar Kemendagri / is not a pemda "
            f"code of the Kemendagri list ({PEMDA_CSV.name}): pakai NN.NN untuk kabupaten/kota "
            "(81.04 Kabupaten Buru), NN untuk provinsi (51 Provinsi Bali)")
    return kode


# "PEMERINTAH KABUPATEN BURU", "PEMERINTAH KAB. BURU", "PEMERINTAH PROVINSI BALI"
_GOVERNMENT = re.compile(r"\bPEMERINTAH\s+(?:DAERAH\s+)?(PROVINSI|PROV|KABUPATEN|KAB|KOTA)\b"
                         r"\.?\s*(.+)")
_KIND = {"PROV": "PROVINSI", "KAB": "KABUPATEN"}


def government_named_in_rows(rows: Iterable[list]) -> str | None:
    """The government a sheet's title rows name, their cells read as one line each."""
    return government_named_in(" ".join(str(cell) for cell in row if cell not in (None, ""))
                               for row in rows)


def government_named_in(texts: Iterable[str]) -> str | None:
    """The government a title row names ("PEMERINTAH KABUPATEN BURU" -> "KABUPATEN
    BURU"), folded, if one does; MetadataError if the rows name two."""
    named = set()
    for text in texts:
        found = _GOVERNMENT.search(_fold(text))
        if found:
            kind, name = found.groups()
            named.add(f"{_KIND.get(kind, kind)} {name.strip()}")
    if len(named) > 1:
        raise MetadataError(f"judul menyebut beberapa pemda / the title rows name several "
                            f"pemda: {', '.join(sorted(named))}")
    return next(iter(named), None)


def code_of(government: str) -> str | None:
    """The code of the pemda of that name in the list, if it has one."""
    codes = [p.kode for p in pemda_list().values() if _fold(p.nama) == _fold(government)]
    return codes[0] if len(codes) == 1 else None


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", str(text)).upper().split())


def with_pemda(meta: FileMeta, path: Path,
               named_in_file: Callable[[Path], str | None] | None,
               s: Settings | None = None) -> FileMeta:
    """`meta` with its pemda settled: the sidecar's, which a pemda the file names must not
    contradict; else the file's; else the installation's default. MetadataError when
    they disagree or none says. A name the list does not know (an old name, a template's
    placeholder) contradicts nothing, and tells nothing either."""
    where = str(path)
    given = known_pemda(meta.kode_pemda, where) if meta.kode_pemda is not None else None
    try:
        named = named_in_file(path) if named_in_file else None
    except MetadataError as exc:
        raise MetadataError(f"{where}: {exc}") from None
    in_file = code_of(named) if named else None
    if given and in_file and given != in_file:
        raise MetadataError(
            f"{where}: sidecar menyebut pemda {given} ({pemda_list()[given].nama}) tetapi "
            f"file menyebut {in_file} ({pemda_list()[in_file].nama}) / the sidecar and the "
            "file name different pemda")
    default = (s or settings()).kode_pemda
    kode = given or in_file or (known_pemda(default, "SERAPAN_KODE_PEMDA") if default else None)
    if kode is None:
        unknown = (f"judul file menyebut {named.title()!r}, yang tidak ada di daftar "
                   "Kemendagri / the title names a pemda not in the list; " if named else "")
        raise MetadataError(f"{where}: pemda tidak diketahui / unknown pemda: {unknown}"
                            f"{HOW_TO_GIVE}")
    return replace(meta, kode_pemda=kode)
