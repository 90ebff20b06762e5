"""One snapshot per index generation: opened once, pinned by each request, closed after."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from indexer import lexicon
from indexer.analysis import WordTokenizer, tokens
from indexer.build import build_index
from indexer.search import search
from indexer.snapshot import Memo, Snapshot, open_snapshot
from indexer.store import current_generation
from web import create_app
from web.served_index import ServedIndex, snapshot
from web.served_index import reports as served_reports

from expect import containing


def test_a_memo_drops_the_least_recently_used_by_weight():
    memo = Memo(10, weigh=len)
    memo.put("a", "xxxx")
    memo.put("b", "xxxx")
    assert memo.lookup("a") == "xxxx"  # a is now the most recent
    memo.put("c", "xxxx")
    assert memo.lookup("b") is None and memo.lookup("a") and memo.lookup("c")
    memo.put("huge", "x" * 11)
    assert memo.lookup("huge") is None  # larger than the whole memo: not kept


def test_filters_and_facets_come_from_the_generations_columns(index_dir, reports):
    snap = open_snapshot(index_dir)
    try:
        year = snap.allowed(year=110)
        assert year.sum() == len(reports[110].paragraphs)
        section = snap.allowed(section="勞資爭議調處")
        both = snap.allowed(year=110, section="勞資爭議調處")
        assert 0 < both.sum() < section.sum() and not (both & ~section).any()
        counts = snap.facet_counts(year.nonzero()[0])
        assert counts["year"] == {"110": year.sum()}
        assert sum(counts["chapter"].values()) == year.sum()
    finally:
        snap.close()


def test_a_retired_snapshot_closes_when_its_last_user_releases_it(index_dir):
    snap = open_snapshot(index_dir).acquire()
    snap.retire()
    assert not snap.closed
    assert search(snap, "勞資爭議").total > 0  # still answers for the request that pinned it
    snap.release()
    assert snap.closed


@pytest.fixture()
def two_generations(tmp_path, reports):
    """An index root with the 104 report; a function that rebuilds it with the 110 one."""
    root = tmp_path / "index"
    build_index([reports[104]], root)
    return root, lambda: build_index([reports[110]], root)


def test_a_request_never_mixes_two_generations(two_generations, reports):
    root, rebuild = two_generations
    app = create_app({"INDEX_ROOT": root, "TESTING": True})
    with app.test_request_context("/search?q=勞工"):
        pinned = snapshot()
        rebuild()
        assert snapshot() is pinned and list(served_reports()) == [reports[104].id]
        assert search(pinned, "勞工").hits[0].year == 104
    with app.test_request_context("/search?q=勞工"):
        assert list(served_reports()) == [reports[110].id] and snapshot() is not pinned
    assert pinned.closed  # the old generation closed once its request ended


def test_a_rebuilt_index_segments_queries_as_a_fresh_process_does(two_generations, reports):
    root, rebuild = two_generations
    only_104 = sorted(set(lexicon.domain_terms([reports[104]])) - set(lexicon.domain_terms([reports[110]])),
                      key=len, reverse=True)
    query = next(t for t in only_104 if len(t) >= 4)
    served = ServedIndex(root)
    served.refresh()
    with lexicon.using(served.snapshot.segmenter):
        before = tokens(WordTokenizer(), query)
    rebuild()
    served.refresh()
    with lexicon.using(served.snapshot.segmenter):
        after = tokens(WordTokenizer(), query)
    fresh = subprocess.run(
        [sys.executable, "-c", FRESH, str(current_generation(root)), query],
        capture_output=True, text=True, check=True, timeout=120,
    )
    assert after == json.loads(fresh.stdout)
    assert before == [query] != after  # the first generation's name no longer holds
    served.close()


FRESH = """
import json, sys
from pathlib import Path
from indexer import lexicon
from indexer.analysis import WordTokenizer, tokens
from indexer.snapshot import Snapshot
snap = Snapshot.open(Path(sys.argv[1]))
with lexicon.using(snap.segmenter):
    print(json.dumps(tokens(WordTokenizer(), sys.argv[2])))
"""


def test_searching_an_old_snapshot_finds_what_it_held(two_generations, reports):
    root, rebuild = two_generations
    old = open_snapshot(root)
    rebuild()
    new = open_snapshot(root)
    word = "線上服務"  # printed in 104 only
    assert containing(reports, word, year=104) and not containing(reports, word, year=110)
    assert search(old, f'"{word}"').total > 0 and search(new, f'"{word}"').total == 0
    old.close()
    new.close()
    assert isinstance(old, Snapshot)
