-- SP2D of the register whose Bruto is not the Nilai SP2D the document lines carrying its
-- number state (each line repeats the whole SP2D: compared once per SP2D, never summed
-- per line), or whose lines state more than one Nilai SP2D.
with document_sp2d as (
    select
        kode_pemda,
        nomor_sp2d_kunci,
        min(nilai_sp2d) as nilai_sp2d,
        count(distinct nilai_sp2d) as nilai_berbeda
    from {rows:realisasi_dokumen}
    where nomor_sp2d_kunci is not null and nilai_sp2d is not null
    group by kode_pemda, nomor_sp2d_kunci
)

select
    register.file_id,
    register.sheet,
    register.row_number,
    register.kode_pemda,
    register.periode,
    register.nomor_sp2d_tertulis as nomor_sp2d,
    register.bruto,
    document_sp2d.nilai_sp2d as nilai_sp2d_realisasi,
    document_sp2d.nilai_berbeda
from {batch} as register
join document_sp2d
    on document_sp2d.kode_pemda = register.kode_pemda
    and document_sp2d.nomor_sp2d_kunci = register.nomor_sp2d
where document_sp2d.nilai_berbeda > 1 or document_sp2d.nilai_sp2d <> register.bruto
