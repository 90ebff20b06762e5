"""Hostile requests through the real server: zero 5xx, nothing echoed unescaped, every
answer in time.

Why: the other web tests call the app through Flask's test client, which hands it a
ready-made WSGI environ. A visitor (or a scanner, or a broken client) sends bytes: a request
line with invalid UTF-8 or over the size limits, percent-escapes that decode to nonsense,
thousands of languages in Accept-Language, search syntax from other engines, markup meant
to run in the next visitor's browser. Those bytes are parsed by waitress first, then by
Werkzeug, then by the app, and a mistake anywhere in that chain shows up only when real
requests go through a real server. So this module starts waitress on 127.0.0.1 (as
``reportsearch serve`` does, with its limits), sends it a few thousand generated requests
over raw sockets (so that nothing a client library refuses to send is left out; the answers
are read with ``http.client``), and checks every answer against the promises the app makes:

* no request gets a server error (5xx);
* markup sent in any part of a request is never echoed unescaped into a page, and no page
  gains a script, an event handler or a ``javascript:`` URL it did not have;
* every HTML page from the app carries the Content-Security-Policy and
  ``X-Content-Type-Options: nosniff`` (waitress's own plain-text answers to requests it
  refuses before the app, 400/413/431, are exempt: README, "Quick start");
* errors under ``/api/`` answered by the app have the shape
  ``{"ok": false, "error": "...", "status": N}``;
* every answer arrives within the search time limit (``SEARCH_TIMELIMIT``) plus 2 s;
* path traversal never serves a file from outside ``web/static``.

The requests are generated from a fixed seed (``random.Random(SEED)``), so every run sends
the same ones and a failure can be reproduced; they are sent one at a time, so no answer
waits behind another. Each check collects every failing request and fails once, listing
up to 10 of them.

How many: 2,000 requests in a normal run (``.venv/bin/python -m pytest -q
tests/web/test_hostile_requests.py``), 10,000 with ``REPORTSEARCH_FUZZ=long`` in the
environment. ``REPORTSEARCH_FUZZ_SEED=N`` generates another set of requests (for exploring;
CI uses the fixed seed).
"""
from __future__ import annotations

import http.client
import json
import socket
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest
from markupsafe import escape

from web.server import start_in_thread, stop

from hostile import (FOREIGN_FILES, HOST, MARGIN, MARKUP, METHODS, PATH_FAMILIES, REQUESTS, SAMPLES, SEED, Exchange,
                     Known, Probe, generate)


def request_bytes(probe: Probe) -> bytes:
    """The request on the wire: Host unless the probe sets one, one request per connection."""
    if probe.raw is not None:
        return probe.raw
    names = {name.lower() for name, _ in probe.headers}
    headers = list(probe.headers)
    if b"host" not in names:
        headers.insert(0, (b"Host", HOST.encode()))
    if probe.body and not names & {b"content-length", b"transfer-encoding"}:
        headers.append((b"Content-Length", str(len(probe.body)).encode()))
    if b"connection" not in names:
        headers.append((b"Connection", b"close"))
    head = b"".join(name + b": " + value + b"\r\n" for name, value in headers)
    return probe.method.encode("latin-1") + b" " + probe.target + b" HTTP/1.1\r\n" + head + b"\r\n" + probe.body


def send(port: int, probe: Probe, timeout: float) -> Exchange:
    """Send one probe on a new connection and read the answer; a socket timeout (or a
    connection closed without an answer) is recorded in ``error``."""
    exchange = Exchange(probe)
    start = time.perf_counter()
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as sock:
            try:
                sock.sendall(request_bytes(probe))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer an oversized request before reading all of it
            response = http.client.HTTPResponse(sock, method=probe.method)
            try:
                response.begin()
                exchange.body = response.read()
                exchange.status = response.status
                exchange.headers = {name.lower(): value for name, value in response.getheaders()}
            finally:
                response.close()
    except (OSError, http.client.HTTPException) as exc:
        exchange.error = f"{type(exc).__name__}: {exc}"
    exchange.seconds = time.perf_counter() - start
    return exchange


# ---------------------------------------------------------------------------------------
# Reading the answers
# ---------------------------------------------------------------------------------------

