"""The findings as a person reads them in a terminal (`serapan flags`): one block per
rule, its message once, then where it was found, a few places unless all are asked for.
A night's hundreds of findings are a dozen rules: read by rule, they fit a screen."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from itertools import groupby

from pipelines.quality.findings import Finding

PLACES_SHOWN = 5  # per rule, unless --all
SEVERITY = {"error": "KESALAHAN / error", "warning": "PERINGATAN / warning"}


def findings_text(found: list[Finding], *, width: int, show_all: bool = False) -> Iterator[str]:
    """Lines of at most `width` characters (a word longer than that is cut, never the
    lines run over)."""
    rules = {finding.rule_id for finding in found}
    errors = sum(finding.severity == "error" for finding in found)
    yield from _wrap(f"Temuan / findings: {len(found)} dari / of {len(rules)} aturan / rules "
                     f"(kesalahan / errors {errors}, peringatan / warnings "
                     f"{len(found) - errors})", width)
    by_rule = sorted(found, key=lambda f: (f.severity, f.rule_id))
    several_pemda = len({finding.kode_pemda for finding in found}) > 1
    for (severity, rule_id), group in groupby(by_rule, key=lambda f: (f.severity, f.rule_id)):
        rows = list(group)
        yield ""
        yield from _wrap(f"{rule_id} · {SEVERITY.get(severity, severity)} · {len(rows)} "
                         f"temuan / findings", width)
        for message in dict.fromkeys(finding.message for finding in rows):
            yield from _wrap(message, width, indent="  ")
        shown = rows if show_all else rows[:PLACES_SHOWN]
        for place, same in groupby(shown, key=lambda f: _place(f, several_pemda)):
            numbers = [str(f.row_number) for f in same if f.row_number is not None]
            label = "baris / row" if len(numbers) == 1 else "baris / rows"
            text = place.format(rows=f", {label} {', '.join(numbers)}" if numbers else "")
            yield from _wrap(text, width, indent="  - ", then="    ")
        if len(shown) < len(rows):
            yield from _wrap(f"… {len(rows) - len(shown)} lainnya / more: serapan flags "
                             f"--rule {rule_id} --all", width, indent="  ")


def _place(finding: Finding, with_pemda: bool) -> str:
    """Where, with a {rows} slot for the row numbers of the findings in the same place."""
    where = (f"{finding.source_file}, sheet {finding.sheet}{{rows}}" if finding.source_file
             else "(tanpa file / no file)")
    about = [part for part in (with_pemda and finding.kode_pemda and f"pemda {finding.kode_pemda}",
                               finding.opd and f"OPD {finding.opd}",
                               finding.period and finding.period.strftime("%Y-%m")) if part]
    return f"{where} ({', '.join(about)})" if about else where


def _wrap(text: str, width: int, indent: str = "", then: str | None = None) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent,
                         subsequent_indent=indent if then is None else then,
                         break_on_hyphens=False) or [indent.rstrip()]
