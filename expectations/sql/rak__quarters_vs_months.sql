-- Account lines with a TRIWULAN total (a pemda template's column between the months)
-- other than the sum of its quarter's three months: the months or the total were edited,
-- and which is the plan cannot be told. One finding per line; triwulan_berbeda names
-- the quarters.
select * from {batch}
where triwulan_berbeda is not null
