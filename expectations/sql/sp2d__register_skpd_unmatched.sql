-- SKPD names of the SP2D register in force (a name, no code) that no SKPD of the budget
-- version in force on the SP2D's date carries, or several do: the SP2D gets no SKPD
-- code (status_skpd tidak_cocok or ganda, as int_sp2d__register matches names). One
-- finding per file and name, on its first row, with how many SP2D and how much it
-- holds. A JSON record carries its code (or, without one, no name) and is not judged,
-- nor an SP2D dated where no budget is in force.
with unmatched as (
    select
        *,
        row_number() over (partition by file_id, nama_skpd order by sheet, row_number)
            as urutan,
        count(*) over (partition by file_id, nama_skpd) as jumlah_sp2d,
        sum(bruto) over (partition by file_id, nama_skpd) as total_bruto
    from {batch}
    where status_skpd in ('tidak_cocok', 'ganda')
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    date_trunc('month', tanggal)::date as bulan,
    nama_skpd,
    status_skpd as status_nama,
    kandidat_skpd as kandidat,
    jumlah_sp2d,
    total_bruto
from unmatched
where urutan = 1
