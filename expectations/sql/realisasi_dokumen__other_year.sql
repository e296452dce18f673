-- Document lines whose day of realization falls outside the export's year: the line
-- would count in a year its budget is not of.
select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    periode,
    nomor_dokumen,
    tanggal_realisasi,
    realisasi
from {batch}
where extract(year from tanggal_realisasi) <> tahun
