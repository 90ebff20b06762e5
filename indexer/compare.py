"""Which sections of two reports are the same programme, and which paragraphs correspond.

Reports of one agency repeat their programmes year after year, but not always under the
same heading or at the same place: a subsection becomes a section of another chapter, a
title gains or loses words that say what is done rather than what is done to
(加強辦理外籍勞工管理 / 外籍勞工管理, 勞工博物館營運 / 勞工博物館). A section is matched by
two kinds of evidence:

* its title: character bigrams of the folded title, each weighted by how rare it is among
  all the titles of the index (inverse document frequency), the generic words of
  ``data/genre.txt`` weighing little and cutting the title apart (so no bigram straddles
  them); compared by Dice (balanced) and by containment (the shorter title inside the
  longer);
* its content: the cosine of the tf-idf vectors of its text's character bigrams, and the
  labels of its figures that the other section shares.

A pair is ``same`` (the same programme) when both kinds agree, or when the titles are
nearly identical; ``related`` when one kind is fairly strong. Each section is ``same`` with
at most one section of the other report (the best, chosen greedily). Only pairs that share
a title bigram or some of their rarest content bigrams are scored, so the cost grows with
the sections, not with their product.

Pure: :class:`Section` values in, :class:`Match` values out.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .figures import figures
from .similarity import Weights, content_terms, cosine, genre_words, title_similarity, title_tokens

SAME, RELATED = "same", "related"
SIGNATURE = 12  # rarest content bigrams per section used to find candidates by content
RELATED_MAX = 3  # related sections kept per section and other report
NESTED = 0.6  # title containment that makes a related pair under matched parents the same


@dataclass(frozen=True)
class Passage:
    """A paragraph of a section: its ID, text and kind (``prose`` or ``table``)."""

    id: str
    text: str
    kind: str = "prose"


@dataclass(frozen=True)
class Section:
    """A heading of a report with every paragraph under it.

    :param path: the heading's enumerator values, ``3.2``.
    :param titles: the titles from chapter to this heading, enumerators stripped.
    """

    report: str
    path: str
    titles: tuple[str, ...]
    passages: tuple[Passage, ...] = ()

    @property
    def title(self) -> str:
        return self.titles[-1]

    @property
    def depth(self) -> int:
        return len(self.titles)


@dataclass(frozen=True)
class Match:
    """Section ``a`` of one report matched to section ``b`` (paths) of another.

    :param heading: title similarity, 0-1 (the mean of Dice and containment).
    :param content: cosine of the texts' bigrams, 0-1.
    :param labels: shared figure labels over the smaller section's labels, 0-1.
    """

    a: str
    b: str
    strength: str
    score: float
    heading: float
    content: float
    labels: float

    def reversed(self) -> Match:
        return Match(self.b, self.a, self.strength, self.score, self.heading, self.content, self.labels)

@dataclass(frozen=True)
class Profile:
    """What matching needs of a section, computed once per section."""

    section: Section
    tokens: frozenset[str]
    vector: dict[str, float] = field(repr=False)
    signature: frozenset[str]
    labels: frozenset[str]


def profile(section: Section, w: Weights) -> Profile:
    counts: Counter = Counter()
    for p in section.passages:
        counts.update(content_terms(p.text))
    vector = w.counts_vector(counts)
    signature = frozenset(sorted(vector, key=lambda t: (-vector[t], t))[:SIGNATURE])
    labels = frozenset(f.key for p in section.passages for f in figures(p.text, p.kind))
    return Profile(section, title_tokens(section.title), vector, signature, labels)


def strength(dice: float, containment: float, content: float, labels: float, renamed: bool = False) -> str | None:
    """How strongly the evidence says two sections are one programme (``renamed``: the
    titles differ by generic words only)."""
    support = max(content, labels * 0.8)
    if renamed or dice >= 0.9 or (containment >= 0.75 and support >= 0.2) or (containment >= 0.4 and support >= 0.45):
        return SAME
    if containment >= 0.5 or support >= 0.3 or (containment >= 0.3 and support >= 0.15):
        return RELATED
    return None


def score_pair(a: Profile, b: Profile, w: Weights) -> Match | None:
    """The match of two sections, or None when they are not related."""
    dice, containment = title_similarity(a.section.title, b.section.title, w)
    content = cosine(a.vector, b.vector)
    labels = len(a.labels & b.labels) / min(len(a.labels), len(b.labels)) if a.labels and b.labels else 0.0
    genre = set(genre_words())
    core = a.tokens - genre
    found = strength(dice, containment, content, labels, renamed=bool(core) and core == b.tokens - genre)
    if found is None:
        return None
    heading = (dice + containment) / 2
    score = round(0.5 * heading + 0.4 * content + 0.1 * labels, 4)
    return Match(a.section.path, b.section.path, found, score, round(heading, 4), round(content, 4), round(labels, 4))


def candidates(left: Sequence[Profile], right: Sequence[Profile], w: Weights) -> set[tuple[int, int]]:
    """Pairs (by position) that share a title token other than a generic word or one in
    many titles (勞工 in a labour bureau's), or two of their rarest content bigrams;
    chapters pair with chapters only."""
    genre = set(genre_words()) | w.common
    by_token: dict[str, list[int]] = defaultdict(list)
    by_gram: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(right):
        for t in p.tokens - genre:
            by_token[t].append(j)
        for t in p.signature:
            by_gram[t].append(j)
    pairs: set[tuple[int, int]] = set()
    for i, p in enumerate(left):
        pairs.update((i, j) for t in p.tokens - genre for j in by_token.get(t, ()))
        shared = Counter(j for t in p.signature for j in by_gram.get(t, ()))
        pairs.update((i, j) for j, n in shared.items() if n >= 2)
    return {(i, j) for i, j in pairs if (left[i].section.depth == 1) == (right[j].section.depth == 1)}


def _parent(path: str) -> str:
    return path.rsplit(".", 1)[0] if "." in path else ""


def _nested(a: str | None, b: str) -> bool:
    """Whether one of two paths of a report lies under the other."""
    return a is not None and (b.startswith(a + ".") or a.startswith(b + "."))


def match_sections(left: Sequence[Section], right: Sequence[Section], w: Weights) -> list[Match]:
    """Matches of the sections of one report (``left``) with those of another.

    Each section is ``same`` with at most one section of the other report; the other pairs
    that qualify are ``related`` (the best few per section). A related pair whose titles
    mostly agree (containment at least ``NESTED``) and whose parent headings are the same
    programme is the same programme too (身心障礙者創業輔導 / 創業輔導 under one parent).
    Sorted by left path, best first.
    """
    return match_profiles([profile(s, w) for s in left], [profile(s, w) for s in right], w)


def match_profiles(pl: Sequence[Profile], pr: Sequence[Profile], w: Weights) -> list[Match]:
    """:func:`match_sections` for sections already profiled (each report once, however
    many reports it is compared with)."""
    scored, contained = [], {}
    for i, j in candidates(pl, pr, w):
        m = score_pair(pl[i], pr[j], w)
        if m is not None:
            scored.append(m)
            contained[m.a, m.b] = title_similarity(pl[i].section.title, pr[j].section.title, w)[1]
    scored.sort(key=lambda m: (-(m.strength == SAME), -m.score, m.a, m.b))
    same: dict[str, str] = {}
    for m in scored:
        if m.strength == SAME and m.a not in same and m.b not in same.values():
            same[m.a] = m.b
    for m in sorted(scored, key=lambda m: (_parent(m.a).count("."), -m.score, m.a, m.b)):
        if (m.a not in same and m.b not in same.values() and contained[m.a, m.b] >= NESTED
                and _parent(m.a) and same.get(_parent(m.a)) == _parent(m.b)):
            same[m.a] = m.b
    kept: list[Match] = []
    related: Counter = Counter()
    same_b = {b: a for a, b in same.items()}
    for m in scored:
        if same.get(m.a) == m.b:
            kept.append(Match(m.a, m.b, SAME, m.score, m.heading, m.content, m.labels))
        elif _nested(same.get(m.a), m.b) or _nested(same_b.get(m.b), m.a):
            continue  # a part or the whole of the section's own match: says nothing more
        elif related[("a", m.a)] < RELATED_MAX and related[("b", m.b)] < RELATED_MAX:
            related[("a", m.a)] += 1
            related[("b", m.b)] += 1
            kept.append(Match(m.a, m.b, RELATED, m.score, m.heading, m.content, m.labels))
    return sorted(kept, key=lambda m: (m.a, -(m.strength == SAME), -m.score, m.b))
