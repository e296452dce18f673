"""`serapan sidak`: choose the OPDs to visit and write each one's visit workbook, with its
sidecar, so the filled workbook lands from inbox/sidak/ as it is."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.inbox import FileMeta, write_meta
from pipelines.pemda import government_title
from pipelines.sidak.choose import Chosen, choose_at_random, choose_by_risk
from pipelines.sidak.data import SidakDataError, candidates, visit_lines
from pipelines.sidak.workbook import write_visit_workbook
from pipelines.warehouse import Warehouse

MAX_LINES = 15  # sub kegiatan per workbook, the largest budgets first


@dataclass(frozen=True)
class Visit:
    chosen: Chosen
    workbook: Path


@dataclass(frozen=True)
class SidakPlan:
    kode_pemda: str
    periode: str
    seed: int | None  # None: chosen by risk
    visits: list[Visit]


def new_seed() -> int:
    return secrets.randbelow(1_000_000)


def plan_sidak(warehouse: Warehouse, *, periode: str, out_dir: Path, n: int = 4,
               seed: int | None = None, by_risk: bool = False, kode_pemda: str | None = None,
               nama_pemda: str | None = None, max_lines: int = MAX_LINES) -> SidakPlan:
    """Choose n OPDs for the month 'YYYY-MM' (by risk, or at random from `seed`) and write
    their workbooks into out_dir."""
    if n < 1:
        raise ValueError("--n harus 1 atau lebih / must be 1 or more")
    bulan = date(int(periode[:4]), int(periode[5:7]), 1)
    pool = candidates(warehouse, kode_pemda, bulan)
    if by_risk:
        chosen, seed = choose_by_risk(pool, n), None
    else:
        seed = new_seed() if seed is None else seed
        chosen = choose_at_random(pool, n, seed)
    pemda = pool[0].kode_pemda
    visits = []
    for item in chosen:
        opd = item.candidate
        lines = visit_lines(warehouse, pemda, opd.kode_opd, bulan, max_lines)
        if not lines:
            raise SidakDataError(f"OPD {opd.kode_opd} tanpa sub kegiatan berlaku bulan {periode} "
                                 "/ has no sub kegiatan in force that month")
        path = out_dir / f"sidak-{pemda}-{opd.kode_opd}-{periode}.xlsx"
        write_visit_workbook(path, nama_pemda=nama_pemda or government_title(pemda),
                             kode_pemda=pemda, kode_opd=opd.kode_opd,
                             nama_opd=opd.nama_opd or "", periode=periode,
                             alasan=item.alasan, lines=lines)
        write_meta(path, FileMeta("sidak", pemda, bulan.year, periode=periode,
                                  kode_opd=opd.kode_opd))
        visits.append(Visit(item, path))
    return SidakPlan(pemda, periode, seed, visits)
