"""Defects of the finance system's exports in the sample year (the per-document realization
and the BUD's register of SP2D), put in at chosen places and marked in the ground truth
(defects.py lists the kinds).

Mistakes put in: SP2D the BUD never paid carried by document lines, SP2D paid that no
document line carries, a register Bruto other than the Nilai SP2D of its lines, an SKPD
name of the register that matches no SKPD, a TBP posted to the wrong account and
corrected the next month by a negative line, lines with an account no budget has, lines
exported twice. Then every line that shows overspending (the spending model's, see
Defects.overspend, or a mistake's) is found by scanning the lines as the rule sees them.
"""

from __future__ import annotations

from collections import defaultdict

from pipelines.sample import defects as kinds
from pipelines.sample.budget import Budget
from pipelines.sample.documents import TBP, DocumentLine, FinanceExports, RegisterRow
from pipelines.sample.orders import LS, working_days
from pipelines.sample.spending import MONTHS, Account, Spending, account_pagu, version_in_force

SP2D, REALISASI = "sp2d", "realisasi"


class FinanceDefects:
    """Puts the finance exports' defects in; `counted` tells the lines the cross-source
    rules count (a business key once)."""

    def __init__(self, defects: kinds.Defects, spending: Spending, exports: FinanceExports):
        self.rng, self.truth = defects.rng, defects.truth
        self.touched: set[Account] = defects.touched  # accounts given a defect already
        self.periode = defects.periode
        self.spending, self.exports = spending, exports
        self.budget: Budget = spending.budget
        self.tahun = self.budget.universe.tahun
        self._copies: set[int] = set()
        self._used_sp2d: set[str] = set()

    def counted(self, line: DocumentLine) -> bool:
        return id(line) not in self._copies

    def inject(self) -> None:
        for month in self._months(2):
            self._unpaid_sp2d(month)
        for month in self._months(2):
            self._paid_not_realized(month)
        self._bruto_differs(self._months(1)[0])
        self._skpd_name_unmatched(self._months(1)[0])
        for month in self.rng.sample(range(2, 11), 2):
            self._misposted_and_corrected(month)
        for month in self._months(2):
            self._unknown_account(month)
        for month in self._months(3):
            self._duplicate(month)
        self._scan_overspending()

    def _months(self, count: int) -> list[int]:
        return self.rng.sample(range(2, 13), count)

    # The register against the documents -------------------------------------------------

    def _ls_sp2d(self, month: int) -> RegisterRow:
        """An LS SP2D of the month not yet used, whose accounts carry no defect."""
        accounts = defaultdict(set)
        for line in self.exports.lines[month]:
            if line.cells.get("nomor_sp2d"):
                accounts[line.cells["nomor_sp2d"]].add(line.account)
        row = self.rng.choice([r for r in self.exports.register[month]
                               if r.jenis_sp2d == LS and r.nomor_sp2d not in self._used_sp2d
                               and not accounts[r.nomor_sp2d] & self.touched])
        self._used_sp2d.add(row.nomor_sp2d)
        self.touched.update(accounts[row.nomor_sp2d])
        return row

    def _lines_of(self, month: int, nomor_sp2d: str) -> list[DocumentLine]:
        return [line for line in self.exports.lines[month]
                if line.cells.get("nomor_sp2d") == nomor_sp2d]

    def _unpaid_sp2d(self, month: int) -> None:
        """An SP2D the register of its month does not have: its lines are realization
        the treasury never paid."""
        row = self._ls_sp2d(month)
        self.exports.register[month].remove(row)
        for line in self._lines_of(month, row.nomor_sp2d):
            self.truth.mark(REALISASI, kinds.UNPAID_SP2D, row.kode_skpd, self.periode(month),
                            f"SP2D {row.nomor_sp2d} ({kinds.rupiah(row.bruto)}) tidak ada di "
                            f"register SP2D BUD bulan ini", target=line)

    def _paid_not_realized(self, month: int) -> None:
        """An SP2D the BUD paid whose document lines the export left out."""
        row = self._ls_sp2d(month)
        for line in self._lines_of(month, row.nomor_sp2d):
            self.exports.lines[month].remove(line)
        self.truth.mark(SP2D, kinds.PAID_NOT_REALIZED, row.kode_skpd, self.periode(month),
                        f"SP2D LS {row.nomor_sp2d} dicairkan {kinds.rupiah(row.bruto)} tanpa "
                        f"baris di Laporan Realisasi Per Dokumen", target=row)

    def _bruto_differs(self, month: int) -> None:
        """A register Bruto typed a million off the SP2D its lines state."""
        row = self._ls_sp2d(month)
        stated = row.bruto
        row.bruto += 1_000_000
        self.truth.mark(SP2D, kinds.BRUTO_DIFFERS, row.kode_skpd, self.periode(month),
                        f"SP2D {row.nomor_sp2d}: Bruto {kinds.rupiah(row.bruto)}, Nilai SP2D di "
                        f"Laporan Realisasi {kinds.rupiah(stated)}", target=row)

    def _skpd_name_unmatched(self, month: int) -> None:
        """One SKPD's rows of a month's register under its name shortened to initials
        (no SKPD of the budget is called so); the first row is the finding."""
        rows = self.exports.register[month]
        skpd = self.rng.choice(sorted({r.nama_skpd for r in rows if len(r.nama_skpd.split()) >= 3}))
        first, *rest = skpd.split()
        short = f"{first} {''.join(word[0] for word in rest if word[0].isupper())}"
        mine = [r for r in rows if r.nama_skpd == skpd]
        for row in mine:
            row.nama_skpd = short
        self.truth.mark(SP2D, kinds.SKPD_UNMATCHED, mine[0].kode_skpd, self.periode(month),
                        f"nama SKPD '{short}' ({skpd}) tidak cocok dengan SKPD anggaran",
                        target=mine[0])

    # The document lines ------------------------------------------------------------------

    def _room(self, account: Account, month: int, amount: int) -> bool:
        """Whether the account's budget in force takes amount more from month to December."""
        spent = self.spending.accounts[account]
        return all(spent.cumulative(m) + amount <= spent.anggaran[m - 1]
                   for m in range(month, 13))

    def _pick(self, month: int, accept=lambda line: True) -> DocumentLine:
        return self.rng.choice([line for line in self.exports.lines[month]
                                if line.account not in self.touched and line.realisasi > 0
                                and accept(line)])

    def _misposted_and_corrected(self, month: int) -> None:
        """A TBP line posted to an account of another sub kegiatan of its unit, corrected
        in the next month's export: a negative line on the wrong account, the right one
        again (the other sub kegiatan's realization goes down that month)."""
        of_unit = defaultdict(list)
        next_month = defaultdict(int)  # what each OPD's sub kegiatan pays the next month
        for account, spent in self.spending.accounts.items():
            of_unit[account[0]].append(account)
            next_month[spent.skpd.kode, account[1]] += spent.paid[month]

        def wrong_account(line: DocumentLine) -> Account | None:
            return next((other for other in of_unit[line.account[0]]
                         if other[1] != line.account[1] and other not in self.touched
                         and next_month[line.cells["kode_skpd"], other[1]] < line.realisasi
                         and self._room(other, month, line.realisasi)), None)

        line = self._pick(month, lambda l: l.cells["jenis_dokumen"] == TBP
                          and wrong_account(l) is not None)
        right, wrong = line.account, wrong_account(line)
        self.touched.update((right, wrong))
        rekening = self.budget.universe.rekening
        sub_kegiatan = {where.sub_kegiatan.kode: where.sub_kegiatan.nama
                        for where in self.budget.universe.sub_kegiatan}
        line.account = wrong
        line.cells.update(kode_sub_kegiatan=wrong[1], nama_sub_kegiatan=sub_kegiatan[wrong[1]],
                          kode_rekening=wrong[2], nama_rekening=rekening[wrong[2]].nama)
        day = self.rng.choice(working_days(self.tahun, month + 1))
        nomor = line.cells["nomor_dokumen"] + "/KOREKSI"
        keterangan = (f"Koreksi salah posting {wrong[1]} {wrong[2]} ke {right[1]} "
                      f"{right[2]}")
        reversal = line.copy(nomor_dokumen=nomor, tanggal_dokumen=day,
                             nilai_realisasi=-line.realisasi, keterangan_dokumen=keterangan)
        reposted = line.copy(nomor_dokumen=nomor, tanggal_dokumen=day,
                             kode_sub_kegiatan=right[1], nama_sub_kegiatan=sub_kegiatan[right[1]],
                             kode_rekening=right[2], nama_rekening=rekening[right[2]].nama,
                             keterangan_dokumen=keterangan)
        reposted.account = right
        self.exports.lines[month + 1] += [reversal, reposted]
        self.truth.mark(REALISASI, kinds.NEGATIVE_CORRECTION, line.cells["kode_skpd"],
                        self.periode(month + 1),
                        f"{line.cells['nomor_dokumen']} {wrong[1]} {wrong[2]}: koreksi "
                        f"{kinds.rupiah(reversal.realisasi)}", target=reversal)

    def _unknown_account(self, month: int) -> None:
        """A line whose account code no budget version of the year has."""
        known = {account[2] for version in self.budget.versions.values()
                 for account in account_pagu(version)}
        line = self._pick(month)
        self.touched.add(line.account)
        stem = line.account[2].rsplit(".", 1)[0]
        code = next(f"{stem}.{n:04d}" for n in range(9999, 0, -1)
                    if f"{stem}.{n:04d}" not in known)
        line.cells["kode_rekening"] = code
        self.truth.mark(REALISASI, kinds.UNKNOWN_CODE, line.cells["kode_skpd"],
                        self.periode(month), f"{line.cells['nomor_dokumen']}: rekening {code} "
                        f"tidak ada di anggaran {self.tahun} (seharusnya {line.account[2]})",
                        target=line)

    def _duplicate(self, month: int) -> None:
        """A line exported twice, right under itself: counted once, the copy listed."""
        lines = self.exports.lines[month]
        line = self._pick(month, lambda l: self._room(l.account, month, l.realisasi))
        self.touched.add(line.account)
        copy = line.copy()
        lines.insert(lines.index(line) + 1, copy)
        self._copies.add(id(copy))
        self.truth.mark(REALISASI, kinds.DUPLICATE, line.cells["kode_skpd"], self.periode(month),
                        f"{line.cells['nomor_dokumen']} rekening {line.cells['kode_rekening']} "
                        f"tercantum dua kali: {kinds.rupiah(line.realisasi)} terhitung ganda",
                        target=copy)

    def _scan_overspending(self) -> None:
        """Every line of a month's export whose account line's realization to the month's
        end (every line written, as the rule adds them) is above its pagu in force."""
        cumulative: dict[tuple, int] = defaultdict(int)
        for month in MONTHS:
            for line in self.exports.lines[month]:
                cumulative[_written_account(line)] += line.realisasi
            pagu = account_pagu(version_in_force(self.budget, month))
            for line in self.exports.lines[month]:
                account = _written_account(line)
                if account in pagu and cumulative[account] > pagu[account]:
                    self.truth.mark(
                        REALISASI, kinds.ABOVE_LINE, line.cells["kode_skpd"],
                        self.periode(month), f"{' '.join(account)}: realisasi s.d. akhir bulan "
                        f"{kinds.rupiah(cumulative[account])} > pagu {kinds.rupiah(pagu[account])}",
                        target=line)


def _written_account(line: DocumentLine) -> Account:
    cells = line.cells
    return cells["kode_sub_skpd"], cells["kode_sub_kegiatan"], cells["kode_rekening"]
