-- The schema of a warehouse made before numbered migrations, by the nightly DDL of
-- serapan at 56fe3d6: its prepare() (ensure_raw_schema, ensure_flags_table,
-- ensure_bi_group, ensure_build_scope), the watermarks (changes.ensure_watermarks) and
-- the log of sent alerts (alerts._ensure_sent_log), each run twice, as on two nights.
-- tests/test_migrations.py restores it to compare a migrated warehouse with it and to
-- baseline it. Made on a throwaway embedded server with that revision's own code:
--
--   git archive 56fe3d6 | tar -x -C /tmp/main && cd /tmp/main
--   SERAPAN_HOME=/tmp/snap/.serapan SERAPAN_PG_PORT=<free> PYTHONPATH=/tmp/main \
--     python -c 'from pipelines import warehouse; wh = warehouse.current(); ...ensure_*(wh)'
--   pg_dump -h 127.0.0.1 -p <port> -U postgres --schema-only --no-owner serapan \
--     | grep -v '^\\\(un\)\?restrict '
--
-- (pg_dump 18's \restrict lines are psql's; the tests run this file through psycopg2.)
--
-- PostgreSQL database dump
--


-- Dumped from database version 18.6
-- Dumped by pg_dump version 18.6

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: marts; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA marts;


--
-- Name: meta; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA meta;


--
-- Name: notify; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA notify;


--
-- Name: quality; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA quality;


--
-- Name: raw; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA raw;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: files; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.files (
    file_id bigint NOT NULL,
    sha256 text NOT NULL,
    source text NOT NULL,
    kode_pemda text,
    tahun integer,
    original_name text NOT NULL,
    archive_path text NOT NULL,
    meta jsonb NOT NULL,
    status text NOT NULL,
    supersedes_key text,
    superseded_by bigint,
    rows_loaded integer DEFAULT 0 NOT NULL,
    rows_skipped integer DEFAULT 0 NOT NULL,
    error text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    sidecar_sha256 text,
    retried_by bigint,
    withdrawn_at timestamp with time zone,
    withdrawn_reason text,
    CONSTRAINT files_status_check CHECK ((status = ANY (ARRAY['loaded'::text, 'quarantined'::text, 'superseded'::text, 'retried'::text, 'withdrawn'::text])))
);


--
-- Name: files_in_scope(text); Type: FUNCTION; Schema: quality; Owner: -
--

CREATE FUNCTION quality.files_in_scope(source text) RETURNS SETOF raw.files
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select * from raw.files
    where files.status = 'loaded'
        and files.source = files_in_scope.source
        and quality.in_scope(files.kode_pemda)
$$;


--
-- Name: in_scope(text); Type: FUNCTION; Schema: quality; Owner: -
--

CREATE FUNCTION quality.in_scope(kode_pemda text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select coalesce(current_setting('serapan.pemda', true), '') = ''
        or kode_pemda = any(current_setting('serapan.pemda', true)::text[])
$$;


--
-- Name: fold_code(text); Type: FUNCTION; Schema: raw; Owner: -
--

CREATE FUNCTION raw.fold_code(kode text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select nullif(regexp_replace(regexp_replace(kode, '\s', '', 'g'), '\.+$', ''), '')
$_$;


--
-- Name: fold_name(text); Type: FUNCTION; Schema: raw; Owner: -
--

CREATE FUNCTION raw.fold_name(nama text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select nullif(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(upper(nama), '^\s*SUB\s*KEGIATAN\M\s*[:.-]?', ''),
                        '&', ' DAN ', 'g'),
                    '\mBY\.', 'BIAYA ', 'g'),
                '\mKAB\M\.?', 'KABUPATEN', 'g'),
            '[^A-Z0-9]', '', 'g'),
        '')
$$;


--
-- Name: fold_nomor_sp2d(text); Type: FUNCTION; Schema: raw; Owner: -
--

