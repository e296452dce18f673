-- Account lines whose sub kegiatan name or account name is none of the names the budget
-- gives the code in the year, compared with case, spaces, punctuation and line breaks
-- folded away (those drift between exports; a name of another code does not). Subtotal
-- rows, codes the budget does not know and missing names are left to other rules.
with lines as (
    select * from {batch}
    where not baris_subtotal
),

budget_names as (
    -- Each code's names in the budget of the year, folded (each distinct name once).
    select distinct jenis_kode, kode_pemda, tahun, kode,
        upper(regexp_replace(nama, '[^A-Za-z0-9]', '', 'g')) as nama_dilipat
    from (
        select distinct 'sub kegiatan' as jenis_kode, rekap5.kode_pemda, files.tahun,
            rekap5.kode_sub_kegiatan as kode, rekap5.nama_sub_kegiatan as nama
        from raw.anggaran_rekap5 as rekap5
        join quality.files_in_scope('anggaran') as files using (file_id)
        union
        select distinct 'rekening', rekap5.kode_pemda, files.tahun,
            rekap5.kode_rekening, rekap5.nama_rekening
        from raw.anggaran_rekap5 as rekap5
        join quality.files_in_scope('anggaran') as files using (file_id)
    ) as budget_codes
),

names_used as (
    -- Each code and name the lines use, once (names repeat on every line and month).
    select distinct 'sub kegiatan' as jenis_kode, kode_pemda, tahun, kode_sub_kegiatan as kode,
        nama_sub_kegiatan as nama
    from lines
    union
    select distinct 'rekening', kode_pemda, tahun, kode_rekening, nama_rekening
    from lines
),

wrong_names as (
    select names_used.*
    from names_used
    where names_used.nama is not null
        -- the code is in the budget...
        and exists (
            select 1
            from budget_names
            where budget_names.jenis_kode = names_used.jenis_kode
                and budget_names.kode_pemda = names_used.kode_pemda
                and budget_names.tahun = names_used.tahun
                and budget_names.kode = names_used.kode
        )
        -- ...under none of its names
        and not exists (
            select 1
            from budget_names
            where budget_names.jenis_kode = names_used.jenis_kode
                and budget_names.kode_pemda = names_used.kode_pemda
                and budget_names.tahun = names_used.tahun
                and budget_names.kode = names_used.kode
                and budget_names.nama_dilipat
                    = upper(regexp_replace(names_used.nama, '[^A-Za-z0-9]', '', 'g'))
        )
)

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.kode_skpd,
    lines.periode_akhir,
    lines.kode_sub_kegiatan,
    lines.nama_sub_kegiatan,
    lines.kode_rekening,
    lines.nama_rekening
from lines
where exists (
    select 1
    from wrong_names
    where wrong_names.kode_pemda = lines.kode_pemda
        and wrong_names.tahun = lines.tahun
        and (
            (wrong_names.jenis_kode = 'sub kegiatan'
                and wrong_names.kode = lines.kode_sub_kegiatan
                and wrong_names.nama = lines.nama_sub_kegiatan)
            or (wrong_names.jenis_kode = 'rekening'
                and wrong_names.kode = lines.kode_rekening
                and wrong_names.nama = lines.nama_rekening)
        )
)