def from_waitress(exchange: Exchange, ident: str) -> bool:
    """Waitress's own plain-text answer to a request it refused before the app."""
    return (exchange.headers.get("content-type", "").startswith("text/plain")
            and exchange.body.rstrip().endswith(f"(generated by {ident})".encode()))


def from_app(exchange: Exchange, ident: str) -> bool:
    return exchange.status is not None and not from_waitress(exchange, ident)


def is_html(exchange: Exchange) -> bool:
    return exchange.headers.get("content-type", "").startswith("text/html")


def app_path(probe: Probe) -> str:
    """The path the app sees for a probe (waitress keeps a target starting with ``//`` whole)."""
    target = probe.target.decode("latin-1")
    path = target.split("?", 1)[0].split("#", 1)[0] if target.startswith("//") else urlsplit(target).path
    return unquote(path, errors="replace")


class InjectedMarkup(HTMLParser):
    """Collects markup a page of ours never has: scripts not from /static/, event handler
    attributes, ``javascript:`` URLs, frames, images, objects and the like."""

    FOREIGN_TAGS = {"iframe", "frame", "frameset", "img", "svg", "object", "embed", "math", "base", "video",
                    "audio", "style", "applet"}
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and not values.get("src", "").startswith("/static/"):
            self.found.append(f"<script {values}>")
        if tag in self.FOREIGN_TAGS or (tag == "meta" and "http-equiv" in values):
            self.found.append(f"<{tag}>")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in self.URL_ATTRIBUTES and "".join(value.split()).lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")

    handle_startendtag = handle_starttag


def injected_markup(html: str) -> list[str]:
    parser = InjectedMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def json_error_problem(exchange: Exchange) -> str | None:
    """Why an API error does not have the shared shape, or None when it has."""
    if not exchange.headers.get("content-type", "").startswith("application/json"):
        return f"Content-Type {exchange.headers.get('content-type')!r}"
    try:
        got = json.loads(exchange.body)
    except ValueError as exc:
        return f"not JSON ({exc})"
    if not isinstance(got, dict) or set(got) != {"ok", "error", "status", "message"}:
        return f"keys {sorted(got) if isinstance(got, dict) else type(got).__name__}"
    if got["ok"] is not False or not isinstance(got["error"], str) or not got["error"]:
        return f"ok={got['ok']!r}, error={got['error']!r}"
    if not isinstance(got["message"], str) or not got["message"]:
        return f"message={got['message']!r}"
    if type(got["status"]) is not int or got["status"] != exchange.status:
        return f"status {got['status']!r} in a {exchange.status} answer"
    return None


def describe(exchange: Exchange, note: str = "") -> str:
    """One failing exchange, enough to reproduce it."""
    probe = exchange.probe
    head = request_bytes(probe).split(b"\r\n\r\n", 1)[0]
    shown = head if len(head) <= 400 else head[:300] + b" ...(%d bytes)... " % len(head) + head[-80:]
    answer = (f"{exchange.status} {exchange.headers.get('content-type', '')}" if exchange.status is not None
              else f"no answer: {exchange.error}")
    text = (f"  [{probe.kind}] {shown!r}\n    -> {answer} after {exchange.seconds:.2f} s"
            f"; body {exchange.body[:200]!r}")
    return text + (f"\n    {note}" if note else "")


def verdict(what: str, failures: list[tuple[Exchange, str]], total: int) -> str:
    lines = [f"{len(failures)} of {total} requests {what} (seed {SEED}); the first {SAMPLES}:"]
    lines += [describe(exchange, note) for exchange, note in failures[:SAMPLES]]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# The run: every probe sent once, the answers shared by the checks below
# ---------------------------------------------------------------------------------------

@dataclass
class Run:
    exchanges: list[Exchange]
    ident: str  # waitress's ident, which signs its own answers
    limit: float  # seconds an answer may take


def known_ids(port: int) -> Known:
    """Existing report IDs and every 25th paragraph ID, in document order, asked of the
    server before the run (which also opens the index, so no probe pays for that)."""
    def ask(target: str) -> object:
        return json.loads(send(port, Probe("setup", "GET", target.encode()), 60).body)

    reports = tuple(report["id"] for report in ask("/api/reports"))
    paragraphs = tuple(paragraph["id"] for report in reports
                       for paragraph in ask(f"/api/reports/{report}")["paragraphs"][::25])
    return Known(reports, paragraphs)


