-- Each early warning list sent, per pemda, month and channel, with the sha256 of what
-- was sent: an unchanged list is not sent again (pipelines/alerts.py).
create schema if not exists notify;
create table if not exists notify.peringatan_terkirim (
    kode_pemda     text not null,
    bulan          date not null,
    saluran        text not null,
    sha256         text not null,
    terkirim_pada  timestamptz not null default now()
);
create index if not exists peringatan_terkirim_by_month
    on notify.peringatan_terkirim (kode_pemda, bulan, saluran, terkirim_pada);