CREATE FUNCTION raw.fold_nomor_sp2d(nomor text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select nullif(upper(regexp_replace(nomor, '\s', '', 'g')), '')
$$;


--
-- Name: keep_files_with_rows(); Type: FUNCTION; Schema: raw; Owner: -
--

CREATE FUNCTION raw.keep_files_with_rows() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
declare
    has_rows boolean;
begin
    execute format('select exists (select from %s where file_id = $1)', tg_argv[0])
        into has_rows using old.file_id;
    if has_rows then
        raise foreign_key_violation using message = format(
            'raw.files %s still has rows in %s', old.file_id, tg_argv[0]);
    end if;
    return old;
end $_$;


--
-- Name: keep_files_with_rows_of(text, text); Type: FUNCTION; Schema: raw; Owner: -
--

CREATE FUNCTION raw.keep_files_with_rows_of(lines_table text, trigger_name text) RETURNS void
    LANGUAGE plpgsql
    AS $$
begin
    if not exists (select from pg_trigger where tgname = trigger_name
                   and tgrelid = 'raw.files'::regclass) then
        execute format('create trigger %I before delete or update of file_id on raw.files '
                       'for each row execute function raw.keep_files_with_rows(%L)',
                       trigger_name, lines_table);
    end if;
end $$;


--
-- Name: mask_personal_numbers(jsonb); Type: FUNCTION; Schema: raw; Owner: -
--

CREATE FUNCTION raw.mask_personal_numbers(nilai jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    select coalesce(jsonb_object_agg(kunci, case
        when jsonb_typeof(isi) = 'string' then to_jsonb(raw.mask_personal_numbers(isi #>> '{}'))
        else isi
    end), '{}')
    from jsonb_each(nilai) as pasangan (kunci, isi)
$$;


--
-- Name: mask_personal_numbers(text); Type: FUNCTION; Schema: raw; Owner: -
--

CREATE FUNCTION raw.mask_personal_numbers(teks text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case
        when teks !~ '\d(?:[\s-]*\d){7}|\d\.\d{3}\.\d{3}\.\d[.-]|\d{4}\.\d{4}\.' then teks
        else translate(
            regexp_replace(
                regexp_replace(
                    translate(teks, E'\uFDD0\uFDD1', ''),
                    -- not inside a run of digits, dots and commas; not after Rp
                    '(?<!\d)(?<!\d[.,-])(?<![Rr][Pp])(?<![Rr][Pp][. ])(?<![Rr][Pp]\. )'
                    || '(?:\d{2}\.\d{3}\.\d{3}\.\d[.-]\d{3}[.-]\d{3}'  -- NPWP
                    || '|\d{4}\.\d{4}\.\d{4}\.\d{4}'  -- 16 digits, dotted
                    || '|(?!\d{1,2}-\d{1,2}-\d{4}(?!\d)|\d{4}-\d{1,2}-\d{1,2}(?!\d)'
                    || '|(?:19|20)\d\d[\s-]+(?:19|20)\d\d(?!\d))'  -- no date, no years
                    || '\d(?:[\s-]*\d){7,})'  -- 8 digits or more
                    || '(?!\d)(?![.,]\d)',  -- nor followed by more digits or decimals
                    E'\uFDD0\\&\uFDD1', 'g'),
                -- a digit with four more before the end of its number
                E'\\d(?=(?:[^\\d\uFDD0\uFDD1]*\\d){4}[^\uFDD0\uFDD1]*\uFDD1)', '*', 'g'),
            E'\uFDD0\uFDD1', '')
    end
$$;


--
-- Name: build_scope; Type: TABLE; Schema: meta; Owner: -
--

CREATE TABLE meta.build_scope (
    kode_pemda text NOT NULL
);


--
-- Name: TABLE build_scope; Type: COMMENT; Schema: meta; Owner: -
--

COMMENT ON TABLE meta.build_scope IS 'The pemda the next incremental dbt build rebuilds (pipelines/build_scope.py).';


--
-- Name: pemda_to_redo; Type: TABLE; Schema: meta; Owner: -
--

CREATE TABLE meta.pemda_to_redo (
    redo_id bigint NOT NULL,
    kode_pemda text NOT NULL,
    reason text NOT NULL,
    noted_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: pemda_to_redo_redo_id_seq; Type: SEQUENCE; Schema: meta; Owner: -
--

CREATE SEQUENCE meta.pemda_to_redo_redo_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: pemda_to_redo_redo_id_seq; Type: SEQUENCE OWNED BY; Schema: meta; Owner: -
--

ALTER SEQUENCE meta.pemda_to_redo_redo_id_seq OWNED BY meta.pemda_to_redo.redo_id;


--
-- Name: watermarks; Type: TABLE; Schema: meta; Owner: -
--

CREATE TABLE meta.watermarks (
    consumer text NOT NULL,
    last_file_id bigint NOT NULL,
    fingerprint text NOT NULL,
    done_at timestamp with time zone DEFAULT now() NOT NULL,
    last_redo_id bigint DEFAULT 0 NOT NULL
);


--
-- Name: peringatan_terkirim; Type: TABLE; Schema: notify; Owner: -
--

CREATE TABLE notify.peringatan_terkirim (
    kode_pemda text NOT NULL,
    bulan date NOT NULL,
    saluran text NOT NULL,
    sha256 text NOT NULL,
    terkirim_pada timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: flags; Type: TABLE; Schema: quality; Owner: -
--

CREATE TABLE quality.flags (
    flag_id bigint NOT NULL,
    suite text NOT NULL,
    rule_id text NOT NULL,
    severity text NOT NULL,
    source text NOT NULL,
    kode_pemda text,
    kode_opd text,
    periode date,
    file_id bigint,
    source_file text,
    sheet text,
    row_number integer,
    nilai jsonb DEFAULT '{}'::jsonb NOT NULL,
    pesan text NOT NULL,
    found_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT flags_severity_check CHECK ((severity = ANY (ARRAY['error'::text, 'warning'::text])))
);


--
-- Name: flags_flag_id_seq; Type: SEQUENCE; Schema: quality; Owner: -
--

CREATE SEQUENCE quality.flags_flag_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: flags_flag_id_seq; Type: SEQUENCE OWNED BY; Schema: quality; Owner: -
--

ALTER SEQUENCE quality.flags_flag_id_seq OWNED BY quality.flags.flag_id;


--
-- Name: anggaran_rekap5; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.anggaran_rekap5 (
    file_id bigint NOT NULL,
    sheet text NOT NULL,
    row_number integer NOT NULL,
    kode_pemda text NOT NULL,
    versi text NOT NULL,
    tanggal_versi date NOT NULL,
    no text,
    tahun text,
    kode_urusan text,
    nama_urusan text,
    kode_skpd text,
    nama_skpd text,
    kode_sub_unit text,
    nama_sub_unit text,
    kode_bidang_urusan text,
    nama_bidang_urusan text,
    kode_program text,
    nama_program text,
    kode_kegiatan text,
    nama_kegiatan text,
    kode_sub_kegiatan text,
    nama_sub_kegiatan text,
    kode_sumber_dana text,
    nama_sumber_dana text,
    kode_rekening text,
    nama_rekening text,
    paket_kelompok text,
    nama_paket_kelompok text,
    pagu numeric(20,2)
);


--
-- Name: files_file_id_seq; Type: SEQUENCE; Schema: raw; Owner: -
--

CREATE SEQUENCE raw.files_file_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: files_file_id_seq; Type: SEQUENCE OWNED BY; Schema: raw; Owner: -
--

ALTER SEQUENCE raw.files_file_id_seq OWNED BY raw.files.file_id;


--
-- Name: lra_baris; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.lra_baris (
    file_id bigint NOT NULL,
    sheet text NOT NULL,
    row_number integer NOT NULL,
    kode_pemda text NOT NULL,
    tahun integer NOT NULL,
    periode_akhir date NOT NULL,
    kode_skpd text NOT NULL,
    kode_rekening text NOT NULL,
    tingkat smallint,
    uraian text,
    anggaran numeric(20,2),
    realisasi numeric(20,2)
);


--
-- Name: rak_anggaran_kas; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.rak_anggaran_kas (
    file_id bigint NOT NULL,
    kode_pemda text NOT NULL,
    tahun integer NOT NULL,
    versi text,
    sheet text NOT NULL,
    row_number integer NOT NULL,
    bulan smallint NOT NULL,
    kode_skpd text NOT NULL,
    nama_skpd text,
    kode_sub_unit text,
    kode_sub_kegiatan text NOT NULL,
    nama_sub_kegiatan text,
    kode_rekening text NOT NULL,
    nama_rekening text,
    pagu numeric(20,2),
    total_rak numeric(20,2),
    selisih numeric(20,2),
    nilai_realisasi numeric(20,2),
    nilai numeric(20,2),
    triwulan numeric(20,2),
    CONSTRAINT rak_anggaran_kas_bulan_check CHECK (((bulan >= 1) AND (bulan <= 12)))
);


--
-- Name: realisasi_dokumen; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.realisasi_dokumen (
    file_id bigint NOT NULL,
    sheet text NOT NULL,
    row_number integer NOT NULL,
    kode_pemda text NOT NULL,
    tahun integer NOT NULL,
    periode date NOT NULL,
    nomor text,
    kode_skpd text,
    nama_skpd text,
    kode_sub_skpd text,
    nama_sub_skpd text,
    kode_fungsi text,
    nama_fungsi text,
    kode_sub_fungsi text,
    nama_sub_fungsi text,
    kode_urusan text,
    nama_urusan text,
    kode_bidang_urusan text,
    nama_bidang_urusan text,
    kode_program text,
    nama_program text,
    kode_kegiatan text,
    nama_kegiatan text,
    kode_sub_kegiatan text,
    nama_sub_kegiatan text,
    kode_rekening text,
    nama_rekening text,
    nomor_dokumen text,
    jenis_dokumen text,
    jenis_transaksi text,
    nomor_dpt text,
    tanggal_dokumen date,
    keterangan_dokumen text,
    nilai_realisasi numeric(20,2),
    nilai_setoran numeric(20,2),
    nip_pegawai text,
    nama_pegawai text,
    tanggal_simpan text,
    nomor_spd text,
    periode_spd text,
    nilai_spd numeric(20,2),
    tahapan_spd text,
    nama_sub_tahapan_jadwal text,
    tahapan_apbd text,
    nomor_spp text,
    tanggal_spp text,
    nomor_spm text,
    tanggal_spm text,
    nomor_sp2d text,
    tanggal_sp2d date,
    tanggal_transfer date,
    nilai_sp2d numeric(20,2),
    tanggal_realisasi date,
    realisasi numeric(20,2)
);


--
-- Name: rfk_baris_lain; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.rfk_baris_lain (
    file_id bigint NOT NULL,
    kode_pemda text NOT NULL,
    kode_opd text,
    tahun integer,
    sheet text NOT NULL,
    row_number integer,
    periode date,
    jumlah_baris integer NOT NULL,
    status text NOT NULL,
    alasan text NOT NULL,
    CONSTRAINT rfk_baris_lain_jumlah_baris_check CHECK ((jumlah_baris >= 0)),
    CONSTRAINT rfk_baris_lain_status_check CHECK ((status = ANY (ARRAY['dilewati'::text, 'ditolak'::text, 'sheet_tidak_dibaca'::text])))
);


--
-- Name: rfk_laporan; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.rfk_laporan (
    file_id bigint NOT NULL,
    kode_pemda text NOT NULL,
    kode_opd text NOT NULL,
    tahun integer NOT NULL,
    sheet text NOT NULL,
    row_number integer NOT NULL,
    periode date NOT NULL,
    kode_skpd text,
    kode_sub_unit text,
    kode_sub_kegiatan text,
    nama_sub_kegiatan text,
    sumber_dana text,
    pagu numeric(20,2),
    rak numeric(20,2),
    rak_satuan text,
    realisasi_keuangan numeric(20,2),
    realisasi_fisik numeric(9,2),
    permasalahan text,
    tindak_lanjut text,
    catatan_verifikator text,
    layout text DEFAULT 'template'::text NOT NULL,
    tingkat text DEFAULT 'sub_kegiatan'::text NOT NULL,
    lingkup text,
    nama_opd text,
    kode_kegiatan text,
    nama_kegiatan text,
    kode_rekening text,
    nama_rekening text,
    rencana_keuangan_ttb numeric(14,6),
    realisasi_keuangan_ttb numeric(14,6),
    sisa_anggaran numeric(20,2),
    nilai_kontrak numeric(20,2),
    rencana_fisik numeric(9,2),
    rencana_fisik_ttb numeric(14,6),
    realisasi_fisik_ttb numeric(14,6),
    deviasi_fisik numeric(9,2),
    satuan_uang text,
    CONSTRAINT rfk_laporan_layout_check CHECK ((layout = ANY (ARRAY['template'::text, 'form_rfk'::text, 'bali'::text]))),
    CONSTRAINT rfk_laporan_periode_check CHECK ((EXTRACT(day FROM periode) = (1)::numeric)),
    CONSTRAINT rfk_laporan_rak_satuan_check CHECK ((rak_satuan = ANY (ARRAY['persen'::text, 'rupiah'::text]))),
    CONSTRAINT rfk_laporan_satuan_uang_check CHECK ((satuan_uang = ANY (ARRAY['rupiah'::text, 'ribu rupiah'::text]))),
    CONSTRAINT rfk_laporan_tingkat_check CHECK ((tingkat = ANY (ARRAY['sub_kegiatan'::text, 'rekening'::text])))
);


--
-- Name: rfk_rekap; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.rfk_rekap (
    file_id bigint NOT NULL,
    kode_pemda text NOT NULL,
    tahun integer NOT NULL,
    sheet text NOT NULL,
    row_number integer NOT NULL,
    periode date NOT NULL,
    nama_opd text NOT NULL,
    nomor text,
    nama_sub_kegiatan text NOT NULL,
    pagu numeric(20,2),
    rak numeric(20,2),
    rencana_keuangan_ttb numeric(14,6),
    realisasi_keuangan numeric(20,2),
    realisasi_keuangan_ttb numeric(14,6),
    sisa_anggaran numeric(20,2),
    rencana_fisik numeric(9,2),
    rencana_fisik_ttb numeric(14,6),
    realisasi_fisik numeric(9,2),
    realisasi_fisik_ttb numeric(14,6),
    satuan_uang text NOT NULL,
    CONSTRAINT rfk_rekap_periode_check CHECK ((EXTRACT(day FROM periode) = (1)::numeric)),
    CONSTRAINT rfk_rekap_satuan_uang_check CHECK ((satuan_uang = ANY (ARRAY['rupiah'::text, 'ribu rupiah'::text])))
);


--
-- Name: rfk_kode_kandidat; Type: VIEW; Schema: raw; Owner: -
--

CREATE VIEW raw.rfk_kode_kandidat AS
 WITH rows_to_match AS (
         SELECT laporan.file_id,
            laporan.sheet,
            laporan.row_number,
            laporan.kode_pemda,
            laporan.tahun,
            laporan.periode,
            'laporan'::text AS asal,
            laporan.kode_opd,
            laporan.nama_opd,
            laporan.tingkat,
            NULLIF(TRIM(BOTH FROM laporan.kode_kegiatan), ''::text) AS kode_kegiatan,
            laporan.nama_sub_kegiatan,
            laporan.kode_rekening,
            laporan.nama_rekening
           FROM (raw.rfk_laporan laporan
             JOIN raw.files files USING (file_id))
          WHERE ((files.status = 'loaded'::text) AND (NULLIF(TRIM(BOTH FROM laporan.kode_sub_kegiatan), ''::text) IS NULL) AND (COALESCE(laporan.nama_sub_kegiatan, laporan.nama_rekening, laporan.kode_rekening) IS NOT NULL))
        UNION ALL
         SELECT rekap.file_id,
            rekap.sheet,
            rekap.row_number,
            rekap.kode_pemda,
            rekap.tahun,
            rekap.periode,
            'rekap'::text,
            NULL::text,
            rekap.nama_opd,
            'sub_kegiatan'::text,
            NULL::text,
            rekap.nama_sub_kegiatan,
            NULL::text,
            NULL::text
           FROM (raw.rfk_rekap rekap
             JOIN raw.files files USING (file_id))
          WHERE (files.status = 'loaded'::text)
        ), budget AS (
         SELECT DISTINCT rekap5.kode_pemda,
            files.tahun,
            TRIM(BOTH FROM rekap5.kode_skpd) AS kode_skpd,
            rekap5.nama_skpd,
            TRIM(BOTH FROM rekap5.kode_kegiatan) AS kode_kegiatan,
            TRIM(BOTH FROM rekap5.kode_sub_kegiatan) AS kode_sub_kegiatan,
            rekap5.nama_sub_kegiatan,
            raw.fold_name(rekap5.nama_sub_kegiatan) AS sub_kegiatan_dilipat,
            raw.fold_code(rekap5.kode_rekening) AS kode_rekening,
            rekap5.nama_rekening,
            raw.fold_name(rekap5.nama_rekening) AS rekening_dilipat
           FROM (raw.anggaran_rekap5 rekap5
             JOIN raw.files files USING (file_id))
          WHERE ((files.status = 'loaded'::text) AND ((rekap5.kode_pemda, files.tahun) IN ( SELECT rows_to_match.kode_pemda,
                    rows_to_match.tahun
                   FROM rows_to_match)) AND (NULLIF(TRIM(BOTH FROM rekap5.kode_sub_kegiatan), ''::text) IS NOT NULL) AND (NULLIF(TRIM(BOTH FROM rekap5.kode_skpd), ''::text) IS NOT NULL))
        ), opd_names AS (
         SELECT DISTINCT budget.kode_pemda,
            budget.tahun,
            budget.kode_skpd,
            budget.nama_skpd,
            raw.fold_name(budget.nama_skpd) AS nama_dilipat
           FROM budget
        ), with_opd AS (
         SELECT rows_to_match.file_id,
            rows_to_match.sheet,
            rows_to_match.row_number,
            rows_to_match.kode_pemda,
            rows_to_match.tahun,
            rows_to_match.periode,
            rows_to_match.asal,
            rows_to_match.kode_opd,
            rows_to_match.nama_opd,
            rows_to_match.tingkat,
            rows_to_match.kode_kegiatan,
            rows_to_match.nama_sub_kegiatan,
            rows_to_match.kode_rekening,
            rows_to_match.nama_rekening,
            COALESCE(rows_to_match.kode_opd,
                CASE
                    WHEN (opd.jumlah = 1) THEN opd.kode_skpd
                    ELSE NULL::text
                END) AS kode_opd_cocok,
            opd.jumlah AS jumlah_opd,
            opd.kandidat AS kandidat_opd,
            raw.fold_name(rows_to_match.nama_sub_kegiatan) AS sub_kegiatan_dilipat,
            raw.fold_code(rows_to_match.kode_rekening) AS rekening_kode,
            raw.fold_name(rows_to_match.nama_rekening) AS rekening_dilipat,
            (EXISTS ( SELECT
                   FROM budget
                  WHERE ((budget.kode_pemda = rows_to_match.kode_pemda) AND (budget.tahun = rows_to_match.tahun)))) AS ada_anggaran
           FROM (rows_to_match
             LEFT JOIN LATERAL ( SELECT count(DISTINCT opd_names.kode_skpd) AS jumlah,
                    min(opd_names.kode_skpd) AS kode_skpd,
                    string_agg(DISTINCT ((opd_names.kode_skpd || ' '::text) || opd_names.nama_skpd), '; '::text) AS kandidat
                   FROM opd_names
                  WHERE ((opd_names.kode_pemda = rows_to_match.kode_pemda) AND (opd_names.tahun = rows_to_match.tahun) AND (opd_names.nama_dilipat = raw.fold_name(rows_to_match.nama_opd)))) opd ON ((rows_to_match.kode_opd IS NULL)))
        ), candidates AS (
         SELECT DISTINCT with_opd_1.file_id,
            with_opd_1.sheet,
            with_opd_1.row_number,
            budget.kode_sub_kegiatan,
            budget.nama_sub_kegiatan,
            NULL::text AS kode_rekening,
            NULL::text AS nama_rekening
           FROM (with_opd with_opd_1
             JOIN budget ON (((budget.kode_pemda = with_opd_1.kode_pemda) AND (budget.tahun = with_opd_1.tahun) AND (budget.kode_skpd = with_opd_1.kode_opd_cocok) AND (budget.sub_kegiatan_dilipat = with_opd_1.sub_kegiatan_dilipat))))
          WHERE (with_opd_1.tingkat = 'sub_kegiatan'::text)
        UNION
         SELECT DISTINCT with_opd_1.file_id,
            with_opd_1.sheet,
            with_opd_1.row_number,
            budget.kode_sub_kegiatan,
            budget.nama_sub_kegiatan,
            budget.kode_rekening,
            budget.nama_rekening
           FROM (with_opd with_opd_1
             JOIN budget ON (((budget.kode_pemda = with_opd_1.kode_pemda) AND (budget.tahun = with_opd_1.tahun) AND (budget.kode_skpd = with_opd_1.kode_opd_cocok))))
          WHERE ((with_opd_1.tingkat = 'rekening'::text) AND ((with_opd_1.sub_kegiatan_dilipat IS NULL) OR (budget.sub_kegiatan_dilipat = with_opd_1.sub_kegiatan_dilipat)) AND ((with_opd_1.kode_kegiatan IS NULL) OR (budget.kode_kegiatan = with_opd_1.kode_kegiatan)) AND ((budget.kode_rekening = with_opd_1.rekening_kode) OR ((with_opd_1.rekening_kode IS NULL) AND (budget.rekening_dilipat = with_opd_1.rekening_dilipat))))
        ), counted AS (
         SELECT candidates.file_id,
            candidates.sheet,
            candidates.row_number,
            count(DISTINCT ROW(candidates.kode_sub_kegiatan, candidates.kode_rekening)) AS jumlah,
            min(candidates.kode_sub_kegiatan) AS kode_sub_kegiatan,
            min(candidates.kode_rekening) AS kode_rekening,
            string_agg(concat_ws(' '::text, candidates.kode_sub_kegiatan, candidates.nama_sub_kegiatan, ('/ '::text || candidates.kode_rekening), candidates.nama_rekening), '; '::text ORDER BY candidates.kode_sub_kegiatan, candidates.kode_rekening) AS kandidat
           FROM candidates
          GROUP BY candidates.file_id, candidates.sheet, candidates.row_number
        )
 SELECT with_opd.file_id,
    with_opd.sheet,
    with_opd.row_number,
    with_opd.kode_pemda,
    with_opd.tahun,
    with_opd.periode,
    with_opd.asal,
    with_opd.tingkat,
    with_opd.kode_opd_cocok AS kode_opd,
    with_opd.nama_opd,
    COALESCE(with_opd.nama_rekening, with_opd.kode_rekening, with_opd.nama_sub_kegiatan) AS nama_dicocokkan,
        CASE
            WHEN (NOT with_opd.ada_anggaran) THEN 'tanpa_anggaran'::text
            WHEN ((with_opd.kode_opd_cocok IS NULL) AND (with_opd.jumlah_opd > 1)) THEN 'opd_ganda'::text
            WHEN (with_opd.kode_opd_cocok IS NULL) THEN 'opd_tidak_cocok'::text
            WHEN (counted.jumlah = 1) THEN 'cocok'::text
            WHEN (counted.jumlah > 1) THEN 'ganda'::text
            ELSE 'tidak_cocok'::text
        END AS status,
    COALESCE(counted.jumlah, (0)::bigint) AS jumlah_kandidat,
        CASE
            WHEN (counted.jumlah = 1) THEN counted.kode_sub_kegiatan
            ELSE NULL::text
        END AS kode_sub_kegiatan,
        CASE
            WHEN (counted.jumlah = 1) THEN counted.kode_rekening
            ELSE NULL::text
        END AS kode_rekening,
    COALESCE(counted.kandidat,
        CASE
            WHEN (with_opd.kode_opd_cocok IS NULL) THEN with_opd.kandidat_opd
            ELSE NULL::text
        END) AS kandidat
   FROM (with_opd
     LEFT JOIN counted USING (file_id, sheet, row_number));


--
-- Name: rfk_permasalahan; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.rfk_permasalahan (
    file_id bigint NOT NULL,
    kode_pemda text NOT NULL,
    kode_opd text,
    tahun integer NOT NULL,
    sheet text NOT NULL,
    row_number integer NOT NULL,
    periode date NOT NULL,
    nomor text,
    unit_kerja text,
    uraian_kegiatan text,
    lanjutan boolean NOT NULL,
    kode_permasalahan text,
    permasalahan text,
    upaya text,
    pihak_diharapkan text,
    CONSTRAINT rfk_permasalahan_periode_check CHECK ((EXTRACT(day FROM periode) = (1)::numeric))
);


--
-- Name: sp2d_register; Type: TABLE; Schema: raw; Owner: -
--

CREATE TABLE raw.sp2d_register (
    file_id bigint NOT NULL,
    sheet text NOT NULL,
    row_number integer NOT NULL,
    kode_pemda text NOT NULL,
    periode text NOT NULL,
    layout text NOT NULL,
    nomor_sp2d text NOT NULL,
    tanggal_pembuatan date,
    tanggal_pencairan date,
    bruto numeric(20,2) NOT NULL,
    money_out boolean NOT NULL,
    nomor_urut text,
    nomor_spm text,
    nama_skpd text,
    kode_skpd text,
    kode_sub_skpd text,
    nama_penerima text,
    keterangan text,
    jenis_sp2d text,
    jenis_ls text,
    id_sumber_dana text,
    is_gaji boolean,
    kode_rekening text,
    pph numeric(20,2),
    ppn numeric(20,2),
    potongan numeric(20,2),
    neto numeric(20,2),
    status text,
    npwp text,
    nomor_rekening_penerima text,
    detail_belanja jsonb,
    pajak_potongan jsonb,
    CONSTRAINT sp2d_register_layout_check CHECK ((layout = ANY (ARRAY['register_bud'::text, 'register_fmis'::text, 'sipd_ri_json'::text]))),
    CONSTRAINT sp2d_register_periode_check CHECK ((periode ~ '^\d{4}-\d{2}$'::text))
);


--
-- Name: COLUMN sp2d_register.npwp; Type: COMMENT; Schema: raw; Owner: -
--

COMMENT ON COLUMN raw.sp2d_register.npwp IS 'Data pribadi / personal data: as written, never leaves raw';


--
-- Name: COLUMN sp2d_register.nomor_rekening_penerima; Type: COMMENT; Schema: raw; Owner: -
--

COMMENT ON COLUMN raw.sp2d_register.nomor_rekening_penerima IS 'Data pribadi / personal data: as written, never leaves raw';


--
-- Name: pemda_to_redo redo_id; Type: DEFAULT; Schema: meta; Owner: -
--

ALTER TABLE ONLY meta.pemda_to_redo ALTER COLUMN redo_id SET DEFAULT nextval('meta.pemda_to_redo_redo_id_seq'::regclass);


--
-- Name: flags flag_id; Type: DEFAULT; Schema: quality; Owner: -
--

ALTER TABLE ONLY quality.flags ALTER COLUMN flag_id SET DEFAULT nextval('quality.flags_flag_id_seq'::regclass);


--
-- Name: files file_id; Type: DEFAULT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.files ALTER COLUMN file_id SET DEFAULT nextval('raw.files_file_id_seq'::regclass);


--
-- Name: build_scope build_scope_pkey; Type: CONSTRAINT; Schema: meta; Owner: -
--

ALTER TABLE ONLY meta.build_scope
    ADD CONSTRAINT build_scope_pkey PRIMARY KEY (kode_pemda);


--
-- Name: pemda_to_redo pemda_to_redo_pkey; Type: CONSTRAINT; Schema: meta; Owner: -
--

ALTER TABLE ONLY meta.pemda_to_redo
    ADD CONSTRAINT pemda_to_redo_pkey PRIMARY KEY (redo_id);


--
-- Name: watermarks watermarks_pkey; Type: CONSTRAINT; Schema: meta; Owner: -
--

ALTER TABLE ONLY meta.watermarks
    ADD CONSTRAINT watermarks_pkey PRIMARY KEY (consumer);


--
-- Name: flags flags_pkey; Type: CONSTRAINT; Schema: quality; Owner: -
--

ALTER TABLE ONLY quality.flags
    ADD CONSTRAINT flags_pkey PRIMARY KEY (flag_id);


--
-- Name: anggaran_rekap5 anggaran_rekap5_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.anggaran_rekap5
    ADD CONSTRAINT anggaran_rekap5_pkey PRIMARY KEY (file_id, sheet, row_number);


--
-- Name: files files_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.files
    ADD CONSTRAINT files_pkey PRIMARY KEY (file_id);


--
-- Name: lra_baris lra_baris_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.lra_baris
    ADD CONSTRAINT lra_baris_pkey PRIMARY KEY (file_id, sheet, row_number);


--
-- Name: rak_anggaran_kas rak_anggaran_kas_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.rak_anggaran_kas
    ADD CONSTRAINT rak_anggaran_kas_pkey PRIMARY KEY (file_id, sheet, row_number, bulan);


--
-- Name: realisasi_dokumen realisasi_dokumen_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.realisasi_dokumen
    ADD CONSTRAINT realisasi_dokumen_pkey PRIMARY KEY (file_id, sheet, row_number);


--
-- Name: rfk_laporan rfk_laporan_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.rfk_laporan
    ADD CONSTRAINT rfk_laporan_pkey PRIMARY KEY (file_id, sheet, row_number);


--
-- Name: rfk_permasalahan rfk_permasalahan_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.rfk_permasalahan
    ADD CONSTRAINT rfk_permasalahan_pkey PRIMARY KEY (file_id, sheet, row_number);


--
-- Name: rfk_rekap rfk_rekap_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.rfk_rekap
    ADD CONSTRAINT rfk_rekap_pkey PRIMARY KEY (file_id, sheet, row_number);


--
-- Name: sp2d_register sp2d_register_pkey; Type: CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.sp2d_register
    ADD CONSTRAINT sp2d_register_pkey PRIMARY KEY (file_id, sheet, row_number);


--
-- Name: peringatan_terkirim_by_month; Type: INDEX; Schema: notify; Owner: -
--

CREATE INDEX peringatan_terkirim_by_month ON notify.peringatan_terkirim USING btree (kode_pemda, bulan, saluran, terkirim_pada);


--
-- Name: flags_by_opd_month; Type: INDEX; Schema: quality; Owner: -
--

CREATE INDEX flags_by_opd_month ON quality.flags USING btree (kode_pemda, kode_opd, periode);


--
-- Name: flags_by_row; Type: INDEX; Schema: quality; Owner: -
--

CREATE INDEX flags_by_row ON quality.flags USING btree (file_id, sheet, row_number);


--
-- Name: files_in_force_by_key; Type: INDEX; Schema: raw; Owner: -
--

CREATE INDEX files_in_force_by_key ON raw.files USING btree (supersedes_key) WHERE (status = 'loaded'::text);


--
-- Name: files_sha256_source_in_force; Type: INDEX; Schema: raw; Owner: -
--

CREATE UNIQUE INDEX files_sha256_source_in_force ON raw.files USING btree (sha256, source) WHERE (status <> ALL (ARRAY['retried'::text, 'withdrawn'::text]));


--
-- Name: rfk_baris_lain_by_file; Type: INDEX; Schema: raw; Owner: -
--

CREATE INDEX rfk_baris_lain_by_file ON raw.rfk_baris_lain USING btree (file_id);


--
-- Name: files keep_files_with_lra_rows; Type: TRIGGER; Schema: raw; Owner: -
--

CREATE TRIGGER keep_files_with_lra_rows BEFORE DELETE OR UPDATE OF file_id ON raw.files FOR EACH ROW EXECUTE FUNCTION raw.keep_files_with_rows('raw.lra_baris');


--
-- Name: files keep_files_with_rak_rows; Type: TRIGGER; Schema: raw; Owner: -
--

CREATE TRIGGER keep_files_with_rak_rows BEFORE DELETE OR UPDATE OF file_id ON raw.files FOR EACH ROW EXECUTE FUNCTION raw.keep_files_with_rows('raw.rak_anggaran_kas');


--
-- Name: files keep_files_with_realisasi_dokumen_rows; Type: TRIGGER; Schema: raw; Owner: -
--

CREATE TRIGGER keep_files_with_realisasi_dokumen_rows BEFORE DELETE OR UPDATE OF file_id ON raw.files FOR EACH ROW EXECUTE FUNCTION raw.keep_files_with_rows('raw.realisasi_dokumen');


--
-- Name: files keep_files_with_sp2d_register_rows; Type: TRIGGER; Schema: raw; Owner: -
--

CREATE TRIGGER keep_files_with_sp2d_register_rows BEFORE DELETE OR UPDATE OF file_id ON raw.files FOR EACH ROW EXECUTE FUNCTION raw.keep_files_with_rows('raw.sp2d_register');


--
-- Name: anggaran_rekap5 anggaran_rekap5_file_id_fkey; Type: FK CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.anggaran_rekap5
    ADD CONSTRAINT anggaran_rekap5_file_id_fkey FOREIGN KEY (file_id) REFERENCES raw.files(file_id);


--
-- Name: files files_retried_by_fkey; Type: FK CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.files
    ADD CONSTRAINT files_retried_by_fkey FOREIGN KEY (retried_by) REFERENCES raw.files(file_id);


--
-- Name: files files_superseded_by_fkey; Type: FK CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.files
    ADD CONSTRAINT files_superseded_by_fkey FOREIGN KEY (superseded_by) REFERENCES raw.files(file_id);


--
-- Name: rfk_baris_lain rfk_baris_lain_file_id_fkey; Type: FK CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.rfk_baris_lain
    ADD CONSTRAINT rfk_baris_lain_file_id_fkey FOREIGN KEY (file_id) REFERENCES raw.files(file_id);


--
-- Name: rfk_laporan rfk_laporan_file_id_fkey; Type: FK CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.rfk_laporan
    ADD CONSTRAINT rfk_laporan_file_id_fkey FOREIGN KEY (file_id) REFERENCES raw.files(file_id);


--
-- Name: rfk_permasalahan rfk_permasalahan_file_id_fkey; Type: FK CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.rfk_permasalahan
    ADD CONSTRAINT rfk_permasalahan_file_id_fkey FOREIGN KEY (file_id) REFERENCES raw.files(file_id);


--
-- Name: rfk_rekap rfk_rekap_file_id_fkey; Type: FK CONSTRAINT; Schema: raw; Owner: -
--

ALTER TABLE ONLY raw.rfk_rekap
    ADD CONSTRAINT rfk_rekap_file_id_fkey FOREIGN KEY (file_id) REFERENCES raw.files(file_id);


--
-- Name: SCHEMA marts; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA marts TO serapan_bi;


--
-- PostgreSQL database dump complete
--


