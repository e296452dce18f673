-- The pagu in force at each month's end per account line (sub unit, sub kegiatan,
-- rekening): lines of one code repeated over funding sources and packages add up.
select
    periode.kode_pemda,
    periode.tahun,
    periode.bulan,
    coalesce(lines.kode_sub_unit, lines.kode_skpd) as kode_sub_unit,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    -- a sub unit belongs to one SKPD; min() only chooses if an export disagrees
    min(lines.kode_skpd) as kode_skpd,
    sum(lines.pagu)::numeric(20, 2) as pagu
from {{ ref('int_periode__bulanan') }} as periode
join {{ ref('int_anggaran__baris') }} as lines on lines.kode_versi = periode.kode_versi
group by 1, 2, 3, 4, 5, 6
