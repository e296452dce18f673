"""One synthetic kabupaten's whole fiscal year in the inbox, with known defects.

    inbox/anggaran/   the four budget versions (Rekap 5)
    inbox/rak/        the cash plan of each version (Anggaran Kas)
    inbox/sp2d/       the BUD's register of SP2D, one file per month
    inbox/realisasi/  SIPD-RI's Laporan Realisasi Per Dokumen, one file per month
    inbox/rfk/        each OPD's monthly report (one missing, a few late, three OPDs' in
                      the field's own forms, FORM-RFK and FORM-M)
    inbox/.ground_truth.csv   every injected defect (see defects.py for the kinds)

Every file has its metadata sidecar. The same seed gives the same bytes.

plan_year computes the year (defects and ground-truth marks included) as a list of file
jobs, each writing one file and its sidecar on its own; write_sample_year runs them in a
small pool of processes, except the OPDs' own forms, whose writer reports where each
row landed (the ground truth needs it).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.inbox import FileMeta, write_meta
from pipelines.sample import write_budget_sample
from pipelines.sample.budget import build_budget
from pipelines.sample.defects import GROUND_TRUTH_NAME, Defects, GroundTruth
from pipelines.sample.defects_finance import FinanceDefects
from pipelines.sample.documents import build_exports, ledger, number_lines
from pipelines.sample.rak_export import rak_file_name, write_rak
from pipelines.sample.realisasi_dokumen import dokumen_file_name, first_data_row, write_month
from pipelines.sample.register_sp2d import FIRST_DATA_ROW, register_file_name, write_register
from pipelines.sample.rfk_forms import write_opd_forms
from pipelines.sample.rfk_reports import (
    TEMPLATE,
    OpdMonth,
    build_reports,
    rfk_file_name,
    template_placements,
    write_template_report,
)
from pipelines.sample.orders import build_sp2d
from pipelines.sample.spending import MONTHS, build_spending, cash_plan, month_end
from pipelines.sources.realisasi.dokumen import SHEET as DOKUMEN_SHEET
from pipelines.sources.sp2d.register_workbook import SHEET as REGISTER_SHEET

WORKERS = min(4, os.cpu_count() or 1)


@dataclass(frozen=True)
class SampleYear:
    files: dict[str, list[Path]]  # source -> data files written (sidecars beside each)
    ground_truth: Path
    counts: dict[str, int]  # what was written: SP2D, realization lines, reports, ...
    defects: dict[str, int]  # ground-truth rows per defect kind


@dataclass(frozen=True)
class FileJob:
    """One file of the inbox: its writer (called as write(path, *args)) and its sidecar.

    A writer that `places` returns where the rows it wrote landed, as (sheet, row number,
    row object) for the ground truth; it runs in the planning process, where the objects
    the ground truth marked live."""

    source: str
    name: str
    write: Callable
    args: tuple
    meta: dict  # sidecar fields beyond source, pemda and year; "extra" as top-level keys
    places: bool = False

    def run(self, inbox: Path, kode_pemda: str, tahun: int):
        folder = inbox / self.source
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.name
        written = self.write(path, *self.args)
        fields = dict(self.meta)
        extra = fields.pop("extra", None)
        sidecar = write_meta(path, FileMeta(self.source, kode_pemda, tahun, **fields))
        if extra:
            # read_meta takes unknown top-level keys as `extra`; FileMeta.to_json would nest
            # them under "extra", which read_meta cannot read back, so they go on top.
            sidecar.write_text(json.dumps({**json.loads(sidecar.read_text()), **extra},
                                          indent=2) + "\n")
        return written


@dataclass
class YearPlan:
    jobs: list[FileJob]
    truth: GroundTruth
    counts: dict[str, int]
    # Template files holding marked rows: where those landed is read back once written.
    templates_to_place: list[tuple[str, OpdMonth]] = field(default_factory=list)


def write_sample_year(inbox: Path, seed: int = 2025, tahun: int = 2025,
                      kode_pemda: str = "99.01") -> SampleYear:
    inbox = Path(inbox)
    files: dict[str, list[Path]] = defaultdict(list)
    with ProcessPoolExecutor(WORKERS) as pool:
        budget_files = pool.submit(write_budget_sample, inbox, seed, tahun, kode_pemda)
        plan = plan_year(seed, tahun, kode_pemda)
        pending = []
        for job in plan.jobs:
            files[job.source].append(inbox / job.source / job.name)
            if job.places:
                for sheet, row_number, row in job.run(inbox, kode_pemda, tahun):
                    plan.truth.place(job.name, sheet, row_number, row)
            else:
                pending.append(pool.submit(job.run, inbox, kode_pemda, tahun))
        for job in pending:
            job.result()
        files["anggaran"] = budget_files.result()
    for name, report in plan.templates_to_place:
        for sheet, row_number, row in template_placements(inbox / "rfk" / name, report):
            plan.truth.place(name, sheet, row_number, row)
    ground_truth = plan.truth.write(inbox / GROUND_TRUTH_NAME)
    counts = {**plan.counts, **{f"files_{source}": len(paths) for source, paths in files.items()}}
    return SampleYear(dict(files), ground_truth, counts, plan.truth.counts())


def plan_year(seed: int = 2025, tahun: int = 2025, kode_pemda: str = "99.01") -> YearPlan:
    """The year's files as jobs, with every defect in and marked in the ground truth
    (rows of the csv and the exports placed already; template rows once written)."""
    budget = build_budget(seed, tahun, kode_pemda)
    truth = GroundTruth()
    defects = Defects(seed, budget, truth)
    spending = defects.overspend(build_spending(budget, seed))
    cash = cash_plan(spending, seed)
    plan = YearPlan([], truth, {})
    for versi, version in budget.versions.items():
        plan.jobs.append(FileJob("rak", rak_file_name(tahun, versi), write_rak,
                                 (spending, version, cash[versi]),
                                 {"versi": versi, "tanggal_versi": version.tanggal_versi}))

    exports = build_exports(build_sp2d(spending, seed), budget.universe, seed)
    finance = FinanceDefects(defects, spending, exports)
    finance.inject()
    number_lines(exports)
    nama_pemda = budget.universe.nama_pemda
    for month in MONTHS:
        periode = {"periode": f"{tahun}-{month:02d}"}
        name = register_file_name(tahun, month)
        _place(truth, name, REGISTER_SHEET, FIRST_DATA_ROW, exports.register[month])
        plan.jobs.append(FileJob("sp2d", name, write_register,
                                 (exports.register[month], month_end(tahun, month)), periode))
        name = dokumen_file_name(tahun, month)
        _place(truth, name, DOKUMEN_SHEET, first_data_row(month), exports.lines[month])
        plan.jobs.append(FileJob("realisasi", name, write_month,
                                 (exports.lines[month], nama_pemda, tahun, month), periode))
    realisasi = ledger(exports, finance.counted)

    reports = build_reports(spending, realisasi, cash, seed)
    defects.rfk(reports)
    _plan_rfk(plan, reports, nama_pemda)
    sent = [r for r in reports.values() if r.diterima is not None]
    plan.counts = {
        "sp2d": sum(len(rows) for rows in exports.register.values()),
        "realisasi_lines": sum(len(lines) for lines in exports.lines.values()),
        "rfk_reports": len(sent),
        "rfk_forms": sum(1 for r in sent if r.layout != TEMPLATE),
        "rfk_late": sum(1 for r in sent if r.diterima > r.deadline),
        "rfk_missing": len(reports) - len(sent),
    }
    return plan


def _place(truth: GroundTruth, name: str, sheet: str, first_row: int, rows: list) -> None:
    for index, row in enumerate(rows):
        truth.place(name, sheet, first_row + index, row)


def _plan_rfk(plan: YearPlan, reports: dict[tuple[str, int], OpdMonth],
              nama_pemda: str) -> None:
    """Each sent report's workbook, uploaded for its month."""
    for (kode, month), report in sorted(reports.items()):
        if report.diterima is None:
            continue
        name = rfk_file_name(report)
        meta = {"kode_opd": kode, "periode": report.periode,
                "extra": {"diterima": report.diterima.isoformat()}}
        if report.layout == TEMPLATE:
            job = FileJob("rfk", name, write_template_report, (report, nama_pemda), meta)
            if any(plan.truth.wants(line) for line in report.lines):
                plan.templates_to_place.append((name, report))
        else:
            job = FileJob("rfk", name, write_opd_forms, (report, nama_pemda), meta, places=True)
        plan.jobs.append(job)
