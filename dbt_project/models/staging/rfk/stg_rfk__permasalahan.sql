-- Problems reported on FORM-M (LAPORAN PERMASALAHAN) in force: the rows of loaded files
-- (a corrected upload supersedes its file by the source's key). The OPD is the file's
-- (kode_opd) or, in a pemda's recap, the UNIT KERJA named above the row. Every text the
-- OPD typed has personal numbers masked (mask_personal_numbers): it reaches leadership.
with source as (
    {{ rows_of_files_in_force('rfk', 'rfk_permasalahan') }}
)

select
    -- lineage
    file_id,
    file_sha256,
    sheet,
    row_number,
    loaded_at,

    -- report
    kode_pemda,
    nullif(trim(kode_opd), '') as kode_opd,
    tahun,
    periode as bulan,
    nullif(trim(nomor), '') as nomor,
    {{ fold_whitespace(mask_personal_numbers('unit_kerja')) }} as unit_kerja,
    {{ fold_whitespace(mask_personal_numbers('uraian_kegiatan')) }} as uraian_kegiatan,
    lanjutan,

    -- narrative
    nullif(trim(kode_permasalahan), '') as kode_permasalahan,
    {{ fold_whitespace(mask_personal_numbers('permasalahan')) }} as permasalahan,
    {{ fold_whitespace(mask_personal_numbers('upaya')) }} as upaya,
    {{ fold_whitespace(mask_personal_numbers('pihak_diharapkan')) }} as pihak_diharapkan
from source
