"""Hostile requests for :mod:`test_hostile_requests`: what to send, generated from a seed.

Every generator returns a :class:`Probe` (the bytes of one request and what it carries), so
the test module only sends them and checks the answers.
"""
from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote


from web.server import LIMITS

SEED = int(os.environ.get("REPORTSEARCH_FUZZ_SEED", "20240917"))
LONG_RUN = os.environ.get("REPORTSEARCH_FUZZ", "").strip().lower() == "long"
REQUESTS = 10_000 if LONG_RUN else 2_000
MARGIN = 2.0  # seconds an answer may take beyond the search time limit
SAMPLES = 10  # failing requests listed per check
HOST = "127.0.0.1"

METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW")
PATH_FAMILIES = ("/", "/search", "/api/search", "/search.csv", "/search.json", "/compare", "/api/compare", "/p/", "/r/", "/reports", "/api/paragraphs/",
                 "/api/reports", "/api/reports/", "/api/openapi.json", "/static/")

# ---------------------------------------------------------------------------------------
# Ingredients
# ---------------------------------------------------------------------------------------

WORDS = ("勞資爭議", "勞工", "就業服務", "職業訓練", "外籍勞工", "移工", "身心障礙者", "紓困", "疫情",
         "調解", "劳资争议", "招聘会", "徵才活動", "ＡＰＰ", "COVID-19", "job fair", "employment",
         "labour dispute", "2021", "110年", "104", "3,997", "16.2億", "4萬5千", "一百七十四戶",
         "「勞工博物館」", "Facebook粉絲團", "勞資爭儀", "employement")
SYNTAX = ("text:勞工", "id:*", "year:[104 TO 110]", "section:{a TO z}", "chapter:勞工行政", "*", "?",
          "勞*", "勞?", "*工", "勞工~2", "勞工~", "就業^3", "^", "~", "[a TO b]", "{1 TO 9}", "[* TO *]",
          '"勞資爭議', '勞資"爭議', '"', '""', "「勞工", "勞工」", "(", ")", "((勞工)", "(勞工))", "()",
          "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "and", "or", "-勞工", "+勞工", "--", "-", "!",
          "\\", "\\\\", "'", "''", "/", "//", ":", "::", "&&", "||", "勞工 AND", "OR 勞工",
          "NOT NOT NOT", "text:", ":勞工", "field:value", "a:b:c", "<>", "#", "%", "$1", "${jndi:x}")
MARKUP = ("<script>alert(1)</script>", '"><script>alert(document.domain)</script>',
          "'><img src=x onerror=alert(1)>", '"><img src=x onerror=alert(1)>',
          "<img src=x onerror=alert(1)//", '<a href="javascript:alert(1)">x</a>',
          'javascript:alert(1)//"><b>x', "</title><script>alert(1)</script>",
          "</textarea><script>alert(1)</script>", "<ScRiPt>alert(1)</sCrIpT>",
          "<iframe src=javascript:alert(1)>", '" onerror="alert(1)', "' onerror='alert(1)",
          "<scr<script>ipt>alert(1)</script>", "<svg/onload=alert(1)>", "<body onerror=alert(1)>",
          '<a href=" javascript:alert(1)">', "<script src=//evil.example/x.js></script>",
          "勞工<script>alert(1)</script>", "<script>勞資爭議</script>")
# percent-encodings of byte sequences that are not UTF-8, and broken escapes
BAD_ESCAPES = ("%ff", "%fe", "%ff%fe", "%fe%ff", "%c3%28", "%c0%af", "%c0%ae%c0%ae%c0%af", "%e0%80%af",
               "%ed%a0%80", "%ed%bf%bf", "%f8%88%80%80%80", "%f4%90%80%80", "%80", "%bf", "%c3",
               "%e5%8b", "%e5%8b%9e%e5", "%", "%%", "%g1", "%2", "%%32%65", "%u52de", "%00", "%0d%0a")
