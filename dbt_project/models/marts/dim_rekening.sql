-- Accounts (rekening) with their six levels and, for spending, the belanja group.
select
    kode_pemda,
    kode_rekening,
    kode_akun,
    nama_akun,
    kode_kelompok,
    nama_kelompok,
    kode_jenis,
    nama_jenis,
    kode_objek,
    nama_objek,
    kode_rincian_objek,
    nama_rincian_objek,
    kode_sub_rincian_objek,
    nama_sub_rincian_objek,
    kelompok_belanja,
    case when kelompok_belanja is not null
        then 'Belanja ' || initcap(replace(kelompok_belanja, '_', ' '))
    end as nama_kelompok_belanja,
    is_dianggarkan
from {{ ref('int_rekening__kode') }}
where {{ in_build_scope('kode_pemda') }}
