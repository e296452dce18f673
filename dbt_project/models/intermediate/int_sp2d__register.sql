-- The SP2D register in force, one row per SP2D, with its SKPD code: the JSON record's
-- own, else the one SKPD of the budget version in force on the SP2D's date whose name
-- is the register's (the macro sp2d_with_skpd, which the SP2D checks read too, through
-- int_quality__sp2d). A name that matches no SKPD, or several, gets no code: nothing is
-- guessed, status_skpd says why, and the quality rule SP2D-014 names the name in the
-- run's flags.
{{ sp2d_with_skpd(
    register=ref('stg_sp2d__register'),
    versions=ref('int_anggaran__versi'),
    budget=ref('stg_anggaran__rekap5')) }}
