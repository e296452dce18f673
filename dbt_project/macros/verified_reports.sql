{#- What leadership reads of the OPD monthly reports (RFK): the rows no rule flagged as an
    error and, for a pemda listed in var('pemda_hanya_laporan_terverifikasi'), only the
    rows of an upload whose latest verdict is terverifikasi (`serapan verifikasi`,
    raw.rfk_verifikasi). The marts that read report rows for leadership use this where
    other sources' rows use without_error_flags. With the var empty (the default) it is
    without_error_flags and nothing more. -#}
{% macro readable_by_leadership(alias) -%}
    {{ without_error_flags(alias) }}{{ verified_where_required(alias) }}
{%- endmacro %}

{% macro verified_where_required(alias) -%}
    {%- set pemda = var('pemda_hanya_laporan_terverifikasi', []) -%}
    {%- if pemda -%}
    and not ({{ kode_pemda_in(alias ~ '.kode_pemda', pemda) }}
        and coalesce((
            select verdict.status
            from {{ source('raw', 'rfk_verifikasi') }} as verdict
            where verdict.file_id = {{ alias }}.file_id
            order by verdict.pada desc, verdict.verifikasi_id desc
            limit 1
        ), 'belum_diverifikasi') <> 'terverifikasi')
    {%- endif -%}
{%- endmacro %}
