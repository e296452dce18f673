"""The embedded warehouse opened to other machines for BI tools (SERAPAN_PG_LISTEN,
`serapan warehouse start --listen`): from an address other than loopback, a BI login
connects and reads the marts; the superuser is refused. This machine's own non-loopback
address stands in for another machine: a connection to it comes from it, not from
127.0.0.1, as one from the LAN would."""

import socket

import psutil
import psycopg2
import pytest

from pipelines.bi_access import grant_bi
from pipelines.migrations import migrate
from pipelines.warehouse import EmbeddedPostgres


def _other_address() -> str:
    """An IPv4 address of this machine outside 127.0.0.0/8."""
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            if address.family == socket.AF_INET and not address.address.startswith("127."):
                return address.address
    raise AssertionError("this machine has no IPv4 address but loopback: the test needs "
                         "one to stand in for another machine")


@pytest.fixture(scope="module")
def listening(tmp_path_factory):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = _other_address()
    server = EmbeddedPostgres(tmp_path_factory.mktemp("listen") / "home", port,
                              listen=address)
    warehouse = server.start()
    try:
        migrate(warehouse)
        warehouse.execute("create table marts.fct_contoh (nilai numeric(20,2)); "
                          "insert into marts.fct_contoh values (58294000); "
                          "grant select on marts.fct_contoh to serapan_bi")
        password = grant_bi(warehouse, "powerbi", "rahasia-bi")
        yield server, warehouse, address, password
    finally:
        server.stop()


def _connect(address: str, port: int, user: str, password: str):
    return psycopg2.connect(host=address, port=port, user=user, password=password,
                            dbname="serapan", connect_timeout=10)


def test_a_bi_login_reads_the_marts_from_another_address(listening):
    server, warehouse, address, password = listening
    with _connect(address, warehouse.port, "powerbi", password) as conn, \
            conn.cursor() as cur:
        cur.execute("select host(inet_client_addr()), sum(nilai) from marts.fct_contoh")
        assert cur.fetchone() == (address, 58294000)


def test_the_superuser_is_refused_from_another_address(listening):
    server, warehouse, address, _ = listening
    with pytest.raises(psycopg2.OperationalError, match="no pg_hba.conf entry"):
        _connect(address, warehouse.port, warehouse.user, warehouse.password)
    _connect("127.0.0.1", warehouse.port, warehouse.user, warehouse.password).close()


def test_without_listen_nothing_is_opened_again(listening):
    server, warehouse, address, password = listening
    server.stop()
    EmbeddedPostgres(server.home, server.port).start()
    with pytest.raises(psycopg2.OperationalError):
        _connect(address, warehouse.port, "powerbi", password)
    assert "serapan_bi" not in (server.data_dir / "pg_hba.conf").read_text()
