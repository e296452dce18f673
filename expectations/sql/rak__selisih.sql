-- Account lines whose Selisih, as the file wrote it, is not Nilai Rincian - Total RAK.
-- Not checked where the export has no Selisih column, or a line no Total RAK.
select * from {batch}
where selisih <> coalesce(pagu, 0) - total_rak
