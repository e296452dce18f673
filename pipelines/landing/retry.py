"""Quarantined files landed again on request (`serapan retry`), in a Dagster run: the
run's config names them (`Landing.retry`, paths under the inbox), and the asset that
lands them (their source's, or the inbox's for a monthly file of no telling month)
lands those, and nothing else, whether or not their sidecar changed. A run launched in
the UI may name them too."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import dagster as dg
from pydantic import Field

from pipelines.inbox_entries import scan_inbox
from pipelines.landing.load import IngestOutcome


class Landing(dg.Config):
    """A landing run's options; a night's runs give none."""

    retry: list[str] = Field(
        default_factory=list,
        description="File inbox yang dimuat lagi walau dikarantina dan tidak berubah, "
        "relatif terhadap inbox (anggaran/x.xlsx); run ini hanya memuat file itu / inbox "
        "files landed again though quarantined and unchanged, as paths under the inbox; "
        "the run lands those only (`serapan retry`).")


def named_files(inbox: Path, names: list[str], sources: list[str],
                takes: Callable[[Path], bool]) -> tuple[list[Path], list[IngestOutcome]]:
    """The files `names` names, as the inbox scan of `sources` finds them, that this run
    lands (`takes`); each other name refused, with the reason."""
    found = {path.relative_to(inbox).as_posix(): path
             for source in sources for path in scan_inbox(inbox, source).files}
    paths, refused = [], []
    for name in names:
        path = found.get(name)
        if path is not None and takes(path):
            paths.append(path)
        else:
            refused.append(IngestOutcome(
                inbox / name, Path(name).parts[0], "refused",
                error=f"{name}: bukan file inbox yang dimuat run ini / not an inbox file "
                "this run lands"))
    return paths, refused


def config_naming(op: str, names: list[str]) -> dict:
    """The run config that has the asset of step `op` land `names` again."""
    return {"ops": {op: {"config": {"retry": names}}}}
