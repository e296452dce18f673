"""The embedded warehouse refuses a port another program holds, saying which port and
how to pick another, before it creates anything."""

import socket

import pytest

from pipelines.warehouse import EmbeddedPostgres, WarehouseError


def test_a_port_in_use_is_refused_naming_it_and_the_setting(tmp_path):
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        with pytest.raises(WarehouseError, match=f"port {port} .*SERAPAN_PG_PORT"):
            EmbeddedPostgres(tmp_path / "home", port).start()
    assert not (tmp_path / "home" / "pg").exists()
