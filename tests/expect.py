"""What a search should return, computed directly from the parsed reports."""
from __future__ import annotations

from itertools import groupby

from indexer.analysis import WordTokenizer, squeeze, tokens
from indexer.outline import lead_ins


def paragraphs(reports):
    return [p for r in sorted(reports.values(), key=lambda r: r.year) for p in r.paragraphs]


def containing(reports, needle, year=None):
    """Paragraphs whose folded text contains ``needle``."""
    want = squeeze(needle)[0]
    return {p.id for p in paragraphs(reports) if year in (None, p.id.split("-")[1] and int(p.id.split("-")[1]))
            and want in squeeze(p.text)[0]}


def headed(reports, needle):
    """Paragraphs in a section (below chapter level) whose heading contains ``needle``."""
    want = squeeze(needle)[0]
    return {p.id for p in paragraphs(reports) if any(want in squeeze(t)[0] for t in p.titles[1:] or p.titles)}


def led(reports, needle):
    """Paragraphs under a numbered item (of their leaf) that contains ``needle``."""
    want = squeeze(needle)[0]
    out = set()
    for _leaf, group in groupby(paragraphs(reports), key=lambda p: (p.id.split("-")[1], p.section)):
        group = list(group)
        for p, lead in zip(group, lead_ins([q.text for q in group])):
            if any(want in squeeze(item)[0] for item in lead):
                out.add(p.id)
    return out


def all_words(reports, needle):
    """Paragraphs holding every jieba word of ``needle``, anywhere."""
    words = set(tokens(WordTokenizer(), needle))
    return {p.id for p in paragraphs(reports) if words <= set(tokens(WordTokenizer(), p.text))}


def about(reports, needle):
    """Everything an unquoted Chinese query may return."""
    return containing(reports, needle) | headed(reports, needle) | led(reports, needle) | all_words(reports, needle)

