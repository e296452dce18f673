"""What the early warning's channels must never do: carry the webhook's secret URL into
messages and Dagster's event log, send the SMTP password in clear, or let text from the
data ping a whole chat or dress a link in a harmless label."""

from __future__ import annotations

import json
import smtplib
from datetime import date

import pytest

from pipelines.alerts import OpdAttention, Summary, WebhookChannel, configured_channels
from tests.channel_stubs import smtp_stub, webhook_server

SECRET = "T0A1B2C3/B4D5E6F7/kunciXYZ"  # the part of a Slack webhook URL that is the key


def _summary(nama_opd: str = "Dinas Kesehatan", permasalahan: str | None = None) -> Summary:
    return Summary("99.21", date(2025, 4, 1), (OpdAttention(
        "1.02.0.00.0.00.01.0000", nama_opd, ("serapan 2,5% dari pagu",), permasalahan),))


@pytest.mark.parametrize("url", [
    f"hooks.slack.com/services/{SECRET}",  # no scheme
    f"ftp://hooks.example/{SECRET}",
    f"https://hooks.example:pintu/{SECRET}",  # a port that is no number
    f"https://hooks.example/{SECRET} x",
    f"https:///{SECRET}",  # no host
])
def test_a_bad_webhook_url_is_refused_without_being_repeated(url):
    with pytest.raises(ValueError, match="SERAPAN_WEBHOOK_URL") as refused:
        configured_channels({"SERAPAN_WEBHOOK_URL": url})
    assert "kunciXYZ" not in str(refused.value) and "hooks" not in str(refused.value)
    assert refused.value.__cause__ is None and refused.value.__suppress_context__


def test_a_bad_webhook_url_stays_out_of_dagsters_event_log(nightly_run, monkeypatch):
    import dagster as dg

    from pipelines.alerts import publish_peringatan_dini
    from pipelines.resources import AlertsResource, WarehouseResource

    # The session's marts have lists to send: the URL is used, not only read.
    monkeypatch.setenv("SERAPAN_WEBHOOK_URL", f"hooks.slack.com/services/{SECRET}")
    result = dg.materialize([publish_peringatan_dini()], raise_on_error=False,
                            resources={"warehouse": WarehouseResource.from_environment(),
                                       "alerts": AlertsResource.from_environment()})
    assert not result.success
    logged = "\n".join(str(event) for event in result.all_events)
    assert "kunciXYZ" not in logged and "hooks.slack.com" not in logged
    assert "SERAPAN_WEBHOOK_URL" in logged


def test_the_smtp_password_is_not_sent_in_clear_unless_allowed():
    logins: list[str] = []
    with smtp_stub(offer_login=True, logins=logins) as (port, mails):  # no STARTTLS
        environ = {"SERAPAN_SMTP_HOST": "127.0.0.1", "SERAPAN_SMTP_PORT": str(port),
                   "SERAPAN_EMAIL_TO": "sekda@pemda.example", "SERAPAN_SMTP_USER": "serapan",
                   "SERAPAN_SMTP_PASSWORD": "rahasia-smtp"}
        [channel] = configured_channels(environ)
        with pytest.raises(smtplib.SMTPException, match="SERAPAN_SMTP_ALLOW_PLAINTEXT=1"):
            channel.send(_summary())
        assert logins == [] and mails == []

        [channel] = configured_channels({**environ, "SERAPAN_SMTP_ALLOW_PLAINTEXT": "1"})
        channel.send(_summary())
        assert logins == ["serapan:rahasia-smtp"] and len(mails) == 1


def test_chat_text_from_the_data_pings_no_one_and_hides_no_link():
    nama_opd = "<!channel> Dinas Kesehatan"
    permasalahan = ("@here segera klik <https://evil.example/masuk|Verifikasi> atau "
                    "[Verifikasi](https://evil.example/masuk), tanya <@U024BE7LH> @all")
    with webhook_server() as (url, received):
        WebhookChannel(url).send(_summary(nama_opd, permasalahan))
    [(_, body)] = received
    payload = json.loads(body)
    for sent in (payload["text"], json.dumps(payload["peringatan"], ensure_ascii=False)):
        for live in ("<!channel>", "<https://", "|Verifikasi>", "](https://", "<@U024BE7LH>",
                     "@here", "@all", "https://evil"):
            assert live not in sent, (live, sent)
    # What the OPD wrote stays readable, the address in full.
    readable = payload["text"].replace("\u2060", "")
    assert "Dinas Kesehatan" in readable and "https://evil.example/masuk" in readable
