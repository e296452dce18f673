{#- One row per SP2D detail line in force. An incremental run deletes rows that are no
    longer in force (their file superseded, or their SP2D now taken from a later file
    that carries it too), then inserts the lines in force it does not have yet. Lines
    are compared by key, not by the highest file_id: an older file can come back into
    use when the later file that overrode its SP2D is itself superseded. Only the pemda
    in the build scope are looked at (see macros/build_scope.sql). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['file_id', 'sheet', 'row_number'],
    on_schema_change='fail',
    post_hook="{{ index_on('kode_pemda') }}",
    pre_hook="{{ delete_rows_no_longer_in(ref('int_sp2d__rincian'),
        key_columns=['file_id', 'sheet', 'row_number']) }}",
) }}

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.tahun,
    lines.bulan,
    lines.nomor_sp2d,
    lines.tanggal_sp2d,
    lines.jenis_sp2d,
    lines.nomor_spm,
    lines.kode_skpd,
    lines.kode_sub_unit,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    lines.nama_skpd,
    lines.uraian,
    lines.nilai,
    lines.potongan,
    lines.is_realisasi,
    lines.nama_penerima,
    lines.npwp_masked,
    lines.bank,
    lines.nomor_rekening_bank_masked
from {{ ref('int_sp2d__rincian') }} as lines
{% if is_incremental() %}
where {{ in_build_scope('lines.kode_pemda') }}
    and not exists (
        select 1 from {{ this }} as built
        where built.file_id = lines.file_id
            and built.sheet = lines.sheet
            and built.row_number = lines.row_number
    )
{% endif %}
