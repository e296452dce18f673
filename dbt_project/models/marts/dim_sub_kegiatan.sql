-- Sub kegiatan with the program structure above them (urusan > bidang urusan > program
-- > kegiatan > sub kegiatan), codes and names.
select
    kode_pemda,
    kode_sub_kegiatan,
    nama_sub_kegiatan,
    kode_kegiatan,
    nama_kegiatan,
    kode_program,
    nama_program,
    kode_bidang_urusan,
    nama_bidang_urusan,
    kode_urusan,
    nama_urusan,
    is_dianggarkan
from {{ ref('int_sub_kegiatan__kode') }}
where {{ in_build_scope('kode_pemda') }}
