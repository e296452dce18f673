-- Budget lines whose account code is written in another format than most lines of their
-- pemda's budget that year: a year's SIPD-RI exports use one format (5.1.02.01.01.0024
-- until 2025, 5.1.02.01.001.00024 since 2026), and realization and cash plan lines
-- are matched to the budget by code, so a line of the other format matches nothing.
-- Where two formats are as common, every line of both is shown.
with lines as (
    select
        file_id,
        sheet,
        row_number,
        kode_pemda,
        trim(tahun) as tahun,
        versi,
        kode_skpd,
        kode_sub_kegiatan,
        kode_rekening,
        pagu,
        case
            when trim(kode_rekening) ~ '{kode:rekening/sipd_ri_2026}' then 'sipd_ri_2026'
            when trim(kode_rekening) ~ '{kode:rekening/permendagri_90_2019}'
                then 'permendagri_90_2019'
        end as format_rekening
    from {batch}
),

formats as (
    select
        kode_pemda,
        tahun,
        format_rekening,
        count(*) as baris,
        max(count(*)) over (partition by kode_pemda, tahun) as baris_format_terbanyak
    from lines
    where format_rekening is not null
    group by kode_pemda, tahun, format_rekening
),

years_of_two_formats as (
    select kode_pemda, tahun from formats group by kode_pemda, tahun having count(*) > 1
)

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.tahun,
    lines.versi,
    lines.kode_skpd,
    lines.kode_sub_kegiatan,
    lines.kode_rekening,
    lines.format_rekening,
    lines.pagu
from lines
join years_of_two_formats using (kode_pemda, tahun)
join formats using (kode_pemda, tahun, format_rekening)
where formats.baris < formats.baris_format_terbanyak
    or (select count(*) from formats as tied
        where tied.kode_pemda = formats.kode_pemda and tied.tahun = formats.tahun
            and tied.baris = formats.baris_format_terbanyak) > 1
