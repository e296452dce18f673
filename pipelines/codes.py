"""The formats of the codes every source is joined on, from the one file that defines them.

`dbt_project/seeds/reference/pola_kode.csv` holds one regular expression per code level
and format (Permendagri 90/2019; the account codes of SIPD-RI's 2026 exports). dbt loads
it as a seed; the quality suites and their SQL write a level as `{kode:<tingkat>}` and
get here the expression that accepts every format of that level, or one format of it as
`{kode:<tingkat>/<format>}`.
"""

from __future__ import annotations

import csv
import functools
import re

from pipelines.config import DBT_PROJECT_DIR

PATTERNS_CSV = DBT_PROJECT_DIR / "seeds" / "reference" / "pola_kode.csv"
CODE_TOKEN = re.compile(r"\{kode:(\w+)(?:/(\w+))?\}")


class UnknownCodeLevel(ValueError):
    pass


@functools.cache
def code_formats() -> dict[str, dict[str, str]]:
    """tingkat -> format -> anchored regular expression, as the seed lists them."""
    formats: dict[str, dict[str, str]] = {}
    with PATTERNS_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            formats.setdefault(row["tingkat"], {})[row["format"]] = row["pola"]
    return formats


def code_pattern(tingkat: str, format: str | None = None) -> str:
    """One anchored expression accepting a code of `tingkat` in any of its formats, or
    in `format` alone."""
    formats = code_formats().get(tingkat)
    if not formats:
        raise UnknownCodeLevel(
            f"tingkat kode {tingkat!r} tidak ada di / is not in {PATTERNS_CSV.name}: "
            f"{', '.join(sorted(code_formats()))}")
    if format is not None:
        if format not in formats:
            raise UnknownCodeLevel(
                f"format {format!r} dari tingkat {tingkat!r} tidak ada di / is not in "
                f"{PATTERNS_CSV.name}: {', '.join(sorted(formats))}")
        return formats[format]
    patterns = list(formats.values())
    if len(patterns) == 1:
        return patterns[0]
    return "^(" + "|".join(p.removeprefix("^").removesuffix("$") for p in patterns) + ")$"


def with_code_patterns(text: str) -> str:
    """`text` with every `{kode:<tingkat>}` (or `{kode:<tingkat>/<format>}`) replaced by
    its expression."""
    return CODE_TOKEN.sub(lambda found: code_pattern(found.group(1), found.group(2)), text)