BAD_NUMBERS = ("-1", "0", "-0", "1.5", "1e3", "1e999", "-1e999", "nan", "NaN", "inf", "-inf", "Infinity",
               "99999999999999999999999999999999", "-99999999999999999999", "0x10", "0b1", "1_000", "+1",
               " 1", "1 ", "１０４", "١٠٤", "一百零四", "ten", "abc", "", " ", "104年", "2015.0", "10/4",
               "1,000", "0104", "00000000000000000000001", "9" * 400, "\u00a0", "1e-5", "true", "null")
RTL_AND_INVISIBLE = ("\u200f", "\u200e", "\u202e", "\u202b", "\u2067", "\u2069", "\u200b", "\u200d",
                     "\ufeff", "\u2028", "\u2029", "\u061c", "\u00ad", "\u034f", "\ufffd", "\ufffe", "\uffff")
EMOJI = ("😀", "👩‍👩‍👧‍👦", "👍🏽", "🇹🇼", "🏳️‍🌈", "❤️", "🧑🏿‍🚀", "\U0001f9ea", "\U0010fffd")

# markers of files the server must never serve, whatever path asks for them
FOREIGN_FILES = (b"root:x:0:0", b"[tool.pytest.ini_options]", b"def create_app(", b"import pytest")


@dataclass(frozen=True)
class Probe:
    """One request: what to send and what the checks need to know about it."""

    kind: str  # the generator that made it, named in failure messages
    method: str
    target: bytes  # the request-target exactly as sent
    headers: tuple[tuple[bytes, bytes], ...] = ()
    body: bytes = b""
    payloads: tuple[str, ...] = ()  # markup the app sees and must never echo unescaped
    raw: bytes | None = None  # the whole request, sent as is (for malformed request lines)


@dataclass
class Exchange:
    """A probe and what came back (``status`` None: no answer, see ``error``)."""

    probe: Probe
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    seconds: float = 0.0
    error: str | None = None


# ---------------------------------------------------------------------------------------
# Generating text and URLs
# ---------------------------------------------------------------------------------------

def random_char(rng: random.Random) -> str:
    """One character from the kinds of text that break things."""
    pick = rng.random()
    if pick < 0.30:
        return chr(rng.randint(0x4E00, 0x9FFF))  # CJK
    if pick < 0.40:
        return chr(rng.randint(0xFF01, 0xFF5E))  # full width
    if pick < 0.50:
        return rng.choice(EMOJI)
    if pick < 0.58:
        return rng.choice(RTL_AND_INVISIBLE)
    if pick < 0.66:
        return "e" + "".join(chr(rng.randint(0x300, 0x36F)) for _ in range(rng.randint(1, 12)))  # combining
    if pick < 0.72:
        return chr(rng.choice([*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]))  # C0 and C1 controls
    if pick < 0.78:
        return chr(rng.choice([rng.randint(0x0590, 0x06FF), rng.randint(0x0E00, 0x0E7F),
                               rng.randint(0xAC00, 0xD7A3), rng.randint(0x1D400, 0x1D7FF)]))
    if pick < 0.85:
        return rng.choice("\"'<>&;:/\\?#[]{}()*~^!|+-=%$@`,.。，、「」『』")
    return chr(rng.randint(0x20, 0x7E))


def random_text(rng: random.Random, length: int | None = None) -> str:
    """Random Unicode text with words of the corpus and search syntax mixed in."""
    length = length if length is not None else rng.choice([1, 2, 3, 5, 8, 13, 30])
    parts: list[str] = []
    while sum(map(len, parts)) < length:
        pick = rng.random()
        if pick < 0.15:
            parts.append(rng.choice(WORDS))
        elif pick < 0.25:
            parts.append(rng.choice(SYNTAX))
        elif pick < 0.35:
            parts.append(" ")
        else:
            parts.append(random_char(rng))
    return "".join(parts)


