"""The processes the benchmark measures, started the way a user starts them: the
``reportsearch`` command in a subprocess. Measuring from outside (wall time, the process
tree's peak memory, bytes on disk, time to the first answer) keeps the figures honest for
whatever the engine does inside, and a fresh process per build keeps one build's memory
from inflating the next one's.

Every server started here listens on 127.0.0.1 only and is stopped by :func:`serving`'s
``finally``, whatever goes wrong.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
POLL = 0.02  # seconds between polls: of memory during a build, of the server while it starts


def command() -> list[str]:
    """The ``reportsearch`` command of this interpreter's environment."""
    script = Path(sys.executable).parent / "reportsearch"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from indexer.cli import main; main()"]


def environment() -> dict[str, str]:
    """The environment for the engine's processes: this checkout's code first, so the
    benchmark measures the tree it sits in."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


@dataclass(frozen=True)
class Build:
    seconds: float
    peak_mb: float
    index_mb: float
    output: str
    returncode: int


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of a process and its descendants (0 once it has gone)."""
    try:
        procs = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def build_index(corpus: Path, index: Path, log: Path) -> Build:
    """``reportsearch index`` in a subprocess: wall time, peak memory (polled), size."""
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as err:
        proc = subprocess.Popen([*command(), "index", "--corpus", str(corpus), "--index", str(index)],
                                stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT, env=environment())
        watched, peak = psutil.Process(proc.pid), 0
        while proc.poll() is None:
            peak = max(peak, tree_rss(watched))
            time.sleep(POLL)
        seconds = time.perf_counter() - started
        output = proc.stdout.read()
        proc.stdout.close()
    return Build(round(seconds, 2), round(peak / 2**20, 1), round(dir_mb(index), 2), output.strip(), proc.returncode)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def serve_options() -> list[str]:
    """``--time-limit 1`` when this version of ``serve`` has the option."""
    help_text = subprocess.run([*command(), "serve", "--help"], capture_output=True, text=True, cwd=ROOT,
                               env=environment()).stdout
    return ["--time-limit", "1"] if "--time-limit" in help_text else []


def first_answer(port: int, proc: subprocess.Popen, limit: float) -> dict:
    """Poll /api/search every POLL seconds until it answers 200; the answer's total."""
    url = f"http://{HOST}:{port}/api/search?q=%E5%8B%9E%E5%B7%A5"  # 勞工
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=max(1.0, deadline - time.perf_counter())) as response:
                if response.status == 200:
                    return json.loads(response.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
            pass
        time.sleep(POLL)
    raise RuntimeError(f"the server did not answer within {limit:.0f} s")


@contextmanager
def serving(index: Path, log: Path, limit: float = 300.0) -> Iterator[dict]:
    """Start ``reportsearch serve`` on a free port and wait for its first answer; yields
    {port, pid, options, seconds (start to first answer), total}. Stopped on exit."""
    port, options = free_port(), serve_options()
    with open(log, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.Popen([*command(), "serve", "--index", str(index), "--host", HOST, "--port", str(port),
                                 *options], stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=environment())
        try:
            answer = first_answer(port, proc, limit)
            yield {"port": port, "pid": proc.pid, "options": options,
                   "seconds": round(time.perf_counter() - started, 3), "total": answer.get("total")}
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def rss_mb(pid: int) -> float | None:
    try:
        return round(tree_rss(psutil.Process(pid)) / 2**20, 1)
    except psutil.Error:
        return None


def run_json(args: list[str], timeout: float) -> dict:
    """Run a benchmark script with this interpreter and parse the JSON it prints."""
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=environment(),
                          timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"{' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def export(index: Path) -> list[dict]:
    """``reportsearch export``: every paragraph of the index as a dict."""
    done = subprocess.run([*command(), "export", "--index", str(index)], capture_output=True, text=True,
                          cwd=ROOT, env=environment(), check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def git(*args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def machine() -> dict:
    """What the figures were measured on, and how busy it was."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() \
        else platform.processor()
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "sqlite": __import__("sqlite3").sqlite_version,
            "git_commit": git("rev-parse", "HEAD"), "git_dirty": bool(git("status", "--porcelain")),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def indexer_state() -> str:
    """A hash of the indexer's code and data as they are on disk (committed or not): an
    index built from the same corpus by the same code can be reused."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "indexer").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
