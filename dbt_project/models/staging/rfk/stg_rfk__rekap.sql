-- The pemda's recap of its OPDs' reports (a sheet per OPD or Camat) in force: the
-- latest loaded upload for each month. The OPD is the sheet's title, not yet a code
-- (int_rfk__kode_dari_nama finds the SKPD of that name). The names, typed by hand, have
-- personal numbers masked (mask_personal_numbers).
with source as (
    {{ rows_of_files_in_force('rfk', 'rfk_rekap') }}
),

latest as (
    select
        *,
        max(file_id) over (partition by kode_pemda, periode) as latest_file_id
    from source
),

renamed as (
    select
        -- lineage
        file_id,
        file_sha256,
        sheet,
        row_number,
        loaded_at,

        -- report
        kode_pemda,
        tahun,
        periode as bulan,
        {{ fold_whitespace(mask_personal_numbers('nama_opd')) }} as nama_opd,
        nullif(trim(nomor), '') as nomor,
        {{ fold_whitespace(mask_personal_numbers('nama_sub_kegiatan')) }} as nama_sub_kegiatan,

        -- figures as the recap wrote them (Rupiah; satuan_uang is the header's unit)
        pagu as pagu_dilaporkan,
        rak,
        rencana_keuangan_ttb,
        realisasi_keuangan as realisasi_keuangan_kumulatif,
        realisasi_keuangan_ttb,
        sisa_anggaran,
        rencana_fisik as rencana_fisik_persen,
        rencana_fisik_ttb,
        realisasi_fisik as realisasi_fisik_persen,
        realisasi_fisik_ttb,
        satuan_uang
    from latest
    where file_id = latest_file_id
)

select * from renamed
