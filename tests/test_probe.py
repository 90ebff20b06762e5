"""Stage 3, probe: index look-ups for rewriting, memoised per generation, bounded by the deadline."""
from __future__ import annotations

from indexer import lexicon
from indexer.deadline import Deadline
from indexer.probe import Probe
from indexer.search import _snapshot_of
from indexer.syntax import Term

from expect import containing, headed, led


def probe(searcher, seconds=60, **filters):
    snapshot = _snapshot_of(searcher)
    allowed = snapshot.allowed(**filters)
    return Probe(snapshot, searcher, Deadline(seconds), allowed, tuple(sorted(filters.items())))


def test_found_printed_and_counted(searcher, reports):
    with lexicon.using(_snapshot_of(searcher).segmenter):
        p = probe(searcher)
        assert p.found(Term("勞資爭議")) and not p.found(Term("館災"))
        assert p.printed(Term("勞資爭議")) and p.known_word("app")
        printed = containing(reports, "勞資爭議") | headed(reports, "勞資爭議") | led(reports, "勞資爭議")
        assert p.count(Term("勞資爭議")) == len(printed) > 0


def test_within_a_filter_and_anywhere(searcher, reports):
    only_104 = [p.text for p in reports[104].paragraphs]
    only_110 = [p.text for p in reports[110].paragraphs]
    word = "線上服務"
    assert any(word in t for t in only_104) and not any(word in t for t in only_110)
    with lexicon.using(_snapshot_of(searcher).segmenter):
        p = probe(searcher, year=110)
        assert not p.printed(Term(word)) and p.printed(Term(word), within=False)


def test_answers_are_remembered_for_the_generation(searcher):
    with lexicon.using(_snapshot_of(searcher).segmenter):
        first = probe(searcher)
        first.printed(Term("職業訓練"))
        second = probe(searcher)
        assert second.printed(Term("職業訓練")) and second.looked == 0


def test_after_the_deadline_the_answer_is_no_and_not_remembered(searcher):
    with lexicon.using(_snapshot_of(searcher).segmenter):
        late = probe(searcher, seconds=0)
        assert not late.found(Term("外籍勞工調查"))
        assert probe(searcher).found(Term("外籍勞工"))
        assert _snapshot_of(searcher).probes.lookup(("found", Term("外籍勞工調查"), ())) is None
