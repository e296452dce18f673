-- Account lines whose cumulative REALISASI is below the account's figure in the previous
-- loaded export of the year. Cumulative figures only grow, unless a posting was
-- corrected (an adjustment journal): a warning, to be explained.
with lines as (
    select
        *,
        -- the account as one key: on several columns of derived rows the planner
        -- misjudges the join into nested loops
        concat_ws('|', kode_pemda, kode_sub_unit, kode_sub_kegiatan, kode_rekening)
            as kunci_rekening
    from {batch}
),

exports as (
    select
        file_id,
        lag(file_id) over (partition by kode_pemda, tahun order by periode_akhir)
            as previous_file_id
    from (select distinct file_id, kode_pemda, tahun, periode_akhir from lines) as landed
),

account_figures as (
    -- Each export's figure per account (the larger, should a line be listed twice with
    -- different figures), subtotal rows left out.
    select file_id, kunci_rekening, max(periode_akhir) as periode_akhir,
        max(realisasi) as realisasi
    from lines
    where not baris_subtotal
    group by file_id, kunci_rekening
)

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.kode_skpd,
    lines.periode_akhir,
    lines.kode_sub_unit,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    previous.periode_akhir as periode_akhir_sebelumnya,
    previous.realisasi as realisasi_sebelumnya,
    lines.realisasi,
    previous.realisasi - lines.realisasi as penurunan
from lines
join exports using (file_id)
join account_figures as previous
    on previous.file_id = exports.previous_file_id
    and previous.kunci_rekening = lines.kunci_rekening
where not lines.baris_subtotal
    and lines.realisasi < previous.realisasi
