-- The budget versions of each pemda and year, one row per version file in force, with
-- the span of days it is in force: from its date until the day before the next version
-- of its year takes effect (of two dated the same day, the later in the order of
-- versi_urutan: murni, pergeseran_N, perubahan, penyesuaian), the last version of a
-- year until that year's 31 December (a budget never outlives its fiscal year, so the
-- budget in force on a date is one year's). With the lines and pagu the file holds.
-- No quality flag is read here: the checks read the budget in force before they write
-- any (through int_quality__* models); the marts count what the flags let through
-- (int_anggaran__versi).
with versions as (
    -- One per file: a row whose TAHUN is empty (an error finding) is still the file's,
    -- whose year its other rows state (the reader refuses a file of several years).
    select
        kode_pemda,
        max(tahun) as tahun,
        versi,
        tanggal_versi,
        file_id,
        file_sha256,
        count(*) filter (where kode_rekening is not null) as jumlah_baris_file,
        coalesce(sum(pagu), 0)::numeric(20, 2) as total_pagu_file
    from {{ ref('stg_anggaran__rekap5') }}
    group by kode_pemda, versi, tanggal_versi, file_id, file_sha256
),

ordered as (
    select
        *,
        {{ versi_urutan('versi') }} as versi_urutan,
        row_number() over (
            partition by kode_pemda, tahun
            order by tanggal_versi, {{ versi_urutan('versi') }}
        ) as urutan_berlaku
    from versions
),

spans as (
    select
        *,
        lead(tanggal_versi) over (
            partition by kode_pemda, tahun order by urutan_berlaku
        ) as berlaku_versi_berikut
    from ordered
)

select
    kode_pemda || '/' || tahun || '/' || versi as kode_versi,
    kode_pemda,
    tahun,
    versi,
    versi_urutan,
    urutan_berlaku,
    tanggal_versi as berlaku_mulai,
    coalesce(berlaku_versi_berikut - 1, make_date(tahun, 12, 31)) as berlaku_sampai,
    berlaku_versi_berikut is null as is_terkini,
    file_id,
    file_sha256,
    jumlah_baris_file,
    total_pagu_file
from spans
