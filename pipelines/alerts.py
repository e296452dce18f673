"""Publishing the month's early-warning list (marts.rpt_peringatan_dini) to leadership.

Off by default: a channel is on when its settings are in the environment.

- Chat webhook, `SERAPAN_WEBHOOK_URL`: a JSON POST whose "text" is the Indonesian summary
  (the field Slack, Mattermost, Rocket.Chat and Google Chat incoming webhooks show),
  with the pemda, month and OPD list beside it for anything that reads JSON. The URL is
  the webhook's key: no message or log repeats it (they say "webhook"). In what
  the OPDs and the exports wrote, mentions (`@here`, `<!channel>`) and links (`<url|label>`,
  `[label](url)`, bare addresses) are made inert before they reach the chat (chat_text).
- E-mail, `SERAPAN_SMTP_HOST` and `SERAPAN_EMAIL_TO` (comma-separated), with
  `SERAPAN_SMTP_PORT` (default 25) and `SERAPAN_EMAIL_FROM`; STARTTLS when the server
  offers it, and a login when `SERAPAN_SMTP_USER` / `SERAPAN_SMTP_PASSWORD` are set: never
  over a connection without STARTTLS unless `SERAPAN_SMTP_ALLOW_PLAINTEXT=1`.

The nightly job runs every night, and a chat group that gets the same list every night
stops reading it: a list is sent through a channel again only when it has changed
(notify.peringatan_terkirim keeps what was sent).
"""

import hashlib
import json
import os
import re
import smtplib
import ssl
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import urlsplit

import dagster as dg

from pipelines.reports.formatting import bulan_tahun
from pipelines.resources import AlertsResource, WarehouseResource
from pipelines.run_lock import ALERTS_KEYS, exclusively
from pipelines.warehouse import Warehouse

PERINGATAN_KEY = dg.AssetKey(["notify", "peringatan_dini"])
MART_KEY = dg.AssetKey(["marts", "rpt_peringatan_dini"])
TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class OpdAttention:
    """One OPD on the list: its reasons, most urgent first, and what it reported."""

    kode_opd: str
    nama_opd: str
    uraian: tuple[str, ...]
    permasalahan: str | None


@dataclass(frozen=True)
class Summary:
    """The list of one pemda and month, as it is sent."""

    kode_pemda: str
    bulan: date
    opd: tuple[OpdAttention, ...]

    @property
    def subject(self) -> str:
        return (f"Peringatan dini penyerapan anggaran: Pemda {self.kode_pemda}, "
                f"{bulan_tahun(self.bulan)} ({len(self.opd)} OPD)")

    @property
    def text(self) -> str:
        lines = [f"Peringatan dini penyerapan anggaran — Pemda {self.kode_pemda}, "
                 f"{bulan_tahun(self.bulan)}"]
        if not self.opd:
            lines.append("Tidak ada OPD yang perlu perhatian khusus bulan ini.")
        else:
            lines.append(f"{len(self.opd)} OPD perlu perhatian:")
        for number, item in enumerate(self.opd, start=1):
            lines += ["", f"{number}. {item.nama_opd} ({item.kode_opd})"]
            lines += [f"   - {uraian}" for uraian in item.uraian]
            if item.permasalahan:
                lines.append(f"   Permasalahan yang dilaporkan: {item.permasalahan}")
        lines += ["", "Sumber: serapan, marts.rpt_peringatan_dini."]
        return "\n".join(lines)

    def for_chat(self) -> "Summary":
        """The same list, what came from the data made inert for a chat (chat_text)."""
        return replace(self, opd=tuple(
            OpdAttention(chat_text(item.kode_opd), chat_text(item.nama_opd),
                         tuple(chat_text(uraian) for uraian in item.uraian),
                         chat_text(item.permasalahan) if item.permasalahan else None)
            for item in self.opd))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    def payload(self) -> dict:
        return {
            "text": self.text,
            "kode_pemda": self.kode_pemda,
            "bulan": self.bulan.strftime("%Y-%m"),
            "peringatan": [
                {"kode_opd": item.kode_opd, "nama_opd": item.nama_opd,
                 "uraian": list(item.uraian), "permasalahan": item.permasalahan}
                for item in self.opd
            ],
        }


@dataclass
class PublishResult:
    summaries: list[Summary]
    channels: list[str]  # the channels configured; empty: publishing is off
    sent: list[str] = field(default_factory=list)  # "webhook 99.21 2025-04"
    unchanged: list[str] = field(default_factory=list)  # the same list was sent before
    failed: list[str] = field(default_factory=list)  # with the reason

    @property
    def published(self) -> bool:
        return bool(self.sent)


class Channel(Protocol):
    name: str

    def send(self, summary: Summary) -> None: ...