@pytest.fixture(scope="module")
def run(app) -> Iterator[Run]:
    server, thread = start_in_thread(app)
    try:
        port = server.effective_port
        limit = float(app.config["SEARCH_TIMELIMIT"]) + MARGIN
        probes = generate(REQUESTS, SEED, known_ids(port))
        yield Run([send(port, probe, limit) for probe in probes], server.adj.ident, limit)
    finally:
        stop(server, thread)


# ---------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------

def test_the_run_sends_enough_requests_of_every_kind(run):
    assert len(run.exchanges) >= REQUESTS
    kinds = Counter(exchange.probe.kind for exchange in run.exchanges)
    assert set(kinds) == {"search text", "bad arguments", "markup", "invalid UTF-8", "long values",
                          "path traversal", "ids", "methods", "headers", "Accept-Language", "request line",
                          "random paths", "fixed"}, kinds
    methods = {exchange.probe.method for exchange in run.exchanges}
    assert methods >= set(METHODS), methods
    paths = {app_path(exchange.probe) for exchange in run.exchanges}
    missing = [family for family in PATH_FAMILIES
               if not any(p == family or (family.endswith("/") and p.startswith(family)) for p in paths)]
    assert not missing, missing


def test_every_request_gets_an_answer_within_the_deadline(run):
    failures = [(e, f"limit {run.limit:.1f} s") for e in run.exchanges
                if e.status is None or e.seconds > run.limit]
    assert not failures, verdict("got no answer in time", failures, len(run.exchanges))


def test_no_hostile_request_gets_a_server_error(run):
    failures = [(e, "") for e in run.exchanges if e.status is not None and e.status >= 500]
    statuses = Counter(e.status for e in run.exchanges)
    assert not failures, verdict("got a 5xx", failures, len(run.exchanges)) + f"\nstatuses: {dict(statuses)}"


def test_nothing_is_reflected_unescaped(run):
    failures, shown_escaped = [], 0
    for exchange in run.exchanges:
        probe = exchange.probe
        if not probe.payloads or not from_app(exchange, run.ident) or not is_html(exchange):
            continue
        html = exchange.body.decode("utf-8", "replace")
        echoed = [payload for payload in probe.payloads if payload in html]
        injected = injected_markup(html)
        if echoed or injected:
            failures.append((exchange, f"echoed {echoed!r}; injected {injected[:3]!r}"))
        shown_escaped += any(str(escape(payload)) in html for payload in probe.payloads)
    assert not failures, verdict("echoed markup unescaped", failures, len(run.exchanges))
    # the check means something only if pages do show what was sent (the query, a filter)
    assert shown_escaped >= 10, f"only {shown_escaped} pages showed a payload, escaped"


def test_the_markup_check_tells_escaped_from_unescaped():
    assert injected_markup('<p><img src=x onerror=alert(1)></p>') == ["<img>", "<img onerror=...>"]
    assert injected_markup('<a href=" java\nscript:alert(1)">x</a>')
    assert injected_markup("<script>alert(1)</script>")
    escaped = f'<input value="{escape(MARKUP[1])}"><p>{escape(MARKUP[2])}</p>'
    assert injected_markup('<script src="/static/copy.js" defer></script>' + escaped) == []


def test_every_page_from_the_app_carries_the_security_headers(run):
    failures = [(e, f"headers {sorted(e.headers)}") for e in run.exchanges
                if from_app(e, run.ident) and is_html(e)
                and not ("content-security-policy" in e.headers
                         and e.headers.get("x-content-type-options") == "nosniff")]
    assert not failures, verdict("served HTML without CSP and nosniff", failures, len(run.exchanges))


def test_api_errors_from_the_app_share_one_json_shape(run):
    failures = []
    for exchange in run.exchanges:
        if (from_app(exchange, run.ident) and exchange.status >= 400 and exchange.probe.method != "HEAD"
                and app_path(exchange.probe).startswith("/api/")):
            problem = json_error_problem(exchange)
            if problem:
                failures.append((exchange, problem))
    assert not failures, verdict("answered an API error in another shape", failures, len(run.exchanges))


def test_no_file_outside_static_is_served(run):
    failures = [(e, "") for e in run.exchanges if any(marker in e.body for marker in FOREIGN_FILES)]
    assert not failures, verdict("served a file from outside web/static", failures, len(run.exchanges))
