-- Months of each pemda's fiscal year, with the budget version in force at the month's
-- end and whether the month's realization export has arrived.
select
    kode_pemda,
    bulan,
    tahun,
    bulan_ke,
    ((bulan_ke - 1) / 3 + 1)::integer as triwulan,
    ((bulan_ke - 1) / 6 + 1)::integer as semester,
    {{ nama_bulan('bulan_ke') }} as nama_bulan,
    akhir_bulan,
    kode_versi,
    versi,
    realisasi_file_id is not null as is_ada_realisasi
from {{ ref('int_periode__bulanan') }}
where {{ in_build_scope('kode_pemda') }}
