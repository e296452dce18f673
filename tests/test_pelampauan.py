"""Overspending (pelampauan) is judged against the budget in force and shown: the amount
counts in the marts, marked, and the early warning and the briefing name the OPD.

On the sample year (the session's nightly run), the account lines whose document lines
RLD-010 finds above the pagu in force carry their excess in fct_realisasi_bulanan's `pelampauan`; their OPD-months
carry the sum and are on the early warning list for it."""

from __future__ import annotations

import re

from decimal import Decimal

from tests.conftest import SAMPLE_PEMDA
from tests.db import query

OVERSPENT = """
    select mart.kode_skpd, mart.bulan, mart.kode_sub_unit, mart.kode_sub_kegiatan,
        mart.kode_rekening, mart.pagu, mart.realisasi_kumulatif, mart.pelampauan
    from quality.flags as flags
    join raw.realisasi_dokumen as dokumen using (file_id, sheet, row_number)
    join marts.fct_realisasi_bulanan as mart
        on mart.kode_pemda = flags.kode_pemda
        and mart.bulan = dokumen.periode
        and mart.kode_sub_unit = coalesce(dokumen.kode_sub_skpd, dokumen.kode_skpd)
        and mart.kode_sub_kegiatan = dokumen.kode_sub_kegiatan
        and mart.kode_rekening = dokumen.kode_rekening
    where flags.rule_id = 'RLD-010' and flags.kode_pemda = %s
"""


def test_an_overspent_line_counts_and_is_marked(nightly_run, warehouse):
    lines = query(warehouse, OVERSPENT, (SAMPLE_PEMDA,))
    assert lines  # the sample injects overspending
    for *_, pagu, realisasi, pelampauan in lines:
        # counted (not held back: RLD-010 is a warning), and its excess marked
        assert realisasi > pagu and pelampauan == realisasi - pagu
    assert query(warehouse, """
        select count(*) from marts.fct_realisasi_bulanan
        where kode_pemda = %s
            and (pelampauan < 0 or (pelampauan > 0) <> (realisasi_kumulatif > pagu))""",
        (SAMPLE_PEMDA,)) == [(0,)]


def test_the_opd_month_sums_it_and_the_early_warning_names_it(nightly_run, warehouse):
    overspent = {(skpd, bulan)
                 for skpd, bulan, *_ in query(warehouse, OVERSPENT, (SAMPLE_PEMDA,))}
    for skpd, bulan in overspent:
        [(pelampauan, lines)] = query(warehouse, """
            select pelampauan, rekening_melampaui_pagu from marts.fct_penyerapan_opd_bulanan
            where kode_pemda = %s and kode_opd = %s and bulan = %s""",
            (SAMPLE_PEMDA, skpd, bulan))
        [(mart_sum,)] = query(warehouse, """
            select sum(pelampauan) from marts.fct_realisasi_bulanan
            where kode_pemda = %s and kode_skpd = %s and bulan = %s""",
            (SAMPLE_PEMDA, skpd, bulan))
        assert pelampauan == mart_sum > Decimal(0) and lines > 0
        [(uraian,)] = query(warehouse, """
            select uraian from marts.rpt_peringatan_dini
            where kode_pemda = %s and kode_opd = %s and bulan = %s
                and alasan = 'pelampauan' and prioritas = 1""",
            (SAMPLE_PEMDA, skpd, bulan))
        assert "melampaui pagu berlaku" in uraian


def test_the_briefing_names_the_overspending_opds(nightly_run, warehouse, tmp_path):
    from pipelines.reports.briefing import write_briefing

    [(skpd, bulan, nama)] = query(warehouse, """
        select kode_opd, bulan, nama_opd from marts.rpt_peringatan_dini
        where kode_pemda = %s and alasan = 'pelampauan'
        order by bulan desc, kode_opd limit 1""", (SAMPLE_PEMDA,))
    page = write_briefing(warehouse, periode=bulan.strftime("%Y-%m"), kode_pemda=SAMPLE_PEMDA,
                          out=tmp_path / "briefing.html").read_text()
    overspending = page[page.index('data-alasan="pelampauan"'):]
    assert "Pelampauan pagu:" in overspending and nama in overspending.split("</li>")[0]
    # the OPD's row of the early warning names it
    warning = re.search(rf'<tr data-opd="{re.escape(skpd)}">(.*?)</tr>',
                        page[page.index('<section id="peringatan">'):], re.S).group(1)
    assert '<span data-alasan="pelampauan">melampaui pagu</span>' in warning
