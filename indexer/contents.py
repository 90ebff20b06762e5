"""Everything an index generation holds, as plain data, to prove two builds equal.

A faster build (memoised analysis, worker processes, incremental generations) must write
the same index as the plain single-process build: the same documents under the same
document numbers, the same stored fields, the same postings (positions and character
offsets included) and field lengths, hence the same scores. :func:`digest` reduces a
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
    """(part, line) pairs describing the generation at ``path``, in a fixed order."""
    ix = whoosh_index.open_dir(str(path))
    try:
        with ix.reader() as reader:
            yield "schema", json.dumps(sorted(reader.schema.names()))
            yield "docs", str(reader.doc_count_all())
            for docnum, stored in reader.iter_docs():
                yield "stored", json.dumps([docnum, stored], ensure_ascii=False, sort_keys=True)
            for name, field in reader.schema.items():
                if not field.indexed:
                    continue
                for docnum in range(reader.doc_count_all()):
                    if field.scorable:
                        yield "length", f"{name} {docnum} {reader.doc_field_length(docnum, name)}"
                for term in reader.lexicon(name):
                    postings = reader.postings(name, term)
                    items = []
                    while postings.is_active():
                        items.append(f"{postings.id()}:{postings.weight()!r}:{postings.value()!r}")
                        postings.next()
                    yield "postings", f"{name} {term!r} " + " ".join(items)
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
