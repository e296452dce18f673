-- Account lines whose Total RAK, as the file wrote it, is not the sum of their twelve
-- months: the export was edited after SIPD-RI wrote it, and which of the two is the plan
-- cannot be told. Not checked where the export has no Total RAK column.
select * from {batch}
where total_rak is distinct from coalesce(jumlah_rencana_bulanan, 0)
    and total_rak is not null
