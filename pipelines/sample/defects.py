"""Known defects of the sample year, injected at chosen places, and the ground truth that
lists every one (inbox/.ground_truth.csv: hidden, the inbox loader skips dot-files).

They are data defects, for the quality checks to find: every file still reads. Each row
of the ground truth names the source, file, sheet and row (as the spreadsheet shows it;
empty for a file-level defect), the OPD, the month (YYYY-MM) and one of these kinds:

  realization_above_budget_line          realisasi: a document line of an account line whose
                                         realization to the month's end is above its pagu
                                         in force
  realization_above_budget_sub_kegiatan  rfk: a row's realisasi above its pagu
  budget_differs_from_dpa                rfk: PAGU that is not the budget in force in SIPD
                                         (the OPD kept the murni DPA's after a pergeseran)
  realization_decreasing                 rfk: cumulative realization below the previous
                                         month's (legitimate after a correction)
  physical_out_of_range                  rfk: physical % below 0 or above 100
  physical_equals_financial              rfk, file: physical % = financial % on every row
  values_carried_forward                 rfk, file: every row's realization (financial and
                                         physical) unchanged from the previous month
  physical_far_behind_financial          rfk: physical % (within 0..100) more than FAR_POINTS
                                         below the financial %
  physical_far_ahead_of_financial        rfk: physical % (within 0..100) more than FAR_POINTS
                                         above the financial %
  malformed_code                         rfk: a sub kegiatan code not 9.99.99.9.99.9999
  unknown_code                           realisasi: an account code, rfk: a well-formed sub
                                         kegiatan code, of no budget version of the year
  name_disagrees_with_code               rfk: a name that belongs to another code (spacing,
                                         case and line breaks are drift, not this)
  name_matches_no_sub_kegiatan           rfk: a row of a form (named, not coded) whose name is
                                         no sub kegiatan of its OPD's budget (mistyped)
  duplicate_row                          realisasi, rfk: a row repeated; the copy is listed
  subtotal_row_as_data                   rfk: a subtotal the reader takes for data: in a
                                         form, a kegiatan row above its sub kegiatan, named
                                         as the kegiatan and carrying their sums
  empty_or_zero_budget_with_spending     rfk: PAGU empty, '-' or 0 on a row with realization
  report_late                            rfk, file: received after the deadline (sidecar
                                         extra "diterima"; due by the 10th of the next month)
  report_missing                         rfk, file: no report from the OPD for the month
                                         (file empty: there is none)
  realization_disagrees_with_finance     rfk: realisasi keuangan other than the finance
                                         system's for the OPD's sub kegiatan that month
  realization_on_unpaid_sp2d             realisasi: a document line paid by an SP2D the BUD's
                                         register of its month does not have
  sp2d_paid_not_realized                 sp2d: an LS SP2D of the register that no document
                                         line carries
  sp2d_bruto_differs                     sp2d: a register Bruto other than the Nilai SP2D its
                                         document lines state
  skpd_name_unmatched                    sp2d: a register SKPD name no SKPD of the budget has
                                         (its first row in the file)
  negative_correction                    realisasi: a document line with negative realization
                                         (a correction, counted: shown for review)

Where the finance system is wrong (overspending), the rows that show it are found by
scanning the exports, so the ground truth lists every row that shows a kind, including
where one injected mistake shows in several months or in the OPD reports. The finance
exports' defects are put in by defects_finance.py.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from pipelines.rfk_template import SHEET_NAME as TEMPLATE_SHEET
from pipelines.sample.budget import Budget
from pipelines.sample.rfk_reports import (
    FORM,
    TEMPLATE,
    OpdMonth,
    ReportLine,
    SubtotalRow,
    percent,
    rfk_file_name,
)
from pipelines.sample.spending import (
    PURCHASE,
    ROUTINE,
    Account,
    AccountSpending,
    Spending,
)
from pipelines.sample.universe import Kegiatan, stream

GROUND_TRUTH_NAME = ".ground_truth.csv"
COLUMNS = ("source", "file", "sheet", "row_number", "kode_opd", "periode", "kind", "detail")
FAR_POINTS = 40

ABOVE_LINE = "realization_above_budget_line"
ABOVE_SUB_KEGIATAN = "realization_above_budget_sub_kegiatan"
BUDGET_DIFFERS = "budget_differs_from_dpa"
DECREASING = "realization_decreasing"
OUT_OF_RANGE = "physical_out_of_range"
EQUALS_FINANCIAL = "physical_equals_financial"
CARRIED_FORWARD = "values_carried_forward"
FAR_BEHIND = "physical_far_behind_financial"
FAR_AHEAD = "physical_far_ahead_of_financial"
MALFORMED_CODE = "malformed_code"
UNKNOWN_CODE = "unknown_code"
NAME_DISAGREES = "name_disagrees_with_code"
NAME_UNMATCHED = "name_matches_no_sub_kegiatan"
DUPLICATE = "duplicate_row"
SUBTOTAL_AS_DATA = "subtotal_row_as_data"
EMPTY_BUDGET = "empty_or_zero_budget_with_spending"
LATE = "report_late"
MISSING = "report_missing"
DISAGREES_FINANCE = "realization_disagrees_with_finance"
UNPAID_SP2D = "realization_on_unpaid_sp2d"
PAID_NOT_REALIZED = "sp2d_paid_not_realized"
BRUTO_DIFFERS = "sp2d_bruto_differs"
SKPD_UNMATCHED = "skpd_name_unmatched"
NEGATIVE_CORRECTION = "negative_correction"
KINDS = (ABOVE_LINE, ABOVE_SUB_KEGIATAN, BUDGET_DIFFERS, DECREASING, OUT_OF_RANGE,
         EQUALS_FINANCIAL, CARRIED_FORWARD, FAR_BEHIND, FAR_AHEAD, MALFORMED_CODE, UNKNOWN_CODE,
         NAME_DISAGREES, NAME_UNMATCHED, DUPLICATE, SUBTOTAL_AS_DATA, EMPTY_BUDGET, LATE,
         MISSING, DISAGREES_FINANCE, UNPAID_SP2D, PAID_NOT_REALIZED, BRUTO_DIFFERS,
         SKPD_UNMATCHED, NEGATIVE_CORRECTION)


def rupiah(amount) -> str:
    return f"Rp {int(amount):,}".replace(",", ".")


def fold_name(nama: str) -> str:
    """A name as raw.fold_name folds the sample's (case, spaces and punctuation away; they
    have no '&', 'By.' or 'Kab' for it to spell out): how a form's row is matched to its
    sub kegiatan, and known from one month to the next."""
    return re.sub(r"[^A-Z0-9]", "", nama.upper())


# --- The ground truth ---------------------------------------------------------------------


@dataclass
class Mark:
    source: str
    kind: str
    kode_opd: str
    periode: str
    detail: str
    target: object | None = None  # the row's object, for a row-level defect
    file: str = ""  # for a file-level defect
    sheet: str = ""


class GroundTruth:
    """Marks defects on row objects before the files are written; the writers then say
    where each marked row landed (one row may land in several files and sheets)."""

    def __init__(self):
        self.marks: list[Mark] = []
        self._targets: set[int] = set()
        self._placed: dict[int, list[tuple[str, str, int]]] = defaultdict(list)

    def mark(self, source: str, kind: str, kode_opd: str, periode: str, detail: str, *,
             target: object | None = None, file: str = "", sheet: str = "") -> None:
        self.marks.append(Mark(source, kind, kode_opd, periode, detail, target, file, sheet))
        if target is not None:
            self._targets.add(id(target))

    def wants(self, row: object) -> bool:
        return id(row) in self._targets

    def place(self, file: str, sheet: str, row_number: int, row: object) -> None:
        if id(row) in self._targets:
            self._placed[id(row)].append((file, sheet, row_number))

    def rows(self) -> list[tuple]:
        rows = []
        for mark in self.marks:
            if mark.target is None:
                rows.append((mark.source, mark.file, mark.sheet, "", mark.kode_opd, mark.periode,
                             mark.kind, mark.detail))
                continue
            places = self._placed.get(id(mark.target))
            if not places:
                raise RuntimeError(f"{mark.kind} ({mark.detail}) was never written")
            rows += [(mark.source, file, sheet, row_number, mark.kode_opd, mark.periode,
                      mark.kind, mark.detail) for file, sheet, row_number in places]
        return sorted(set(rows), key=lambda r: (r[0], r[1], r[2], r[3] or 0, r[6], r[7]))

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(KINDS, 0)
        for row in self.rows():
            counts[row[6]] += 1
        return counts

    def write(self, path: Path) -> Path:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(self.rows())
        return path


# --- Injection ------------------------------------------------------------------------------


class Defects:
    """Chooses where each defect goes (from its own random stream) and puts it there."""

    def __init__(self, seed: int, budget: Budget, truth: GroundTruth):
        self.rng = stream(seed, "defects")
        self.budget = budget
        self.tahun = budget.universe.tahun
        self.truth = truth
        self.touched: set[Account] = set()  # accounts given a finance-system defect

    def periode(self, month: int) -> str:
        return f"{self.tahun}-{month:02d}"

    # The finance system ----------------------------------------------------------------

    def overspend(self, spending: Spending) -> Spending:
        """Five accounts paid past their budget late in the year: three alone in their
        sub kegiatan (so it overspends too), two beside accounts with room to spare."""
        accounts = dict(spending.accounts)
        per_sub: dict[tuple[str, str], list[AccountSpending]] = defaultdict(list)
        for spent in accounts.values():
            per_sub[spent.account[:2]].append(spent)
        candidates = [s for s in accounts.values()
                      if s.pattern in (ROUTINE, PURCHASE) and s.anggaran[-1] >= 20_000_000
                      and len(set(s.anggaran[7:])) == 1 and s.cumulative(12) > 0]
        alone = [s for s in candidates if len(per_sub[s.account[:2]]) == 1]
        shared = [s for s in candidates if len(per_sub[s.account[:2]]) >= 3]
        for spent in self.rng.sample(alone, 3) + self.rng.sample(shared, 2):
            month = self.rng.choice((8, 10, 11, 12, 12))
            over = round(spent.anggaran[month - 1] * self.rng.uniform(0.03, 0.1))
            paid = list(spent.paid)
            paid[month - 1] += spent.anggaran[month - 1] + over - spent.cumulative(month)
            paid[month:] = [0] * (12 - month)
            accounts[spent.account] = replace(spent, paid=tuple(paid))
            self.touched.add(spent.account)
        return replace(spending, accounts=accounts)

    # The OPD reports ---------------------------------------------------------------------

    def rfk(self, reports: dict[tuple[str, int], OpdMonth]) -> None:
        """Put the OPD reports' defects in."""
        rfk = _RfkDefects(self, reports)
        rfk.inject()
        rfk.scan()


