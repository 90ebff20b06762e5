"""Serve the app with waitress, a production WSGI server (not Flask's development server).

Waitress serves requests on worker threads, which is why searches use a time limit
without SIGALRM (see :func:`indexer.search.search`).
"""
from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import BaseWSGIServer, create_server
from waitress.wasyncore import close_all

from . import create_app

THREADS = 8
# What waitress enforces before a request reaches the app, stated rather than left to its
# defaults: such requests get waitress's own plain-text answer (431 Request Header Fields
# Too Large, 413, 400 for a request line that is not valid UTF-8), not the API's JSON.
LIMITS = {
    "max_request_header_size": 64 * 1024,  # bytes of headers (waitress's default: 256 KB)
    "max_request_body_size": 1024 * 1024,  # the app only reads query strings (default: 1 GB)
    "channel_timeout": 30,  # seconds of inactivity before a connection is closed (default: 120)
    "connection_limit": 100,  # open connections at once (the default)
}


class _Parser(HTTPRequestParser):
    """Waitress 3.0 answers ``Expect: 100-continue`` with 100 and then waits for a body even
    when the request says it has none (a GET without Content-Length): the request is never
    answered and holds a connection until the idle time-out. A request without a body has
    nothing to continue with, so the expectation is ignored (RFC 9110 lets a server do so)
    and the request is answered at once."""

    def parse_header(self, header_plus):
        super().parse_header(header_plus)
        if self.expect_continue and not self.chunked and not self.content_length:
            self.expect_continue = False


class _Channel(HTTPChannel):
    parser_class = _Parser


def _server(app: Flask, **kw) -> BaseWSGIServer:
    server = create_server(app, **kw)
    sockets = getattr(server, "map", None) or getattr(server, "_map", None) or {}
    for each in [server, *sockets.values()]:  # one server, or each of several (MultiSocketServer)
        if isinstance(each, BaseWSGIServer):
            each.channel_class = _Channel
    return server


def serve(index_root: Path, host: str = "127.0.0.1", port: int = 8000, time_limit: float | None = None) -> None:
    """Serve the index at ``index_root`` until interrupted; each search may take
    ``time_limit`` seconds (default: ``$REPORTSEARCH_TIME_LIMIT`` or 1 s)."""
    app = create_app({"INDEX_ROOT": index_root, **({"SEARCH_TIMELIMIT": time_limit} if time_limit else {})})
    print(f"Serving {index_root} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    _server(app, host=host, port=port, threads=THREADS, ident="reportsearch", **LIMITS).run()


def start_in_thread(app: Flask, host: str = "127.0.0.1", port: int = 0) -> tuple[BaseWSGIServer, threading.Thread]:
    """Serve ``app`` on a background thread (tests, screenshots); port 0 picks a free one.

    Stop it with :func:`stop`; ``server.effective_port`` is the port.
    """
    server = _server(app, host=host, port=port, threads=4, ident="reportsearch", **LIMITS)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    return server, thread


def stop(server: BaseWSGIServer, thread: threading.Thread, timeout: float = 10.0) -> None:
    """Stop a server started by :func:`start_in_thread`. Everything its loop watches (the
    listening socket, the trigger and any connection still open) is closed from the loop
    itself: closing from another thread races the loop's select on the closed descriptors,
    and a connection left open (keep-alive) would keep the loop running past this call,
    to fail later on a descriptor the process has since reused or closed. Then its thread
    and worker threads end."""
    sockets = getattr(server, "map", None) or server._map
    server.trigger.pull_trigger(lambda: close_all(sockets))
    thread.join(timeout)
    server.task_dispatcher.shutdown()
