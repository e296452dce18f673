-- Funding sources (sumber dana) seen in each year's budget. Their codes change between
-- years, so the year is part of the key; names are those of the latest version.
with seen as (
    select distinct on (lines.kode_pemda, lines.tahun, lines.kode_sumber_dana)
        lines.kode_pemda,
        lines.tahun,
        lines.kode_sumber_dana,
        lines.nama_sumber_dana,
        versions.versi as versi_terakhir
    from {{ ref('int_anggaran__baris') }} as lines
    join {{ ref('int_anggaran__versi') }} as versions using (kode_versi)
    where lines.kode_sumber_dana is not null and {{ in_build_scope('lines.kode_pemda') }}
    order by lines.kode_pemda, lines.tahun, lines.kode_sumber_dana,
        versions.urutan_berlaku desc, lines.nama_sumber_dana is null
)

select
    kode_pemda,
    tahun,
    kode_sumber_dana,
    nama_sumber_dana,
    -- the code one level up: 2.2.01.08.02.0004 belongs to 2.2.01.08.02
    nullif(regexp_replace(kode_sumber_dana, '\.?[^.]*$', ''), '') as kode_induk,
    array_length(string_to_array(kode_sumber_dana, '.'), 1) as tingkat,
    versi_terakhir
from seen
