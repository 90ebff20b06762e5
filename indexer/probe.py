"""Probe: the look-ups that query rewriting makes in the index, behind one small interface.

Relaxing a run printed nowhere, finding the printed stretches of a compound and checking
whether an English word occurs all ask the index whether something is there. They ask a
:class:`Probe`, which answers from the generation's memo when the same question was asked
before (by any request), stops at the first matching document, and answers "no" once the
search's deadline has passed, so rewriting can never hold a worker past it.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher

from .deadline import Deadline
from .execute import Executor
from .query import match_query, sequence_query
from .snapshot import Snapshot
from .syntax import Term


class Probe:
    """Index look-ups for one search: within its year/section filter, or anywhere."""

    def __init__(self, snapshot: Snapshot, searcher: Searcher, deadline: Deadline,
                 allowed: np.ndarray | None = None, scope: tuple = (), executor: Executor | None = None) -> None:
        self.snapshot, self.searcher, self.deadline = snapshot, searcher, deadline
        self.allowed, self.scope = allowed, scope
        self.executor = executor or Executor(searcher, deadline, snapshot)
        self.looked = 0  # look-ups that reached the index (not answered from the memo)

    def found(self, term: Term, within: bool = True) -> bool:
        """Whether ``term`` matches some paragraph (within the filter when ``within``)."""
        return self._any("found", term, match_query, within)

    def printed(self, term: Term, within: bool = True) -> bool:
        """Whether ``term`` is printed as one sequence in some paragraph's text or headings."""
        return self._any("printed", term, sequence_query, within)

    def count(self, term: Term) -> int:
        """How many paragraphs print ``term`` as a sequence, anywhere."""
        q = sequence_query(term)
        if q is None:
            return 0
        return self._memo(("count", term), lambda: len(self.executor.docs(q)))

    def known_word(self, word: str) -> bool:
        """Whether ``word`` is a word of some paragraph (English words not in the glossary)."""
        return self.searcher.doc_frequency("words", word) > 0

    def _any(self, kind: str, term: Term, compile_: Callable[[Term], Q.Query | None], within: bool) -> bool:
        q = compile_(term)
        if q is None:
            return False
        allowed = self.allowed if within else None
        return self._memo((kind, term, self.scope if within else ()), lambda: self.executor.exists(q, allowed))

    def _memo(self, key, look):
        """The memo's answer, or the index's; an answer cut short by the deadline is not kept."""
        missing = object()
        value = self.snapshot.probes.lookup(key, missing)
        if value is not missing:
            return value
        self.looked += 1
        value = look()
        if not self.deadline.expired():
            self.snapshot.probes.put(key, value)
        return value

