{#- Rebuilt a month at a time. A month's rows record what they were computed from: the
    files (budget version, cash plan, the month's realization export and the export
    before it) and which of their rows the quality rules held back. An incremental run
    deletes the months where that differs now (a new or corrected export, a new budget
    version or plan, a flag raised or cleared), then inserts every month that has no
    rows: the changed months and months never built. Rows a corrected file no longer has
    go with their month. Only the pemda in the build scope are looked at (see
    macros/build_scope.sql). `dbt build --full-refresh` rebuilds every month. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['kode_pemda', 'bulan', 'kode_sub_unit', 'kode_sub_kegiatan', 'kode_rekening'],
    on_schema_change='fail',
    post_hook="{{ index_on('kode_pemda') }}",
    pre_hook="{{ delete_rows_no_longer_in(ref('int_periode__bulanan'),
        key_columns=['kode_pemda', 'bulan'],
        compared_columns=['anggaran_file_id', 'rak_file_id', 'realisasi_file_id',
                          'realisasi_sebelumnya_file_id', 'baris_ditahan_md5']) }}",
) }}

{% call with_deprecated_columns() %}
{% if is_incremental() %}
with months_to_build as (
    -- months without rows: never built, or just deleted because their files changed
    select kode_pemda, bulan from {{ ref('int_periode__bulanan') }}
    where {{ in_build_scope('kode_pemda') }}
    except
    select kode_pemda, bulan from {{ this }}
    where {{ in_build_scope('kode_pemda') }}
)

{% endif %}
select
    lines.kode_pemda,
    lines.tahun,
    lines.bulan,
    lines.kode_skpd,
    lines.kode_sub_unit,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    lines.kode_versi,
    lines.pagu,
    lines.rak_bulan,
    lines.rak_kumulatif,
    lines.realisasi_bulan,
    lines.realisasi_kumulatif,
    lines.realisasi_ditahan_kumulatif,
    lines.pelampauan,
    lines.anggaran_file_id,
    lines.rak_file_id,
    lines.realisasi_file_id,
    lines.realisasi_sebelumnya_file_id,
    lines.baris_ditahan_md5
from {{ ref('int_baris_rekening__bulanan') }} as lines
{% if is_incremental() %}
join months_to_build using (kode_pemda, bulan)
where {{ in_build_scope('lines.kode_pemda') }}
{% endif %}
{% endcall %}
