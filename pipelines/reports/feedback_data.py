"""What an OPD's feedback workbook says, read from the warehouse and the suites.

The findings of one OPD and month, grouped as its reader acts on them:
- by whom the fix is made: the OPD corrects its own report (source `rfk`); a finding in
  an export of the finance system (SIPD-RI budget, cash plan, realization, SP2D register,
  LRA) is corrected there, by BPKAD, and re-exported;
- by rule, its message once: a rule about the whole report (meta.lingkup "laporan" in
  its suite: physical copied from financial, last month's report repeated, late,
  missing) is one line, whatever number of rows shows it; any other rule lists its rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pipelines.pemda import pemda_list
from pipelines.quality.findings import Finding, findings
from pipelines.quality.rule_meta import about_whole_report
from pipelines.warehouse import Warehouse

OPD_SOURCES = ("rfk",)  # the OPD's own monthly report; every other source is SIPD-RI's
OPD, BPKAD = "opd", "bpkad"


class FeedbackError(LookupError):
    pass


@dataclass(frozen=True)
class RuleFindings:
    rule_id: str
    severity: str
    message: str
    whole_report: bool
    found: tuple[Finding, ...]

    @property
    def count(self) -> int:
        return 1 if self.whole_report else len(self.found)

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys(f.source_file for f in self.found if f.source_file))


@dataclass(frozen=True)
class Feedback:
    kode_pemda: str
    nama_pemda: str
    kode_opd: str
    nama_opd: str  # '' when no budget names the OPD
    periode: str  # YYYY-MM
    by_addressee: dict[str, list[RuleFindings]]  # OPD / BPKAD -> errors first, by rule

    def count(self, addressee: str | None = None, severity: str | None = None) -> int:
        """Findings as the reader counts them: a rule about the whole report is one,
        whatever number of rows showed it."""
        return sum(group.count for name, groups in self.by_addressee.items()
                   if addressee in (None, name) for group in groups
                   if severity in (None, group.severity))


# The OPD, SKPD or sub unit, as the latest budget version of each pemda that has it
# names it.
OPD_SQL = """
select kode_pemda, (array_agg(nama order by tanggal_versi desc))[1]
from (
    select kode_pemda, nama_skpd as nama, tanggal_versi from staging.stg_anggaran__rekap5
    where kode_skpd = %(opd)s
    union all
    select kode_pemda, nama_sub_unit, tanggal_versi from staging.stg_anggaran__rekap5
    where kode_sub_unit = %(opd)s
) as units
where %(pemda)s::text is null or kode_pemda = %(pemda)s
group by kode_pemda order by kode_pemda
"""


def feedback_data(warehouse: Warehouse, kode_opd: str, periode: str,
                  kode_pemda: str | None = None) -> Feedback:
    """The OPD's findings of the month; an OPD no budget has and no finding names is
    refused (a mistyped code), as is one of several pemda without --pemda."""
    known = dict(warehouse.query(OPD_SQL, {"opd": kode_opd, "pemda": kode_pemda}))
    found = findings(warehouse, kode_opd=kode_opd, periode=periode, kode_pemda=kode_pemda)
    pemdas = sorted(set(known) | {f.kode_pemda for f in found if f.kode_pemda})
    if not pemdas:
        where = f" di pemda / in pemda {kode_pemda}" if kode_pemda else ""
        raise FeedbackError(
            f"OPD {kode_opd} tidak ada di anggaran mana pun{where} dan tidak punya temuan / "
            "no budget has that OPD code and no finding names it: periksa kodenya / check "
            "the code (daftar OPD / the OPDs: marts.dim_opd)")
    if len(pemdas) > 1:
        raise FeedbackError(
            f"OPD {kode_opd} ada di beberapa pemda / in several pemda: {', '.join(pemdas)}; "
            "pilih dengan / choose with --pemda")
    pemda = pemdas[0]
    listed = pemda_list().get(pemda)
    return Feedback(
        kode_pemda=pemda,
        nama_pemda=listed.nama if listed else f"Pemda {pemda}",
        kode_opd=kode_opd,
        nama_opd=known.get(pemda) or "",
        periode=periode,
        by_addressee=group_findings(found),
    )


def group_findings(found: list[Finding]) -> dict[str, list[RuleFindings]]:
    by_rule: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for finding in found:
        addressee = OPD if finding.source in OPD_SOURCES else BPKAD
        by_rule[(addressee, finding.severity, finding.rule_id)].append(finding)
    grouped: dict[str, list[RuleFindings]] = {OPD: [], BPKAD: []}
    for (addressee, severity, rule_id), rows in sorted(by_rule.items()):
        grouped[addressee].append(RuleFindings(
            rule_id=rule_id, severity=severity, message=rows[0].message,
            whole_report=about_whole_report(rule_id), found=tuple(rows)))
    return grouped
