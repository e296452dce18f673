-- SP2D lines in force (personal data already masked in staging) with whether each
-- counts as realization of its account: LS and GU lines with an account do; UP and TU
-- are cash advances that become spending only once accounted for (GU, TU nihil).
-- Lines a quality rule flags as an error are held back, as everywhere in the marts.
select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    extract(year from tanggal_sp2d)::integer as tahun,
    nomor_sp2d,
    tanggal_sp2d,
    bulan,
    jenis_sp2d,
    nomor_spm,
    kode_skpd,
    coalesce(kode_sub_unit, kode_skpd) as kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    nama_skpd,
    uraian,
    nilai,
    potongan,
    nama_penerima,
    npwp_masked,
    bank,
    nomor_rekening_bank_masked,
    coalesce(jenis_sp2d in ('LS', 'GU') and kode_rekening is not null, false) as is_realisasi
from {{ ref('stg_sp2d__rincian') }} as rincian
where {{ without_error_flags('rincian') }}
