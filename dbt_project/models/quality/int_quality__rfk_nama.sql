-- Rows of the OPD reports and the pemda's recap written without a sub kegiatan code, in
-- force (files loaded), each with what its names match in its OPD's budget of the year:
-- raw.rfk_kode_kandidat, the one matching dbt's int_rfk__kode_dari_nama reads too. Rows of
-- a pemda and year with no budget loaded have nothing to be matched to and are left out.
select
    kandidat.file_id,
    kandidat.sheet,
    kandidat.row_number,
    kandidat.kode_pemda,
    kandidat.kode_opd,
    kandidat.periode,
    kandidat.asal,
    kandidat.tingkat,
    kandidat.nama_opd,
    kandidat.nama_dicocokkan,
    kandidat.status,
    kandidat.jumlah_kandidat,
    kandidat.kandidat
from {{ source('raw', 'rfk_kode_kandidat') }} as kandidat
join quality.files_in_scope('rfk') as files using (file_id)
where kandidat.status <> 'tanpa_anggaran'
