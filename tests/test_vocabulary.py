"""The shipped vocabulary files point at wording the reports really print.

A glossary or mapping entry whose Chinese side occurs nowhere can never find anything: it
only makes "also searched" lists longer. These tests keep the data files honest as they
grow.
"""
from __future__ import annotations

from importlib import resources

import pytest

from indexer.fold import fold_text
from indexer.load import load_corpus

DATA = resources.files("indexer") / "data"


@pytest.fixture(scope="module")
def corpus_text(corpus_dir):
    reports, _failures = load_corpus(corpus_dir)
    return fold_text("".join(p.text + "".join(p.titles) for r in reports for p in r.paragraphs))


def rows(name):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.split("\t")


def terms(cell):
    return [t.strip() for t in cell.split("|") if t.strip()]


@pytest.mark.parametrize("name", ["glossary.tsv", "mainland.tsv", "everyday.tsv"])
def test_every_report_side_term_occurs(corpus_text, name):
    missing = [t for row in rows(name) for t in terms(row[1]) if fold_text(t) not in corpus_text]
    assert missing == []


def test_every_alias_group_has_two_terms_that_occur(corpus_text):
    thin = [row[0] for row in rows("aliases.tsv") if sum(fold_text(t) in corpus_text for t in terms(row[0])) < 2]
    assert thin == []


def test_everyday_wording_is_wording_the_reports_do_not_print(corpus_text):
    printed = [t for row in rows("everyday.tsv") for t in terms(row[0]) if fold_text(t) in corpus_text]
    assert printed == []