def query_text(rng: random.Random) -> str:
    """A value for ``q``: search syntax, random text, many terms, or a long paste."""
    pick = rng.random()
    if pick < 0.35:
        return " ".join(rng.choice(SYNTAX + WORDS) for _ in range(rng.randint(1, 6)))
    if pick < 0.65:
        return random_text(rng)
    if pick < 0.80:  # many short terms: the most work a query under 200 characters can ask for
        return " ".join(random_text(rng, rng.randint(1, 4)).replace(" ", "") for _ in range(rng.randint(20, 60)))[:200]
    if pick < 0.90:
        return random_text(rng, rng.randint(150, 220))  # either side of the 200-character limit
    return random_text(rng, rng.randint(500, 3000))  # a query string of a few KB


def encode(value: str, rng: random.Random) -> str:
    """Percent-encode a value the way some client would: fully, with ``+`` for spaces, or
    leaving markup characters raw (waitress accepts any printable ASCII in the target)."""
    style = rng.random()
    if style < 0.5:
        return quote(value, safe="")
    if style < 0.75:
        return quote(value, safe="").replace("%20", "+")
    return quote(value, safe="<>\"'()/=:;!*,@$~[]{}|^`")


ACTIVE = ("<script", "onerror=", "onload=", "javascript:", "<img", "<svg", "<iframe")


def markup_in(*values: str) -> tuple[str, ...]:
    """The values that would be active markup if echoed as they are: they must never be
    (escaping changes them, since each holds one of ``<>"'``)."""
    return tuple(v for v in values
                 if any(a in v.lower() for a in ACTIVE) and any(c in v for c in "<>\"'"))


def query_string(pairs: Iterable[tuple[str, str]], rng: random.Random) -> str:
    return "&".join(f"{encode(k, rng)}={encode(v, rng)}" for k, v in pairs)


def get(kind: str, path: str, pairs: list[tuple[str, str]] | None = None, rng: random.Random | None = None,
        payloads: tuple[str, ...] = (), headers: tuple[tuple[bytes, bytes], ...] = (), method: str = "GET") -> Probe:
    """A request for ``path`` with these URL arguments."""
    target = path + ("?" + query_string(pairs, rng) if pairs else "")
    return Probe(kind, method, target.encode("ascii"), headers, payloads=payloads)


# ---------------------------------------------------------------------------------------
# Generators: one kind of hostile request each
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Known:
    """IDs that exist, read from the server before the run, for near-miss variations."""

    reports: tuple[str, ...]
    paragraphs: tuple[str, ...]


def search_path(rng: random.Random) -> str:
    return rng.choice(["/search", "/search", "/", "/api/search", "/api/search", "/search.csv", "/search.json",
                       "/compare", "/api/compare"])


def extra_arguments(rng: random.Random) -> list[tuple[str, str]]:
    """Some other arguments a search URL may carry, valid or not."""
    pairs = []
    for name, values in (("year", ["104", "110", "2015", "2021", rng.choice(BAD_NUMBERS)]),
                         ("page", ["1", "2", rng.choice(BAD_NUMBERS)]),
                         ("limit", ["5", "100", rng.choice(BAD_NUMBERS)]),
                         ("chapter", ["勞工行政", random_text(rng)]),
                         ("section", ["勞資爭議調處", "二、勞資爭議調處", random_text(rng)]),
                         ("subsection", [random_text(rng)]),
                         ("lang", ["en", "zh-TW", "EN", "zh_tw", random_text(rng)])):
        if rng.random() < 0.2:
            pairs.append((name, rng.choice(values)))
    return pairs


def gen_search_text(rng: random.Random, known: Known) -> Probe:
    q = query_text(rng)
    return get("search text", search_path(rng), [("q", q), *extra_arguments(rng)], rng, markup_in(q))


def gen_bad_arguments(rng: random.Random, known: Known) -> Probe:
    """Filters and paging with values that are negative, huge, fractional, words, repeated."""
    pairs = [("q", rng.choice(WORDS))] if rng.random() < 0.7 else []
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(["year", "page", "limit", "section", "chapter", "subsection", "lang", "p"])
        value = rng.choice(BAD_NUMBERS) if rng.random() < 0.7 else random_text(rng)
        pairs.append((name, value))
    if rng.random() < 0.3:  # the same argument again, valid and not
        name, value = rng.choice(pairs)
        pairs.append((name, rng.choice(["1", "104", "", value + value])))
    if rng.random() < 0.15:  # an argument without a value, or without a name
        pairs.append(rng.choice([("q", ""), ("", "x"), ("", "")]))
    rng.shuffle(pairs)
    return get("bad arguments", search_path(rng), pairs, rng, markup_in(*(v for _, v in pairs)))


