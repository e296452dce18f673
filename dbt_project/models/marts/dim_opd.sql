-- Work units (OPD): each SKPD and each of its sub units, with the parent SKPD. Camat
-- offices are flagged: leadership often reads the kecamatan apart from the dinas.
select
    kode_pemda,
    kode_opd,
    nama_opd,
    kode_skpd,
    nama_skpd,
    is_skpd,
    is_kecamatan,
    is_dianggarkan
from {{ ref('int_opd__kode') }}
where {{ in_build_scope('kode_pemda') }}
