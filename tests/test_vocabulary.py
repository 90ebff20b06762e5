"""The shipped vocabulary files are well formed.

Vocabulary is data and may hold general domain knowledge that a given report does not
print (another agency's reports will): so these tests lint the files' shape, not whether
the two reports in ``corpus/`` happen to print each entry.
"""
from __future__ import annotations

from importlib import resources

import pytest

from indexer.expand import load_glossary
from indexer.fold import fold_text

DATA = resources.files("indexer") / "data"


def rows(name):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.rstrip("\n").split("\t")


def terms(cell):
    return [t.strip() for t in cell.split("|") if t.strip()]


@pytest.mark.parametrize("name", ["glossary.tsv", "mainland.tsv", "everyday.tsv"])
def test_every_mapping_row_has_two_non_empty_sides(name):
    bad = [row for row in rows(name) if len(row) != 2 or not terms(row[0]) or not terms(row[1])]
    assert bad == []


@pytest.mark.parametrize("name", ["mainland.tsv", "everyday.tsv"])
def test_no_wording_maps_to_itself(name):
    same = [row[0] for row in rows(name) if {fold_text(t) for t in terms(row[0])} & {fold_text(t) for t in terms(row[1])}]
    assert same == []


def test_every_alias_group_has_two_distinct_terms():
    thin = [row[0] for row in rows("aliases.tsv") if len({fold_text(t) for t in terms(row[0])}) < 2]
    assert thin == []


def test_glossary_english_side_has_no_chinese_and_maps_to_something():
    glossary = load_glossary()
    cjk = [phrase for phrase in glossary.english if any("\u3400" <= ch <= "\u9fff" for w in phrase for ch in w)]
    assert glossary.english and cjk == []
    assert all(glossary.english.values())
