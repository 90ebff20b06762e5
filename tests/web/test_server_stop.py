"""Stopping a thread-served waitress ends its loop even while a client holds a connection."""
from __future__ import annotations

import socket

from web.server import start_in_thread, stop


def test_stop_ends_the_loop_with_a_keep_alive_connection_open(app):
    server, thread = start_in_thread(app)
    client = socket.create_connection(("127.0.0.1", server.effective_port), timeout=10)
    try:
        client.sendall(b"GET /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")  # HTTP/1.1 keeps it open
        assert client.recv(12).startswith(b"HTTP/1.1 200")
        stop(server, thread, timeout=5)
        assert not thread.is_alive()
        assert not (getattr(server, "map", None) or server._map)
    finally:
        client.close()
