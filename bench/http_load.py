"""The benchmark's HTTP client, run as its own process so that client work never competes
with the server for the interpreter lock (it still shares the machine's cores).

Two modes, each printing one JSON object on stdout:

* ``mix``: the query mix sent sequentially, one warm-up pass (its latencies kept apart as
  ``cold``: the first time the server sees each query) then measured passes, each query's
  latencies with the ``total`` and ``timed_out`` of its answer;
* ``load``: the mix sent by C threads for a fixed time: requests/s, latency, errors
  (non-200 answers and connection failures) and time-outs (client time-outs and answers
  with ``timed_out: true``), counted apart.

Usage: python bench/http_load.py mix  --port P [--mix bench/mix.json] [--passes 3] [--budget S]
       python bench/http_load.py load --port P --concurrency C [--seconds 10]

Only ever talks to 127.0.0.1. Both modes are bounded in time (a budget for the warm-up,
one for the measured passes, of which the first always completes; a duration per load
level), and every request has a client time-out.
"""
from __future__ import annotations

import argparse
import http.client
import json
import socket
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.stats import measure_passes, summary, warm_up  # noqa: E402

HOST = "127.0.0.1"


@dataclass
class Answer:
    ms: float
    status: int  # 0: no answer (connection failure or client time-out)
    total: int | None = None
    timed_out: bool = False
    client_timeout: bool = False
    error: str | None = None


def load_mix(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def request_path(item: dict) -> str:
    """The /api/search URL of a mix item: q, and year and section when it has them."""
    args = {k: item[k] for k in ("q", "year", "section") if item.get(k)}
    return "/api/search?" + urlencode(args)


class Client:
    """One keep-alive connection, reopened after any failure."""

    def __init__(self, port: int, timeout: float) -> None:
        self.port, self.timeout = port, timeout
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> Answer:
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            self.conn.request("GET", path)
            response = self.conn.getresponse()
            body = response.read()
            ms = (time.perf_counter() - started) * 1000
            if response.status != 200:
                return Answer(ms, response.status, error=f"HTTP {response.status}")
            data = json.loads(body)
            return Answer(ms, 200, data.get("total"), bool(data.get("timed_out")))
        except (socket.timeout, TimeoutError) as exc:
            self.close()
            return Answer((time.perf_counter() - started) * 1000, 0, client_timeout=True, error=type(exc).__name__)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            self.close()
            return Answer((time.perf_counter() - started) * 1000, 0, error=f"{type(exc).__name__}: {exc}"[:200])

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def run_mix(port: int, mix: list[dict], passes: int, warmup_budget: float, budget: float,
            timeout: float) -> dict:
    """A warm-up pass (cut at ``warmup_budget`` s), then whole measured passes within
    ``budget`` s (see :func:`bench.stats.measure_passes`)."""
    client = Client(port, timeout)
    records = [{**item, "cold_ms": None, "ms": [], "total": None, "timed_out": False, "errors": 0} for item in mix]

    def warm(i: int) -> None:
        records[i]["cold_ms"] = round(client.get(request_path(mix[i])).ms, 2)

    warmed = warm_up(len(mix), warmup_budget, warm)

    def once(i: int) -> None:
        record = records[i]
        answer = client.get(request_path(record))
        record["ms"].append(round(answer.ms, 2))
        if answer.status == 200:
            record["total"], record["timed_out"] = answer.total, record["timed_out"] or answer.timed_out
        else:
            record["errors"] += 1
            record["error"] = answer.error

    started = time.perf_counter()
    done = measure_passes(len(records), passes, budget, once)
    client.close()
    return {"warmed": warmed, "passes": done, "seconds": round(time.perf_counter() - started, 2),
            "cold": summary(r["cold_ms"] for r in records if r["cold_ms"] is not None),
            "latency": summary(ms for record in records for ms in record["ms"]), "queries": records}


def run_load(port: int, mix: list[dict], concurrency: int, seconds: float, timeout: float) -> dict:
    """``concurrency`` threads sending the mix round-robin (each from its own offset) until
    ``seconds`` have passed; requests still running then are waited for and counted."""
    paths = [request_path(item) for item in mix]
    answers: list[Answer] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        client, i, mine = Client(port, timeout), offset, []
        while time.perf_counter() < deadline:
            mine.append(client.get(paths[i % len(paths)]))
            i += 1
        client.close()
        with lock:
            answers.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k * len(paths) // concurrency,)) for k in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ok = [a for a in answers if a.status == 200]
    return {
        "concurrency": concurrency, "seconds": round(elapsed, 2), "requests": len(answers),
        "ok": len(ok), "rps": round(len(ok) / elapsed, 2) if elapsed else None,
        "latency": summary(a.ms for a in ok),
        "errors": sum(1 for a in answers if a.status != 200 and not a.client_timeout),
        "timeouts": sum(1 for a in answers if a.client_timeout or a.timed_out),
        "client_timeouts": sum(1 for a in answers if a.client_timeout),
        "timed_out_answers": sum(1 for a in answers if a.timed_out),
        "error_samples": sorted({a.error for a in answers if a.error})[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("mix", "load"))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mix", type=Path, default=ROOT / "bench" / "mix.json")
    parser.add_argument("--query", help="send only this query (mix mode), e.g. a one-term floor")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--warmup-budget", type=float, default=60.0, help="seconds [default: 60]")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds for the measured passes")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of a load level")
    parser.add_argument("--timeout", type=float, default=10.0, help="client time-out per request")
    args = parser.parse_args()
    mix = [{"kind": "floor", "q": args.query}] if args.query else load_mix(args.mix)
    if args.mode == "mix":
        out = run_mix(args.port, mix, args.passes, args.warmup_budget, args.budget, args.timeout)
    else:
        out = run_load(args.port, mix, args.concurrency, args.seconds, args.timeout)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
