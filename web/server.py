"""Serve the app with waitress, a production WSGI server (not Flask's development server).

Waitress serves requests on worker threads, which is why searches use a time limit
without SIGALRM (see :func:`indexer.search.search`).
"""
from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask
from waitress import serve as waitress_serve
from waitress.server import BaseWSGIServer, create_server

from . import create_app

THREADS = 8


def serve(index_root: Path, host: str = "127.0.0.1", port: int = 8000, time_limit: float | None = None) -> None:
    """Serve the index at ``index_root`` until interrupted; each search may take
    ``time_limit`` seconds (default: ``$REPORTSEARCH_TIME_LIMIT`` or 1 s)."""
    app = create_app({"INDEX_ROOT": index_root, **({"SEARCH_TIMELIMIT": time_limit} if time_limit else {})})
    print(f"Serving {index_root} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    waitress_serve(app, host=host, port=port, threads=THREADS, ident="reportsearch")


def start_in_thread(app: Flask, host: str = "127.0.0.1", port: int = 0) -> tuple[BaseWSGIServer, threading.Thread]:
    """Serve ``app`` on a background thread (tests, screenshots); port 0 picks a free one.

    Stop it with ``server.close()`` and join the thread; ``server.effective_port`` is the port.
    """
    server = create_server(app, host=host, port=port, threads=4, ident="reportsearch")
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    return server, thread
