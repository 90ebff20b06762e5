"""One deadline bounds a whole search, whatever is typed; long queries are planned, not run whole."""
from __future__ import annotations

from indexer.deadline import Deadline
from indexer.search import TIMED_OUT_NOTE, search
from indexer.syntax import MAX_CLAUSES

THIRTY = ("勞工 就業 職業訓練 外籍勞工 勞資爭議 調解 補助 身心障礙 安全 衛生 檢查 宣導 服務 成果 活動 辦理 "
          "工會 教育 福利 保險 職災 慰問 博物館 志工 青年 婦女 中高齡 原住民 新住民 媒合").split()


class StepClock:
    """Each reading of the clock costs one tick: a deterministic stand-in for time passing."""

    def __init__(self):
        self.reads = 0

    def __call__(self):
        self.reads += 1
        return float(self.reads)


def test_thirty_terms_are_searched_whole_within_the_default_deadline(searcher):
    assert len(THIRTY) == 30
    result = search(searcher, " ".join(THIRTY))
    assert not result.timed_out and result.dropped == [] and result.total > 0


def test_a_search_that_runs_out_of_time_stops_and_says_so(searcher):
    clock = StepClock()
    result = search(searcher, " ".join(THIRTY), deadline=Deadline(20, clock=clock))
    assert result.timed_out and TIMED_OUT_NOTE in result.notes
    stopped_at = clock.reads
    assert stopped_at < 20 + 6 * len(THIRTY)  # once expired, each stage looks at most once per clause


def test_an_expired_deadline_still_answers_with_what_it_has(searcher):
    clock = StepClock()
    result = search(searcher, "勞資爭議 調解", deadline=Deadline(0, clock=clock))
    assert result.timed_out and result.total == 0 and result.hits == []


def test_terms_past_the_plan_are_named_not_searched(searcher):
    words = THIRTY + [f"詞{i}" for i in range(MAX_CLAUSES - len(THIRTY) + 3)]
    result = search(searcher, " ".join(words)[:200])
    typed = " ".join(words)[:200].split()
    assert result.dropped == typed[MAX_CLAUSES:] and len(result.dropped) > 0
    assert any(str(MAX_CLAUSES) in note for note in result.notes)


def test_a_long_run_without_spaces_is_searched_as_the_stretches_it_prints(searcher, reports):
    text = "".join(p.text for p in reports[110].paragraphs)[:200]
    result = search(searcher, text, timelimit=60)
    assert not result.timed_out and result.total >= 1
