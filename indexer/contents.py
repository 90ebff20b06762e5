"""Everything an index generation holds, as plain data, to prove two builds equal.

A faster build (memoised analysis, worker processes writing a segment each, incremental
generations) must write the same index as the plain single-process build: the same
documents, stored fields, postings (positions and character offsets included), field
lengths and total field lengths, hence the same scores. :func:`digest` reduces a
generation to a short hash of all that, and :func:`differences` names what differs.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from whoosh import index as whoosh_index

from . import lexicon
from .store import META


def _records(path: Path) -> Iterator[tuple[str, str]]:
    """(part, line) pairs describing the generation at ``path``, in a fixed order. Documents
    are named by their paragraph ID, not their number: builds that write several segments,
    or add a report to an index, number the same documents differently, and a reader sees
    no difference (reading order goes by report and place)."""
    ix = whoosh_index.open_dir(str(path))
    try:
        with ix.reader() as reader:
            yield "schema", json.dumps(sorted(reader.schema.names()))
            yield "docs", f"{reader.doc_count_all()} {reader.doc_count()}"
            names = {docnum: stored["id"] for docnum, stored in reader.iter_docs()}
            for _name, stored in sorted(((names[n], s) for n, s in reader.iter_docs()), key=lambda x: x[0]):
                yield "stored", json.dumps(stored, ensure_ascii=False, sort_keys=True)
            for name, field in reader.schema.items():
                if not field.indexed:
                    continue
                if field.scorable:
                    yield "total length", f"{name} {reader.field_length(name)}"
                    for docnum, pid in sorted(names.items(), key=lambda x: x[1]):
                        yield "length", f"{name} {pid} {reader.doc_field_length(docnum, name)}"
                for term in reader.lexicon(name):
                    postings = reader.postings(name, term)
                    items = []
                    while postings.is_active():
                        items.append((names[postings.id()], f"{postings.weight()!r}:{postings.value()!r}"))
                        postings.next()
                    yield "postings", f"{name} {term!r} " + " ".join(f"{pid}:{rest}" for pid, rest in sorted(items))
    finally:
        ix.close()
    yield "meta", (path / META).read_text(encoding="utf-8")
    yield "userdict", "\n".join(lexicon.load(path))


def digest(path: Path) -> str:
    """A hash of everything the generation at ``path`` holds (see the module docstring)."""
    h = hashlib.sha256()
    for part, line in _records(path):
        h.update(f"{part}\t{line}\n".encode())
    return h.hexdigest()


def differences(a: Path, b: Path, limit: int = 5) -> list[str]:
    """The first ``limit`` records where two generations differ (empty when equal)."""
    out = []
    left, right = list(_records(a)), list(_records(b))
    for x, y in zip(left, right):
        if x != y:
            out.append(f"{x[0]}: {x[1][:200]!r} != {y[1][:200]!r}")
            if len(out) >= limit:
                break
    if len(left) != len(right):
        out.append(f"{len(left)} records != {len(right)}")
    return out
