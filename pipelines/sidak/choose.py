"""Which OPDs a sidak visits, and why: uniformly at random, reproducibly from a seed, or
the highest risk (marts.rpt_sidak_risiko, weights in the seed bobot_risiko_sidak)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from pipelines.reports.formatting import angka, rupiah_singkat
from pipelines.sidak.data import Candidate


@dataclass(frozen=True)
class Chosen:
    candidate: Candidate
    alasan: str  # why, Indonesian first


def choose_at_random(candidates: list[Candidate], n: int, seed: int) -> list[Chosen]:
    """n OPDs, each as likely as any other; the same seed and OPDs give the same choice
    (the OPDs are drawn from in code order, whatever order they came in)."""
    pool = sorted(candidates, key=lambda c: c.kode_opd)
    drawn = random.Random(seed).sample(pool, min(n, len(pool)))
    why = (f"dipilih acak dengan seed {seed}, {len(drawn)} dari {len(pool)} OPD berpeluang "
           f"sama / drawn at random")
    return [Chosen(c, f"{why}; risiko {angka(c.skor_risiko, 2)} (peringkat "
                      f"{c.peringkat_risiko}) untuk diketahui") for c in drawn]


def choose_by_risk(candidates: list[Candidate], n: int) -> list[Chosen]:
    """The n OPDs of the highest risk (the model's rank: ties go to the lower code)."""
    ranked = sorted(candidates, key=lambda c: c.peringkat_risiko)[:n]
    return [Chosen(c, risk_reason(c, len(candidates))) for c in ranked]


def risk_reason(c: Candidate, total: int) -> str:
    """'risiko 61,25, peringkat 1 dari 5: skor kualitas data 40,0 (bobot 3), ...' with the
    factors that weigh, the heaviest first."""
    parts = sorted(((c.bobot[name] * c.faktor[name], name) for name in c.faktor
                    if c.bobot[name] * c.faktor[name] > 0), reverse=True)
    said = "; ".join(f"{_factor_text(c, name)} (bobot {angka(c.bobot[name])})"
                     for _, name in parts) or "tidak ada faktor risiko"
    return (f"risiko {angka(c.skor_risiko, 2)}, peringkat {c.peringkat_risiko} dari {total} "
            f"/ risk rank {c.peringkat_risiko} of {total}: {said}")


def _factor_text(c: Candidate, name: str) -> str:
    if name == "kualitas_data":
        return f"skor kualitas data {angka(c.skor_kualitas or Decimal(0), 1)} dari 100"
    if name == "fisik_keuangan":
        return (f"fisik {angka(c.realisasi_fisik_persen, 1)}% vs keuangan "
                f"{angka(c.penyerapan_persen, 1)}%, selisih "
                f"{angka(abs(c.realisasi_fisik_persen - c.penyerapan_persen), 1)} poin")
    if name == "laporan_terlambat":
        return (f"laporan terlambat atau tidak masuk {c.bulan_terlambat} dari "
                f"{c.bulan_wajib} bulan")
    if name == "permasalahan_lama":
        return f"{c.permasalahan_terbuka} permasalahan masih terbuka sejak bulan lalu"
    return f"pagu {rupiah_singkat(c.pagu)} ({angka(c.faktor[name] * 100, 0)}% pagu OPD terbesar)"
