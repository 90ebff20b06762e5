"""Where leaves start: the alignment's matrix computation chooses what the plain dynamic
program over every cell would choose, whatever the body looks like."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import segment
from indexer.paragraphs import Line, Unit
from indexer.segment import AFTER_COLON, _boundary_score, _similarities, _weights, align, bigrams

WORDS = ["就業", "服務", "職業訓練", "勞資", "爭議", "調解", "安全", "衛生", "檢查", "宣導"]


@st.composite
def units(draw) -> Unit:
    kind = draw(st.sampled_from(["item", "item", "prose", "table"]))
    text = "".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))
    text += draw(st.sampled_from(["", "。", "：", "："]))
    line = (Line(1, text),)
    if kind == "item":
        return Unit("item", line, draw(st.sampled_from(["A", "A", "B"])), draw(st.integers(1, 3)))
    return Unit(kind, line)


def plain_alignment(units_: list[Unit], titles: list[str], band: int) -> tuple[int, ...]:
    """The dynamic program written cell by cell over the scores of single cells, the
    specification of :func:`align` (which scores all cells of a step as matrices)."""
    k = len(titles)
    evidence = segment._evidence(units_, titles)
    cand, cell, n = evidence.candidates, evidence.cell_score, len(units_)

    m = len(cand)
    best = [[-math.inf] * m for _ in range(k)]
    back = [[-1] * m for _ in range(k)]
    best[0][0] = 0.0
    for li in range(1, k):
        for c in range(m):
            for s in range(max(0, c - band), c + 1):
                if best[li - 1][s] > -math.inf:
                    value = best[li - 1][s] + cell(li - 1, cand[s], cand[c])
                    if value > best[li][c]:
                        best[li][c], back[li][c] = value, s
    final = [best[k - 1][c] + cell(k - 1, cand[c], n) if best[k - 1][c] > -math.inf else -math.inf for c in range(m)]
    c = max(range(m), key=lambda i: final[i])
    starts = [0] * k
    for li in range(k - 1, -1, -1):
        starts[li] = cand[c]
        c = back[li][c] if li > 0 else c
    return tuple(starts)


@settings(deadline=None, max_examples=150)
@given(st.lists(units(), min_size=1, max_size=40),
       st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map("".join), min_size=1, max_size=8),
       st.sampled_from([(256, 512), (3, 512), (2, 4), (1, 2)]))
def test_the_matrix_alignment_is_the_cell_by_cell_program(body, titles, sizes):
    rows, band = sizes
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(segment, "ROWS", rows)
        patch.setattr(segment, "BAND", band)
        assert align(body, titles).starts == plain_alignment(body, titles, band)


def test_similarity_is_the_share_of_the_titles_bigram_weight_in_the_unit():
    grams = [bigrams("就業服務"), bigrams("勞資爭議調解"), bigrams("就業")]
    idf = _weights(grams)
    sim = _similarities(["就業服務站", ""], grams, idf)
    total = idf["就業"] + idf["業服"] + idf["服務"] + 1.0  # 務站 is in no unit: it weighs 1
    assert sim[0][0] == pytest.approx((idf["就業"] + idf["業服"] + idf["服務"]) / total)
    assert sim[0][1] == 0.0 and sim[0][2] == pytest.approx(idf["就業"] / total)
    assert not sim[1].any()  # a title without bigrams says nothing


def test_a_colon_before_a_prose_line_counts_against_a_cell_opening_there():
    body = [Unit("prose", (Line(1, "辦理下列事項："),)), Unit("prose", (Line(2, "就業服務。"),))]
    assert _boundary_score(body, 1)[0] == AFTER_COLON