class _RfkDefects:
    """The OPD reports' defects: each row- or file-level one in an OPD-month of its own."""

    def __init__(self, defects: Defects, reports: dict[tuple[str, int], OpdMonth]):
        self.defects, self.rng, self.truth = defects, defects.rng, defects.truth
        self.reports = reports
        self.tahun = defects.tahun
        self.used: set[tuple[str, int]] = set()  # OPD-months given a defect already
        budget = defects.budget
        self.known_codes = {line.sub_kegiatan.kode for version in budget.versions.values()
                            for line in version.lines}
        self.known_codes |= {w.sub_kegiatan.kode for w in budget.universe.sub_kegiatan}
        self.murni: dict[tuple[str, str], int] = defaultdict(int)
        for line in budget.versions["murni"].lines:
            self.murni[line.sub_unit.skpd.kode, line.sub_kegiatan.kode] += line.pagu
        # Each OPD's names of its sub kegiatan, and of every level a form's row could be
        # named after (kegiatan, program), folded as rows are matched by them.
        self.sub_kegiatan_names: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, set[str]] = defaultdict(set)
        for version in budget.versions.values():
            for line in version.lines:
                sub, kode = line.sub_kegiatan, line.sub_unit.skpd.kode
                self.sub_kegiatan_names[kode].add(fold_name(sub.nama))
                self.names[kode] |= {fold_name(sub.nama), fold_name(sub.kegiatan.nama),
                                     fold_name(sub.program.nama)}

    def mark(self, report: OpdMonth, kind: str, detail: str, target=None, file: str = "",
             sheet: str = "") -> None:
        self.truth.mark("rfk", kind, report.skpd.kode, report.periode, detail, target=target,
                        file=file, sheet=sheet)

    def pool(self, layouts: tuple[str, ...], months=range(2, 13)) -> list[OpdMonth]:
        return [r for (kode, month), r in self.reports.items()
                if r.layout in layouts and month in months and (kode, month) not in self.used
                and r.diterima is not None and r.lines]

    def take(self, layouts: tuple[str, ...], months=range(2, 13),
             accept: Callable[[OpdMonth], bool] = lambda r: True) -> OpdMonth:
        report = self.rng.choice([r for r in self.pool(layouts, months) if accept(r)])
        self.used.add((report.skpd.kode, report.month))
        return report

    def pick_row(self, report: OpdMonth, accept: Callable[[ReportLine], bool]) -> int:
        return self.rng.choice([i for i, line in enumerate(report.lines)
                                if isinstance(line.pagu, Decimal) and line.pagu > 0
                                and accept(line)])

    def inject(self) -> None:
        missing = self.take((TEMPLATE,), range(4, 11))
        missing.diterima = None
        self.mark(missing, MISSING, "OPD tidak mengirim laporan RFK bulan ini")
        self._late()
        for _ in range(3):
            self._equals_financial(self.take((TEMPLATE,), range(3, 12)))
        for _ in range(3):
            self._carried_forward(self.take((TEMPLATE,), range(3, 12), self._same_as_previous))
        for value in (Decimal("104.50"), Decimal(120), Decimal(250), Decimal(-5)):
            self._physical(self.take((TEMPLATE,)), OUT_OF_RANGE,
                           lambda line, value=value: value)
        # "85,50" typed without its comma, in a form
        self._physical(self.take((FORM,)), OUT_OF_RANGE, lambda line: Decimal(8550))
        for _ in range(4):
            self._physical(self.take((TEMPLATE,), accept=self._has(lambda f: 1 <= f <= 40)),
                           FAR_AHEAD, lambda line: min(Decimal(100), _financial(line)
                                                       + Decimal(self.rng.randint(45, 60))))
        for _ in range(4):
            self._physical(self.take((TEMPLATE,), accept=self._has(lambda f: f >= 60)),
                           FAR_BEHIND, lambda line: percent(float(
                               _financial(line) - self.rng.randint(45, 55))))
        for variant in range(4):
            self._malformed_code(self.take((TEMPLATE,)), variant)
        for _ in range(3):
            self._unknown_code(self.take((TEMPLATE,)))
        for _ in range(3):
            self._misnamed(self.take((TEMPLATE,), accept=lambda r: len(r.lines) >= 2))
        self._duplicate(self.take((TEMPLATE,)))
        self._duplicate(self.take((FORM,)))
        for _ in range(5):
            self._disagrees_with_finance(self.take((TEMPLATE,), accept=self._grew))
        # the DPA's budget is compared by code: a form's rows, named, cannot show it
        for _ in range(5):
            self._budget_differs(self.take((TEMPLATE,), accept=self._has_stale_pagu))
        for blank in (None, "-", Decimal(0)):
            self._empty_budget(self.take((FORM,), range(2, 12)), blank)
        for _ in range(2):
            self._subtotal_as_data(self.take((FORM,), range(2, 12), self._has_kegiatan_row))
        for _ in range(2):
            self._mistyped(self.take((FORM,), range(2, 12)))

    # file-level -----------------------------------------------------------------------

    def _late(self) -> None:
        for report in self.rng.sample(self.pool((TEMPLATE, FORM), range(1, 12)), 5):
            report.diterima = report.deadline + timedelta(days=self.rng.randint(3, 25))
            self.mark(report, LATE, f"diterima {report.diterima.isoformat()}, batas "
                      f"{report.deadline.isoformat()}", file=rfk_file_name(report))

    def _equals_financial(self, report: OpdMonth) -> None:
        report.lines = [line.copy(realisasi_fisik=_financial(line)) for line in report.lines]
        self.mark(report, EQUALS_FINANCIAL, "realisasi fisik disalin dari persentase keuangan "
                  "di semua baris", file=rfk_file_name(report), sheet=TEMPLATE_SHEET)

    def _same_as_previous(self, report: OpdMonth) -> bool:
        """Whether last month's report was sent, untouched, with the same rows and budgets
        and other realization than this month's (carrying it forward changes that alone)."""
        previous = self.reports.get((report.skpd.kode, report.month - 1))
        return (previous is not None and previous.diterima is not None
                and (report.skpd.kode, report.month - 1) not in self.used
                and [(l.kode_sub_kegiatan, l.pagu) for l in previous.lines]
                == [(l.kode_sub_kegiatan, l.pagu) for l in report.lines]
                and any(a.realisasi_keuangan != b.realisasi_keuangan
                        for a, b in zip(previous.lines, report.lines)))

    def _carried_forward(self, report: OpdMonth) -> None:
        previous = self.reports[report.skpd.kode, report.month - 1]
        self.used.add((report.skpd.kode, report.month - 1))  # copied: keep it as it was
        report.lines = [line.copy(realisasi_keuangan=before.realisasi_keuangan,
                                  realisasi_fisik=before.realisasi_fisik,
                                  permasalahan=before.permasalahan,
                                  tindak_lanjut=before.tindak_lanjut, pihak=before.pihak)
                        for line, before in zip(report.lines, previous.lines)]
        self.mark(report, CARRIED_FORWARD, "realisasi keuangan dan fisik sama persis dengan "
                  "bulan lalu di semua baris", file=rfk_file_name(report), sheet=TEMPLATE_SHEET)

    # row-level ------------------------------------------------------------------------

    def _replace(self, report: OpdMonth, index: int, line: ReportLine, kind: str,
                 detail: str) -> None:
        report.lines[index] = line
        self.mark(report, kind, f"{line.kode_sub_kegiatan}: {detail}", target=line)

    def _has(self, financial: Callable[[Decimal], bool]) -> Callable[[OpdMonth], bool]:
        return lambda report: any(isinstance(l.pagu, Decimal) and l.pagu > 0
                                  and financial(_financial(l)) for l in report.lines)

    def _physical(self, report: OpdMonth, kind: str, physical) -> None:
        accept = {FAR_AHEAD: lambda l: 1 <= _financial(l) <= 40,
                  FAR_BEHIND: lambda l: _financial(l) >= 60}.get(kind, lambda l: True)
        index = self.pick_row(report, accept)
        line = report.lines[index]
        fisik = physical(line)
        self._replace(report, index, line.copy(realisasi_fisik=fisik), kind,
                      f"fisik {fisik}%, keuangan {_financial(line)}%")

    def _malformed_code(self, report: OpdMonth, variant: int) -> None:
        index = self.pick_row(report, lambda l: True)
        line = report.lines[index]
        parts = line.kode_sub_kegiatan.split(".")
        bad = (".".join(parts[:3] + ["0" + parts[3]] + parts[4:]),  # 1.01.01.02.01.0001
               ".".join(parts[:5] + [parts[5][1:]]),  # a digit short
               ".".join(parts[:2]) + parts[2] + "." + ".".join(parts[3:]),  # a dot lost
               line.kode_sub_kegiatan.replace(".", ",", 1))[variant]  # a comma for a dot
        self._replace(report, index, line.copy(kode_sub_kegiatan=bad), MALFORMED_CODE,
                      f"kode tidak berpola 9.99.99.9.99.9999 (seharusnya {line.kode_sub_kegiatan})")

    def _unknown_code(self, report: OpdMonth) -> None:
        index = self.pick_row(report, lambda l: True)
        line = report.lines[index]
        stem = line.kode_sub_kegiatan.rsplit(".", 1)[0]
        number = next(n for n in range(int(line.kode_sub_kegiatan[-4:]) + 40, 10_000)
                      if f"{stem}.{n:04d}" not in self.known_codes)
        code = f"{stem}.{number:04d}"
        self._replace(report, index, line.copy(kode_sub_kegiatan=code), UNKNOWN_CODE,
                      f"kode tidak ada di anggaran {self.tahun} (seharusnya "
                      f"{line.kode_sub_kegiatan})")

    def _misnamed(self, report: OpdMonth) -> None:
        index = self.pick_row(report, lambda l: True)
        line = report.lines[index]
        other = self.rng.choice([l.nama_sub_kegiatan for l in report.lines
                                 if l.nama_sub_kegiatan != line.nama_sub_kegiatan])
        self._replace(report, index, line.copy(nama_sub_kegiatan=other), NAME_DISAGREES,
                      f"nama '{other}' milik sub kegiatan lain")

    def _duplicate(self, report: OpdMonth) -> None:
        index = self.pick_row(report, lambda l: True)
        copy = report.lines[index].copy()
        report.lines.insert(index + 1, copy)
        self.mark(report, DUPLICATE, f"{copy.kode_sub_kegiatan}: baris tercantum dua kali",
                  target=copy)

    def _grew(self, report: OpdMonth) -> bool:
        previous = self._previous_values(report)
        return any(line.realisasi_keuangan - previous.get(line.kode_sub_kegiatan, 0)
                   >= 5_000_000 for line in report.lines)

    def _previous_values(self, report: OpdMonth) -> dict[str, Decimal]:
        previous = self.reports.get((report.skpd.kode, report.month - 1))
        return {l.kode_sub_kegiatan: l.realisasi_keuangan for l in previous.lines}

    def _disagrees_with_finance(self, report: OpdMonth) -> None:
        """The OPD reports what it had paid some days before the month's end: less than
        the finance system, not less than last month."""
        previous = self._previous_values(report)
        index = self.pick_row(report, lambda l: l.realisasi_keuangan
                              - previous.get(l.kode_sub_kegiatan, 0) >= 5_000_000)
        line = report.lines[index]
        before = previous.get(line.kode_sub_kegiatan, Decimal(0))
        step = (line.realisasi_keuangan - before) * Decimal(self.rng.uniform(0.3, 0.7))
        reported = before + (step // 1_000_000) * 1_000_000
        self._replace(report, index, line.copy(realisasi_keuangan=reported), DISAGREES_FINANCE,
                      f"realisasi dilaporkan {rupiah(reported)}, sistem keuangan "
                      f"{rupiah(line.realisasi_keuangan)}")

    def _has_stale_pagu(self, report: OpdMonth) -> bool:
        return any(self._stale_pagu(report, line) for line in report.lines
                   if isinstance(line.pagu, Decimal) and line.pagu > 0)

    def _stale_pagu(self, report: OpdMonth, line: ReportLine) -> Decimal | None:
        """The pagu of the murni DPA where it differs and still covers the realization."""
        pagu = self.murni.get((report.skpd.kode, line.kode_sub_kegiatan), 0)
        if pagu != line.pagu and pagu > line.realisasi_keuangan:
            return Decimal(pagu)
        return None

    def _budget_differs(self, report: OpdMonth) -> None:
        index = self.pick_row(report, lambda l: self._stale_pagu(report, l) is not None)
        line = report.lines[index]
        stale = self._stale_pagu(report, line)
        self._replace(report, index, line.copy(pagu=stale), BUDGET_DIFFERS,
                      f"pagu {rupiah(stale)} (DPA murni), anggaran berlaku {rupiah(line.pagu)}")

    def _empty_budget(self, report: OpdMonth, blank) -> None:
        index = self.pick_row(report, lambda l: l.realisasi_keuangan > 0)
        line = report.lines[index]
        shown = "kosong" if blank is None else repr(str(blank))
        self._replace(report, index, line.copy(pagu=blank), EMPTY_BUDGET,
                      f"pagu {shown}, realisasi {rupiah(line.realisasi_keuangan)}")

    def _kegiatan_rows(self, report: OpdMonth) -> list[tuple[str, list[ReportLine]]]:
        """The kegiatan of a form's lines that an OPD could write a row for above its sub
        kegiatan: two or more of them, and a name none of its sub kegiatan has."""
        by_kegiatan: dict[Kegiatan, list[ReportLine]] = defaultdict(list)
        for line in report.lines:
            by_kegiatan[report.kegiatan[line.kode_sub_kegiatan].kegiatan].append(line)
        own = self.sub_kegiatan_names[report.skpd.kode]
        return [(kegiatan.nama, lines) for kegiatan, lines in by_kegiatan.items()
                if len(lines) >= 2 and fold_name(kegiatan.nama) not in own
                and all(isinstance(line.pagu, Decimal) for line in lines)]

    def _has_kegiatan_row(self, report: OpdMonth) -> bool:
        return bool(self._kegiatan_rows(report))

    def _subtotal_as_data(self, report: OpdMonth) -> None:
        """A kegiatan row above its sub kegiatan, named as the kegiatan and carrying their
        sums: a form writes no codes, so the reader takes it for a line."""
        nama, summed = self.rng.choice(self._kegiatan_rows(report))
        row = SubtotalRow(report.lines.index(summed[0]), nama, summed)
        report.subtotals.append(row)
        self.mark(report, SUBTOTAL_AS_DATA, f"baris kegiatan '{nama}' menjumlahkan "
                  f"{len(summed)} sub kegiatan", target=row)

    def _mistyped(self, report: OpdMonth) -> None:
        """A sub kegiatan's name typed with a letter missing: the name of no budget line
        (nothing is guessed from a name that does not match)."""
        names = self.names[report.skpd.kode]
        index = self.pick_row(report, lambda l: fold_name(_mistyped(l.nama_sub_kegiatan))
                              not in names)
        line = report.lines[index]
        typed = _mistyped(line.nama_sub_kegiatan)
        self._replace(report, index, line.copy(nama_sub_kegiatan=typed), NAME_UNMATCHED,
                      f"nama '{typed}' bukan sub kegiatan OPD (seharusnya "
                      f"'{line.nama_sub_kegiatan}')")

    # scanning -------------------------------------------------------------------------

    def scan(self) -> None:
        """Mark every sent row above its pagu, or below the realization last reported for
        its sub kegiatan in an earlier month (a form's row known by its name, as it has no
        code)."""
        last: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for (kode, month), report in sorted(self.reports.items(), key=lambda p: (p[0][1], p[0][0])):
            if report.diterima is None:
                continue
            before, now = last[kode], {}
            for line in report.lines:
                keuangan = line.realisasi_keuangan
                key = (line.kode_sub_kegiatan if report.layout == TEMPLATE
                       else fold_name(line.nama_sub_kegiatan))
                if isinstance(line.pagu, Decimal) and 0 < line.pagu < keuangan:
                    self.mark(report, ABOVE_SUB_KEGIATAN, f"{line.kode_sub_kegiatan}: realisasi "
                              f"{rupiah(keuangan)} > pagu {rupiah(line.pagu)}", target=line)
                if keuangan < before.get(key, 0):
                    self.mark(report, DECREASING, f"{line.kode_sub_kegiatan}: realisasi turun "
                              f"dari {rupiah(before[key])} ke {rupiah(keuangan)}", target=line)
                now.setdefault(key, keuangan)
            last[kode] = {**before, **now}


def _mistyped(nama: str) -> str:
    """nama with the middle letter of its longest word left out."""
    words = nama.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    words[longest] = word[:len(word) // 2] + word[len(word) // 2 + 1:]
    return " ".join(words)


def _financial(line: ReportLine) -> Decimal:
    return percent(float(line.realisasi_keuangan / line.pagu * 100))