def gen_markup(rng: random.Random, known: Known) -> Probe:
    """Markup in a search argument, an ID in the path, the reader's ``p`` or a header."""
    payload = rng.choice(MARKUP)
    if rng.random() < 0.3:
        payload = rng.choice(WORDS) + " " + payload
    where = rng.choice(["q", "q", "filter", "lang", "id", "reader", "header"])
    if where == "q":
        return get("markup", search_path(rng), [("q", payload), *extra_arguments(rng)], rng, markup_in(payload))
    if where == "filter":
        name = rng.choice(["year", "chapter", "section", "subsection", "page", "limit"])
        pairs = [("q", rng.choice(WORDS)), (name, payload)]
        return get("markup", search_path(rng), pairs, rng, markup_in(payload))
    if where == "lang":
        return get("markup", rng.choice(["/search", "/reports", "/p/" + rng.choice(known.paragraphs)]),
                   [("q", "勞工"), ("lang", payload)], rng, markup_in(payload))
    if where == "id":
        prefix = rng.choice(["/p/", "/r/", "/api/paragraphs/", "/api/reports/"])
        return get("markup", prefix + quote(payload, safe=""), payloads=markup_in(payload))
    if where == "reader":
        return get("markup", "/r/" + rng.choice(known.reports), [("p", payload)], rng, markup_in(payload))
    name = rng.choice([b"Host", b"Accept-Language", b"Referer", b"User-Agent", b"Cookie", b"X-Forwarded-Host"])
    seen = payload.encode().decode("latin-1")  # WSGI hands header values to the app as Latin-1
    return get("markup", rng.choice(["/search?q=%E5%8B%9E%E5%B7%A5", "/", "/reports",
                                     "/p/" + rng.choice(known.paragraphs)]),
               headers=((name, payload.encode()),), payloads=markup_in(seen))


def gen_invalid_utf8(rng: random.Random, known: Known) -> Probe:
    """Percent-escapes that decode to bytes that are not UTF-8, in values, names and paths."""
    junk = "".join(rng.choice(BAD_ESCAPES) for _ in range(rng.randint(1, 4)))
    word = quote(rng.choice(WORDS), safe="")
    mixed = rng.choice([junk, word + junk, junk + word, word[:4] + junk + word[4:]])
    where = rng.random()
    if where < 0.5:
        name = rng.choice(["q", "q", "year", "section", "chapter", "subsection", "page", "limit", "lang"])
        target = f"{search_path(rng)}?{name}={mixed}"
    elif where < 0.6:
        target = f"/search?{junk}=1&q={word}"
    elif where < 0.9:
        prefix = rng.choice(["/p/", "/r/", "/api/paragraphs/", "/api/reports/", "/static/", "/"])
        target = prefix + rng.choice([junk, rng.choice(known.paragraphs) + junk, junk + rng.choice(known.reports)])
    else:
        target = "/r/" + rng.choice(known.reports) + "?p=" + mixed
    return Probe("invalid UTF-8", "GET", target.encode("ascii"))


