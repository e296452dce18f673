-- The verifier's verdict on an OPD's monthly report (RFK): verified (terverifikasi) or
-- returned to the OPD (dikembalikan), with the verifier's note (catatan verifikator),
-- who gave it and when. `serapan verifikasi` writes it, one row per verdict, never
-- changed: a later verdict on the same upload is in force. A verdict is on one upload
-- (file_id): a corrected upload has none until the verifier gives one.
create table if not exists raw.rfk_verifikasi (
    verifikasi_id  bigserial primary key,
    kode_pemda     text not null,
    kode_opd       text not null,
    periode        date not null check (extract(day from periode) = 1),
    file_id        bigint not null references raw.files (file_id),
    status         text not null check (status in ('terverifikasi', 'dikembalikan')),
    catatan        text,
    oleh           text not null check (oleh <> ''),
    pada           timestamptz not null default now(),
    check (status = 'terverifikasi' or coalesce(catatan, '') <> '')
);
create index if not exists rfk_verifikasi_by_report
    on raw.rfk_verifikasi (kode_pemda, kode_opd, periode);