WORD_JOINER = "\u2060"  # invisible, and ends what a chat reads as a mention or a link
_CHAT_MARKUP = str.maketrans({"<": "\u2039", ">": "\u203a"})  # ‹ › : Slack's <...> markup


def chat_text(text: str) -> str:
    """Text from the data as a chat shows it and does nothing with: no `<!channel>`,
    `<@U123>` or `<https://evil|Verifikasi>` (Slack's markup, Google Chat's `<users/all>`),
    no `@here`, `@all` or `@name`, no `[Verifikasi](https://evil)`, no address a click
    opens. It still reads the same: the address in full, the name after the @."""
    text = text.translate(_CHAT_MARKUP)
    text = re.sub(r"@(?=\w)", "@" + WORD_JOINER, text)
    return text.replace("](", "]" + WORD_JOINER + "(").replace("://", ":" + WORD_JOINER + "//")


class WebhookChannel:
    name = "webhook"

    def __init__(self, url: str):
        self.url = url

    def send(self, summary: Summary) -> None:
        request = urllib.request.Request(
            self.url, data=json.dumps(summary.for_chat().payload()).encode(), method="POST",
            headers={"Content-Type": "application/json; charset=utf-8"})
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):
            pass  # urlopen raises on an HTTP error status


class EmailChannel:
    name = "email"

    def __init__(self, host: str, port: int, sender: str, recipients: list[str],
                 user: str | None = None, password: str | None = None,
                 allow_plaintext: bool = False):
        self.host, self.port, self.sender, self.recipients = host, port, sender, recipients
        self.user, self.password, self.allow_plaintext = user, password, allow_plaintext

    def send(self, summary: Summary) -> None:
        message = EmailMessage()
        message["Subject"] = summary.subject
        message["From"] = self.sender
        message["To"] = ", ".join(self.recipients)
        message.set_content(summary.text)
        with smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS) as smtp:
            smtp.ehlo()
            encrypted = smtp.has_extn("starttls")
            if encrypted:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if self.user:
                if not (encrypted or self.allow_plaintext):
                    raise smtplib.SMTPException(
                        f"server SMTP {self.host} tidak menawarkan STARTTLS: kata sandi tidak "
                        "dikirim terbuka / offers no STARTTLS: the password is not sent in "
                        "clear (izinkan / allow it with SERAPAN_SMTP_ALLOW_PLAINTEXT=1)")
                smtp.login(self.user, self.password or "")
            smtp.send_message(message)


def configured_channels(environ: Mapping[str, str] = os.environ) -> list[Channel]:
    channels: list[Channel] = []
    if environ.get("SERAPAN_WEBHOOK_URL"):
        channels.append(WebhookChannel(_webhook_url(environ["SERAPAN_WEBHOOK_URL"])))
    if environ.get("SERAPAN_SMTP_HOST") and environ.get("SERAPAN_EMAIL_TO"):
        port = environ.get("SERAPAN_SMTP_PORT", "25")
        if not port.isdigit():
            raise ValueError(f"SERAPAN_SMTP_PORT={port!r} harus angka / must be a number")
        channels.append(EmailChannel(
            environ["SERAPAN_SMTP_HOST"], int(port),
            environ.get("SERAPAN_EMAIL_FROM", "serapan@localhost"),
            [address.strip() for address in environ["SERAPAN_EMAIL_TO"].split(",")
             if address.strip()],
            environ.get("SERAPAN_SMTP_USER"), environ.get("SERAPAN_SMTP_PASSWORD"),
            allow_plaintext=environ.get("SERAPAN_SMTP_ALLOW_PLAINTEXT") == "1"))
    return channels


def _webhook_url(url: str) -> str:
    """The URL, when urllib can post to it; refused without repeating it (it is a secret,
    and urllib's own errors quote it whole)."""
    try:
        parts = urlsplit(url)
        valid = (parts.scheme in ("http", "https") and bool(parts.hostname)
                 and not any(char.isspace() or not char.isprintable() for char in url)
                 and (parts.port is None or parts.port > 0))
    except ValueError:  # a port that is no number, a broken [IPv6] host
        valid = False
    if not valid:
        raise ValueError(
            "SERAPAN_WEBHOOK_URL bukan URL http(s) yang sah / is not a valid http(s) URL "
            "(https://host/jalan/path); isinya tidak ditampilkan karena rahasia / not shown, "
            "as it is a secret") from None
    return url


def publish(warehouse: Warehouse, periode: str | None = None,
            channels: list[Channel] | None = None) -> PublishResult:
    """Send each pemda's list of the month ('YYYY-MM'; default: its latest month with data)
    through `channels` (those the environment configures unless given)."""
    channels = configured_channels() if channels is None else channels
    result = PublishResult(read_summaries(warehouse, periode), [c.name for c in channels])
    if not channels:
        return result
    for summary in result.summaries:
        for channel in channels:
            label = f"{channel.name} {summary.kode_pemda} {summary.bulan:%Y-%m}"
            if _last_sent(warehouse, summary, channel.name) == summary.sha256:
                result.unchanged.append(label)
                continue
            try:
                channel.send(summary)
            except (OSError, smtplib.SMTPException) as exc:  # URLError is an OSError
                result.failed.append(f"{label}: {exc}")
                continue
            _record_sent(warehouse, summary, channel.name)
            result.sent.append(label)
    return result