def gen_long_values(rng: random.Random, known: Known) -> Probe:
    """Values of up to a few KB: the query string, IDs, the reader's ``p``."""
    size = rng.choice([201, 1000, 2000, 4000, 8000])
    value = rng.choice(["勞", "a", "%", "<", "勞工 ", "a OR ", "\"", "(", "-", "😀"]) * size
    value = value[:size]
    where = rng.random()
    if where < 0.5:
        name = rng.choice(["q", "q", "year", "section", "chapter", "subsection", "page", "limit", "lang", "x"])
        return get("long values", search_path(rng), [(name, value)], rng, markup_in(value))
    if where < 0.7:
        return get("long values", "/r/" + rng.choice(known.reports), [("p", value)], rng, markup_in(value))
    prefix = rng.choice(["/p/", "/r/", "/api/paragraphs/", "/api/reports/"])
    ident = rng.choice([known.paragraphs[0] + "." + "1." * (size // 2) + "1", "x" * size,
                        "gxszflgj-104-3.2-" + "9" * size])
    return get("long values", prefix + quote(ident[:size], safe=""))


TRAVERSALS = ("../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
              "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "..%2f", "..%5c..%5cpyproject.toml", "..\\..\\pyproject.toml",
              "....//....//etc/passwd", "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "..%252f..%252fetc%252fpasswd",
              "../__init__.py", "..%2f__init__.py", "%2e%2e/__init__.py", "../../pyproject.toml",
              "..%2f..%2fpyproject.toml", "..;/..;/etc/passwd", "/etc/passwd", "%2fetc%2fpasswd",
              "..%00/etc/passwd", "../../tests/web/test_hostile_requests.py", ".", "..", "%2e", "%2e%2e")


def gen_traversal(rng: random.Random, known: Known) -> Probe:
    prefix = rng.choice(["/p/", "/r/", "/static/", "/static/", "/api/paragraphs/", "/api/reports/", "/", "//",
                         "/static/../", "/api/", "/reports/"])
    return Probe("path traversal", rng.choice(["GET", "GET", "HEAD"]), (prefix + rng.choice(TRAVERSALS)).encode())


def near_miss(ident: str, rng: random.Random) -> str:
    """A variation of an existing ID: numbers changed, parts dropped, doubled or cased."""
    change = rng.randrange(9)
    head, _, tail = ident.rpartition("-")
    return [f"{head}-{rng.choice(BAD_NUMBERS)}", f"{head}-{tail}{tail}", ident.upper(), ident + "-",
            ident.replace("-", "--"), ident.replace("-", "/"), f"{ident}.{rng.randint(0, 99)}",
            ident + random_text(rng, 2), f"{head}-{10 ** rng.randint(3, 40)}"][change]


def gen_ids(rng: random.Random, known: Known) -> Probe:
    """Paragraph and report IDs that almost exist, or do, on every ID route."""
    ident = rng.choice(known.paragraphs + known.reports)
    ident = near_miss(ident, rng) if rng.random() < 0.8 else ident
    prefix = rng.choice(["/p/", "/r/", "/api/paragraphs/", "/api/reports/"])
    pairs = [("p", near_miss(rng.choice(known.paragraphs), rng))] if prefix == "/r/" and rng.random() < 0.4 else []
    return get("ids", prefix + quote(ident, safe=""), pairs, rng)


def any_target(rng: random.Random, known: Known) -> str:
    """A plausible target on any route."""
    return rng.choice(["/", "/search?q=%E5%8B%9E%E5%B7%A5", "/search?q=a+OR+b&page=2", "/api/search?q=x",
                       "/api/search?q=%E5%8B%9E%E8%B3%87%E7%88%AD%E8%AD%B0&year=110", "/reports", "/api/reports",
                       "/api/openapi.json", "/p/" + rng.choice(known.paragraphs),
                       "/api/paragraphs/" + rng.choice(known.paragraphs), "/r/" + rng.choice(known.reports),
                       "/api/reports/" + rng.choice(known.reports), "/static/style.css", "/static/copy.js",
                       "/favicon.ico", "/api/nothing", "/nothing"])


def gen_methods(rng: random.Random, known: Known) -> Probe:
    """Every method on every route, with and without a body."""
    method = rng.choice(METHODS + ("CONNECT", "PROPFIND", "FOO-BAR", "X" * 60))
    body = b""
    headers: tuple[tuple[bytes, bytes], ...] = ()
    if method in ("POST", "PUT", "PATCH", "DELETE") and rng.random() < 0.6:
        body, content_type = rng.choice([
            (b"q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&year=104", b"application/x-www-form-urlencoded"),
            (json.dumps({"q": "<script>alert(1)</script>", "limit": -1}).encode(), b"application/json"),
            (b"{not json", b"application/json"),
            (bytes(rng.randrange(256) for _ in range(rng.randint(1, 2000))), b"application/octet-stream"),
            (b"--x\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n<script>\r\n--x--\r\n",
             b"multipart/form-data; boundary=x"),
        ])
        headers = ((b"Content-Type", content_type),)
        if rng.random() < 0.2:  # the same body in chunks, which waitress reassembles
            body = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 100]), body[i:i + 100])
                            for i in range(0, len(body), 100)) + b"0\r\n\r\n"
            headers += ((b"Transfer-Encoding", b"chunked"),)
    return Probe("methods", method, any_target(rng, known).encode(), headers, body)


