-- What each budget version changed against the version before it in the same year: a
-- row per budget line that changed pagu (changed), appeared (added) or disappeared
-- (dropped); unchanged lines are left out. Names are carried so a person can read it.
{% call with_deprecated_columns() %}
with transitions as (
    select
        later.kode_versi as kode_versi_sesudah,
        later.versi as versi_sesudah,
        later.berlaku_mulai,
        earlier.kode_versi as kode_versi_sebelum,
        earlier.versi as versi_sebelum
    from {{ ref('int_anggaran__versi') }} as later
    join {{ ref('int_anggaran__versi') }} as earlier
        on earlier.kode_pemda = later.kode_pemda
        and earlier.tahun = later.tahun
        and earlier.urutan_berlaku = later.urutan_berlaku - 1
    where {{ in_build_scope('later.kode_pemda') }}
),

before_lines as (
    select transitions.kode_versi_sesudah, lines.*
    from transitions
    join {{ ref('int_anggaran__baris') }} as lines
        on lines.kode_versi = transitions.kode_versi_sebelum
    where {{ in_build_scope('lines.kode_pemda') }}
),

after_lines as (
    select transitions.kode_versi_sesudah, lines.*
    from transitions
    join {{ ref('int_anggaran__baris') }} as lines
        on lines.kode_versi = transitions.kode_versi_sesudah
    where {{ in_build_scope('lines.kode_pemda') }}
),

compared as (
    select
        coalesce(after_lines.kode_versi_sesudah, before_lines.kode_versi_sesudah)
            as kode_versi_sesudah,
        coalesce(after_lines.baris_id, before_lines.baris_id) as baris_id,
        case
            when before_lines.baris_id is null then 'added'
            when after_lines.baris_id is null then 'dropped'
            when after_lines.pagu is distinct from before_lines.pagu then 'changed'
        end as status,
        -- the line as the later version shows it, or as it was before it was dropped
        coalesce(after_lines.kode_pemda, before_lines.kode_pemda) as kode_pemda,
        coalesce(after_lines.tahun, before_lines.tahun) as tahun,
        coalesce(after_lines.kode_skpd, before_lines.kode_skpd) as kode_skpd,
        coalesce(after_lines.nama_skpd, before_lines.nama_skpd) as nama_skpd,
        coalesce(after_lines.kode_sub_unit, before_lines.kode_sub_unit) as kode_sub_unit,
        coalesce(after_lines.nama_sub_unit, before_lines.nama_sub_unit) as nama_sub_unit,
        coalesce(after_lines.kode_sub_kegiatan, before_lines.kode_sub_kegiatan)
            as kode_sub_kegiatan,
        coalesce(after_lines.nama_sub_kegiatan, before_lines.nama_sub_kegiatan)
            as nama_sub_kegiatan,
        coalesce(after_lines.kode_sumber_dana, before_lines.kode_sumber_dana)
            as kode_sumber_dana,
        coalesce(after_lines.nama_sumber_dana, before_lines.nama_sumber_dana)
            as nama_sumber_dana,
        coalesce(after_lines.kode_rekening, before_lines.kode_rekening) as kode_rekening,
        coalesce(after_lines.nama_rekening, before_lines.nama_rekening) as nama_rekening,
        coalesce(after_lines.paket_kelompok, before_lines.paket_kelompok) as paket_kelompok,
        coalesce(after_lines.nama_paket_kelompok, before_lines.nama_paket_kelompok)
            as nama_paket_kelompok,
        before_lines.pagu::numeric(20, 2) as pagu_sebelum,
        after_lines.pagu::numeric(20, 2) as pagu_sesudah,
        (coalesce(after_lines.pagu, 0) - coalesce(before_lines.pagu, 0))::numeric(20, 2)
            as selisih
    from before_lines
    full join after_lines
        on after_lines.kode_versi_sesudah = before_lines.kode_versi_sesudah
        and after_lines.baris_id = before_lines.baris_id
)

select
    compared.kode_pemda,
    compared.tahun,
    transitions.kode_versi_sebelum,
    transitions.versi_sebelum,
    compared.kode_versi_sesudah,
    transitions.versi_sesudah,
    transitions.berlaku_mulai,
    compared.baris_id,
    compared.status,
    compared.kode_skpd,
    compared.nama_skpd,
    compared.kode_sub_unit,
    compared.nama_sub_unit,
    compared.kode_sub_kegiatan,
    compared.nama_sub_kegiatan,
    compared.kode_sumber_dana,
    compared.nama_sumber_dana,
    compared.kode_rekening,
    compared.nama_rekening,
    compared.paket_kelompok,
    compared.nama_paket_kelompok,
    compared.pagu_sebelum,
    compared.pagu_sesudah,
    compared.selisih,
    case compared.status
        when 'added' then
            'Baris baru di ' || transitions.versi_sesudah || ': '
            || {{ format_rupiah('compared.pagu_sesudah') }}
        when 'dropped' then
            'Baris dihapus di ' || transitions.versi_sesudah || ' (sebelumnya '
            || {{ format_rupiah('compared.pagu_sebelum') }} || ')'
        else
            'Pagu ' || case when compared.selisih > 0 then 'naik ' else 'turun ' end
            || {{ format_rupiah('abs(compared.selisih)') }}
            || ' dari ' || coalesce({{ format_rupiah('compared.pagu_sebelum') }}, 'kosong')
            || ' menjadi ' || coalesce({{ format_rupiah('compared.pagu_sesudah') }}, 'kosong')
            || ' di ' || transitions.versi_sesudah
    end as uraian_perubahan
from compared
join transitions using (kode_versi_sesudah)
where compared.status is not null
{% endcall %}
