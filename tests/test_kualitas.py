"""The per-OPD data quality score, from the session run's reports (see conftest)."""

from datetime import date
from decimal import Decimal

from tests.conftest import OTHER_PEMDA
from tests.db import query

OPD = "1.02.0.00.0.00.01.0000"


def test_score_rewards_an_on_time_complete_valid_report_and_zeroes_a_missing_one(
        nightly_run, warehouse):
    # March's report states a pagu of Rp 1,000,000 for a sub kegiatan whose DPA holds
    # Rp 2,000,000: a warning (REL-002), the report's only finding.
    assert query(warehouse, """
        select rule_id, severity from quality.flags
        where kode_pemda = %s and kode_opd = %s and source = 'rfk'
            and periode = '2025-03-01'""",
                 (OTHER_PEMDA, OPD)) == [("REL-002", "warning")]
    rows = query(warehouse, """
        select bulan, is_laporan_ada, is_tepat_waktu, skor_tepat_waktu, skor_lengkap, skor_valid,
               skor_konsisten, skor_kualitas, peringkat
        from marts.fct_kualitas_data_opd
        where kode_pemda = %s and kode_opd = %s order by bulan""", (OTHER_PEMDA, OPD))
    hundred, zero = Decimal("100.0"), Decimal("0.0")
    assert rows == [
        # January and February are owed (the pemda reported up to March) and missing.
        (date(2025, 1, 1), False, False, zero, zero, zero, zero, zero, 1),
        (date(2025, 2, 1), False, False, zero, zero, zero, zero, zero, 1),
        # March: handed in 2025-04-08 (by the 10th), its one sub kegiatan, no error; the
        # budget that disagrees with the DPA costs the consistent part.
        (date(2025, 3, 1), True, True, hundred, hundred, hundred, zero, Decimal("75.0"), 1),
    ]


def test_error_rows_lower_the_valid_part(nightly_run, warehouse):
    [(laporan, salah, valid)] = query(warehouse, """
        select sum(baris_laporan), sum(baris_salah), min(skor_valid)
        from marts.fct_kualitas_data_opd where is_laporan_ada""")
    assert laporan > 0
    assert (salah == 0) == (valid == Decimal("100.0"))