def accept_language(rng: random.Random) -> bytes:
    """A broken or outsized Accept-Language."""
    pick = rng.randrange(10)
    if pick == 0:  # thousands of languages
        return ",".join(f"x{i}-{rng.choice(['tw', 'zz', 'Hant'])};q=0.{rng.randint(0, 9)}"
                        for i in range(rng.randint(1000, 4000))).encode()
    if pick == 1:
        q = rng.choice(["999999999999999999999", "1e999", "-1", "nan", "inf", "0x1", "", "1.0.0", "q"])
        return f"en;q={q}".encode()
    if pick == 2:
        return b"zh;q=-inf, en;q=NaN, *;q=1e308, ;q=1, ,,,,"
    if pick == 3:
        return random_text(rng, rng.randint(1, 60)).encode("utf-8", "replace")
    if pick == 4:
        return bytes(rng.randint(0x21, 0xFF) for _ in range(rng.randint(1, 200)))
    if pick == 5:
        return b";" * rng.randint(1, 5000)
    if pick == 6:
        return b"zh-TW;q=0.9;q=0.8;level=1;=;a=b, en-GB-oed-x-private-" + b"a" * rng.randint(1, 3000)
    if pick == 7:
        return b"*"
    if pick == 8:
        return ("en-" * rng.randint(1, 3000)).encode()
    return rng.choice([b"zh-Hant-TW", b"en-US,en;q=0.5", b"ZH", b"klingon", b"en;q=0, zh;q=0"])


def odd_header(rng: random.Random) -> tuple[bytes, bytes]:
    """One header with a long or odd name or value.

    Not sent: a Transfer-Encoding other than chunked, which waitress rightly answers with
    501 (RFC 9112, section 6.1), and a Content-Length with no body behind it, which leaves
    waitress waiting for the body (until its 30 s channel timeout) as it should."""
    pick = rng.randrange(10)
    if pick == 0:
        return b"Host", rng.choice([b"a" * rng.randint(64, 5000), b"a..b", b"-", b".", b"[::1", b"[::1]:99999",
                                    b"127.0.0.1:-1", b"127.0.0.1:abc", b"\xff\xfe.example", b"xn--", b"a b",
                                    b"evil.example@127.0.0.1", b"127.0.0.1, evil.example", b"\x7f", b""])
    if pick == 1:
        return b"Cookie", b"; ".join(b"c%d=%s" % (i, b"v" * rng.randint(0, 200)) for i in range(rng.randint(1, 400)))
    if pick == 2:
        return b"Cookie", b"session=" + b"\"\\;,=" * rng.randint(1, 2000)
    if pick == 3:
        return b"X-" + b"N" * rng.randint(1, 2000), b"v"
    if pick == 4:
        return b"User-Agent", bytes(rng.randint(0x20, 0xFF) for _ in range(rng.randint(1, 3000)))
    if pick == 5:
        return rng.choice([b"If-Modified-Since", b"If-None-Match", b"Range", b"If-Range"]), rng.choice(
            [b"garbage", b"bytes=99999999-1", b"bytes=0-1,2-3,4-5", b"bytes=-0", b"Mon, 01 Jan 99999 00:00:00 GMT",
             b"\"" * 100, b"*", b"W/\"x\"," * 500])
    if pick == 6:
        return b"Content-Length", rng.choice([b"-1", b"abc", b"1 1", b"0x10", b"99999999999999999999"])
    if pick == 7:
        return rng.choice([b"X-Forwarded-For", b"X-Forwarded-Host", b"X-Forwarded-Proto", b"Forwarded"]), \
            rng.choice([b"<script>", b"javascript:", b"evil.example", b"1.2.3.4, " * 200, b""])
    if pick == 8:
        return b"Connection", rng.choice([b"keep-alive", b"upgrade", b"close, close", b"\x01"])
    return b"Accept", rng.choice([b"*/*;q=999", b"text/html;level=" + b"9" * 500, b"application/json", b""])


