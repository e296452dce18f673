"""Local servers for the early warning's channels: a chat webhook and an SMTP server."""

from __future__ import annotations

import base64
import contextlib
import http.server
import socket
import threading


@contextlib.contextmanager
def webhook_server():
    """An HTTP server on 127.0.0.1 that keeps every POST: (content type, body)."""
    received: list[tuple[str, bytes]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Content-Type"], body))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):  # keep the test output clean
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hooks/rakor", received
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def smtp_stub(offer_login: bool = False, logins: list[str] | None = None):
    """Enough of SMTP on 127.0.0.1 for smtplib to hand over messages, one per connection.

    (smtpd left Python in 3.12 and aiosmtpd is not a dependency.) Keeps each message as
    (sender, recipients, data). With `offer_login`, it offers AUTH PLAIN, never STARTTLS,
    and keeps in `logins` every "user:password" a client sends it.
    """
    mails: list[tuple[str, list[str], bytes]] = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def address(command: str) -> str:
        return command.split(":", 1)[1].strip().split()[0].strip("<>")

    def session(conn: socket.socket):
        with conn, conn.makefile("rb") as lines:
            def reply(text: str):
                conn.sendall(text.encode() + b"\r\n")

            reply("220 stub ESMTP")
            sender, recipients = "", []
            for raw in lines:
                command = raw.decode().strip()
                verb = command.split(" ", 1)[0].upper()
                if verb == "EHLO" and offer_login:
                    reply("250-stub")
                    reply("250 AUTH PLAIN")
                    continue
                if verb == "AUTH":
                    _, user, password = base64.b64decode(command.split()[2]).split(b"\0")
                    logins.append(f"{user.decode()}:{password.decode()}")
                    reply("235 2.7.0 diterima / accepted")
                    continue
                if verb == "MAIL":
                    sender, recipients = address(command), []
                elif verb == "RCPT":
                    recipients.append(address(command))
                elif verb == "DATA":
                    reply("354 akhiri dengan titik / end with <CRLF>.<CRLF>")
                    mails.append((sender, recipients,
                                  b"".join(iter(lambda: next(lines), b".\r\n"))))
                elif verb == "QUIT":
                    reply("221 bye")
                    return
                reply("250 OK")

    def serve():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # the listener was closed: the test is over
                return
            session(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], mails
    finally:
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting in serve()
        listener.close()
        thread.join(timeout=10)
