-- LS SP2D the BUD paid (money out) in a month for which per-document realization of the
-- pemda is loaded, whose number no document line in force carries: money out that the
-- realization does not show. (UP, GU and TU advance or replenish the treasurer's cash;
-- their spending is on the TBP lines.)
with document_months as (
    select distinct kode_pemda, periode
    from {rows:realisasi_dokumen}
),

document_sp2d as (
    select distinct kode_pemda, nomor_sp2d_kunci
    from {rows:realisasi_dokumen}
    where nomor_sp2d_kunci is not null
)

select
    register.file_id,
    register.sheet,
    register.row_number,
    register.kode_pemda,
    register.periode,
    register.nomor_sp2d_tertulis as nomor_sp2d,
    register.tanggal,
    register.nama_skpd,
    register.bruto
from {batch} as register
join document_months
    on document_months.kode_pemda = register.kode_pemda
    and document_months.periode = date_trunc('month', register.tanggal)
left join document_sp2d
    on document_sp2d.kode_pemda = register.kode_pemda
    and document_sp2d.nomor_sp2d_kunci = register.nomor_sp2d
where register.is_uang_keluar and register.jenis_sp2d = 'LS'
    and document_sp2d.nomor_sp2d_kunci is null
