"""Sidak: unannounced field visits that check what the OPDs report against the work
itself. choose.py picks the OPDs to visit (at random from a seed, or by risk), data.py
reads what each reported, workbook.py writes the visit workbook the team fills in; the
filled workbook comes back through the inbox as the source `sidak`
(pipelines/sources/sidak)."""