def gen_headers(rng: random.Random, known: Known) -> Probe:
    """Long and odd headers: Host, huge Cookie, many headers, broken conditional ones."""
    headers = [odd_header(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.2:  # many headers
        headers += [(b"X-H%d" % i, b"v" * rng.randint(0, 20)) for i in range(rng.randint(100, 1500))]
    if rng.random() < 0.1:  # headers over the 64 KB limit
        headers.append((b"Cookie", b"c=" + b"v" * (LIMITS["max_request_header_size"] + rng.randint(1, 2000))))
    return Probe("headers", rng.choice(["GET", "GET", "HEAD", "POST"]), any_target(rng, known).encode(),
                 tuple(headers))


def gen_accept_language(rng: random.Random, known: Known) -> Probe:
    return Probe("Accept-Language", "GET", any_target(rng, known).encode(),
                 ((b"Accept-Language", accept_language(rng)),))


def raw_request(line: bytes) -> bytes:
    """A whole request around a request line (which may hold anything)."""
    return line + b"\r\nHost: " + HOST.encode() + b"\r\nConnection: close\r\n\r\n"


def gen_request_line(rng: random.Random, known: Known) -> Probe:
    """Request lines http.client would refuse to send: raw bytes, controls, odd versions."""
    target = any_target(rng, known).encode()
    junk = rng.choice([b"\xff\xfe", b"\xc3\x28", b"\xc0\xaf", "勞工".encode(), b"\x00", b"\x01", b"\x1b[31m",
                       b"\x7f", b"\t", b"\x85", b"\xa0", b"\r", b"\x0b", b"\x0c", b"\xed\xa0\x80", b"<script>"])
    pick = rng.randrange(10)
    method = b"GET"
    if pick == 0:
        line = b"GET " + target + junk + b" HTTP/1.1"
    elif pick == 1:
        line = b"GET /search?q=" + junk + b" HTTP/1.1"
    elif pick == 2:
        line = b"GET /p/" + junk + b" HTTP/1.1"
    elif pick == 3:
        line = b"GET " + target + b" " + rng.choice([b"HTTP/0.9", b"HTTP/1.0", b"HTTP/2.0", b"HTTP/9.9", b"http/1.1",
                                                      b"HTTP/1.1 extra", b"HTTP/", b"HTTP/1.10", b"FOO/1.1"])
    elif pick == 4:
        line = b"GET " + target  # no version: HTTP/0.9 style
    elif pick == 5:
        method = rng.choice([b"get", b"G\xc3\xa9T", b"GET\x00", b"", b"<script>", b"G", b"GE T"])
        line = method + b" " + target + b" HTTP/1.1"
    elif pick == 6:
        line = b"GET " + rng.choice([b"http://evil.example", b"https://127.0.0.1", b"//evil.example", b"*",
                                     b"ftp://x", b"http://[::1]:99999", b"javascript:alert(1)", b"?",
                                     b"#", b"/?#", b"/search?q=x#<script>alert(1)</script>"]) + target + b" HTTP/1.1"
    elif pick == 7:
        line = b"GET  " + target + b"  HTTP/1.1"  # doubled spaces
    elif pick == 8:  # a request line just over (or under) the header limit
        size = LIMITS["max_request_header_size"] + rng.choice([-200, 10, 5000])
        line = b"GET /search?q=" + b"a" * size + b" HTTP/1.1"
    else:
        line = b"GET " + target + b" HTTP/1.1\r\nX-Folded: a\r\n continued" + junk
    words = line.split(b"\r\n", 1)[0].split(b" ")
    return Probe("request line", method.decode("latin-1"), words[1] if len(words) > 1 else b"", raw=raw_request(line))


def gen_random_path(rng: random.Random, known: Known) -> Probe:
    """Paths nobody routes, made of random segments, some of them percent-encoded."""
    segments = []
    for _ in range(rng.randint(1, 6)):
        pick = rng.random()
        if pick < 0.4:
            segments.append(quote(random_text(rng, rng.randint(1, 10)), safe=""))
        elif pick < 0.6:
            segments.append(rng.choice(["api", "p", "r", "static", "search", "reports", "openapi.json", "..", ".",
                                        "", "%2F", "%00", "~", ".git", ".env", "index.php", "wp-admin"]))
        else:
            segments.append("".join(rng.choice("abcxyz0123-_.~!$&'()*+,;=:@") for _ in range(rng.randint(1, 12))))
    return Probe("random paths", rng.choice(["GET", "GET", "HEAD", "OPTIONS"]), ("/" + "/".join(segments)).encode())


GENERATORS: tuple[tuple[Callable[[random.Random, Known], Probe], int], ...] = (
    (gen_search_text, 22), (gen_bad_arguments, 12), (gen_markup, 12), (gen_invalid_utf8, 10),
    (gen_long_values, 5), (gen_traversal, 6), (gen_ids, 8), (gen_methods, 8), (gen_headers, 6),
    (gen_accept_language, 5), (gen_request_line, 5), (gen_random_path, 4),
)


def fixed_probes(known: Known) -> list[Probe]:
    """Requests named in the specification of this fuzzer, sent in every run whatever the seed."""
    paragraph, report = known.paragraphs[0], known.reports[0]
    gets = ["/search?q=%ff%fe", "/api/search?q=%c3%28", "/search?q=%c0%af", "/api/search?q=%ff%fe&year=%c0%af",
            "/p/../../etc/passwd", "/p/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/r/..%2f", "/r/..%2f..%2fpyproject.toml",
            "/static/../web/__init__.py", "/static/..%2f__init__.py", "/static/%2e%2e/%2e%2e/pyproject.toml",
            f"/p/{paragraph}", f"/r/{report}", f"/api/paragraphs/{paragraph}", f"/api/reports/{report}",
            "/api/reports", "/api/openapi.json", "/reports", "/", "/search?q=*", "/search?q=%22",
            "/api/search?q=(((", "/search?q=year:[104+TO+110]", "/api/search?q=NOT", "/search?q=a~2+b^3+c*+d?"]
    probes = [Probe("fixed", "GET", target.encode()) for target in gets]
    # A request without a body that expects 100-continue. Waitress 3.0.2 sends "100 Continue",
    # then waits for a body that is not coming and never answers (the connection closes after
    # its 30 s channel timeout): this one fails the deadline check until that is dealt with.
    probes.append(Probe("fixed", "GET", b"/api/search?q=%E5%8B%9E%E5%B7%A5", ((b"Expect", b"100-continue"),)))
    probes.append(Probe("fixed", "GET", b"/search", raw=raw_request(
        b"GET /search?q=" + b"x" * (LIMITS["max_request_header_size"] + 100) + b" HTTP/1.1")))
    probes.append(Probe("fixed", "GET", b"/search", raw=b"GET /search?q=\xff\xfe HTTP/1.1\r\n\r\n"))  # no Host
    return probes


def generate(count: int, seed: int, known: Known) -> list[Probe]:
    """``count`` probes: the fixed ones, then generated ones from ``seed``."""
    rng = random.Random(seed)
    makers = [maker for maker, _ in GENERATORS]
    weights = [weight for _, weight in GENERATORS]
    probes = fixed_probes(known)
    while len(probes) < count:
        probes.append(rng.choices(makers, weights)[0](rng, known))
    return probes


# ---------------------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------------------
