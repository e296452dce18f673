-- The problems (permasalahan) and follow-up (tindak lanjut) each OPD wrote in its
-- monthly report (RFK), per report row: what leadership asks an OPD that lags about.
-- Read from staging because no intermediate model keeps the narrative columns; rows a
-- quality rule flagged as an error are held back here, as in every leadership mart.
select
    laporan.kode_pemda,
    laporan.tahun,
    laporan.bulan,
    laporan.kode_opd,
    laporan.kode_sub_kegiatan,
    laporan.nama_sub_kegiatan,
    laporan.permasalahan,
    laporan.tindak_lanjut,
    laporan.file_id,
    laporan.sheet,
    laporan.row_number
from {{ ref('stg_rfk__laporan') }} as laporan
where (laporan.permasalahan is not null or laporan.tindak_lanjut is not null)
    and {{ in_build_scope('laporan.kode_pemda') }}
    and {{ readable_by_leadership('laporan') }}
