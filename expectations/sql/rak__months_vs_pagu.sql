-- Account lines whose twelve monthly amounts do not add up to their Nilai Rincian (the
-- line's budget): the plan draws more, or less, than the budget. One finding per line,
-- without a month, with the line's figures.
select * from {batch}
where jumlah_rencana_bulanan is distinct from pagu