def read_summaries(warehouse: Warehouse, periode: str | None = None) -> list[Summary]:
    """The lists to send: per pemda, the month asked for or the latest month with data."""
    # dim_periode has all twelve months of the year; the month to send is the latest one
    # the nightly run has figures for: its finance export or an OPD report arrived.
    months_sql = """
        with months_with_data as (
            select kode_pemda, bulan from marts.dim_periode where is_ada_realisasi
            union
            select kode_pemda, bulan from marts.fct_kualitas_data_opd where is_laporan_ada
        )
        select kode_pemda, max(bulan) from months_with_data
        where %(bulan)s::date is null or bulan = %(bulan)s::date
        group by kode_pemda order by kode_pemda
    """
    warnings_sql = """
        select kode_opd, coalesce(nama_opd, kode_opd), uraian, permasalahan
        from marts.rpt_peringatan_dini
        where kode_pemda = %(pemda)s and bulan = %(bulan)s
        order by min(prioritas) over (partition by kode_opd), nama_opd, kode_opd, prioritas
    """
    bulan = date.fromisoformat(f"{periode}-01") if periode else None
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(months_sql, {"bulan": bulan})
            months = cur.fetchall()
            summaries = []
            for pemda, month in months:
                cur.execute(warnings_sql, {"pemda": pemda, "bulan": month})
                summaries.append(Summary(pemda, month, _by_opd(cur.fetchall())))
    finally:
        conn.close()
    return summaries


def _by_opd(rows: list[tuple]) -> tuple[OpdAttention, ...]:
    grouped: dict[str, list[tuple]] = {}
    for row in rows:  # ordered: most urgent OPD first, its reasons most urgent first
        grouped.setdefault(row[0], []).append(row)
    return tuple(
        OpdAttention(kode, reasons[0][1], tuple(r[2] for r in reasons), reasons[0][3])
        for kode, reasons in grouped.items()
    )


def _last_sent(warehouse: Warehouse, summary: Summary, channel: str) -> str | None:
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(
                """
                select sha256 from notify.peringatan_terkirim
                where kode_pemda = %s and bulan = %s and saluran = %s
                order by terkirim_pada desc limit 1
                """, (summary.kode_pemda, summary.bulan, channel))
            row = cur.fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def _record_sent(warehouse: Warehouse, summary: Summary, channel: str) -> None:
    warehouse.execute("insert into notify.peringatan_terkirim (kode_pemda, bulan, saluran, "
                      "sha256) values (%s, %s, %s, %s)",
                      (summary.kode_pemda, summary.bulan, channel, summary.sha256))


def publish_peringatan_dini() -> dg.AssetsDefinition:
    """The asset that publishes the list after the nightly build of its mart."""

    @dg.asset(
        key=PERINGATAN_KEY,
        deps=[MART_KEY],
        group_name="notify",
        kinds={"python"},
        description="Kirim daftar peringatan dini bulan ini lewat webhook chat dan/atau e-mail "
        "bila dikonfigurasi (SERAPAN_WEBHOOK_URL, SERAPAN_SMTP_HOST...) / publish the month's "
        "early-warning list when a channel is configured; off by default.",
    )
    def peringatan_dini(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                        alerts: AlertsResource) -> dg.MaterializeResult:
        # the builds of other pemda publish too: one at a time, so none sends a list
        # another is sending (notify.peringatan_terkirim)
        with exclusively(warehouse.get(), ALERTS_KEYS):
            result = publish(warehouse.get(),
                             channels=configured_channels(alerts.environment()))
        if not result.channels:
            context.log.info("Tidak ada saluran dikonfigurasi / no channel configured")
        if result.failed:
            raise dg.Failure(
                description="Peringatan dini gagal dikirim / failed to send: "
                + "; ".join(result.failed),
                metadata={"terkirim": dg.MetadataValue.json(result.sent)},
            )
        return dg.MaterializeResult(metadata={
            "saluran": ", ".join(result.channels) or "tidak ada / none",
            "terkirim": dg.MetadataValue.json(result.sent),
            "tidak_berubah": dg.MetadataValue.json(result.unchanged),
            "opd": sum(len(summary.opd) for summary in result.summaries),
            "ringkasan": dg.MetadataValue.md(
                "\n\n".join(f"```\n{summary.text}\n```" for summary in result.summaries)),
        })

    return peringatan_dini
