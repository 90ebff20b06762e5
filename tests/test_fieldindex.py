"""A field's postings computed directly are exactly what Whoosh's ``Field.index`` gives."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.fieldindex import field_postings
from indexer.schema import build_schema

SCHEMA = build_schema()
TEXT_FIELDS = [name for name, field in SCHEMA.items() if field.indexed and field.analyzer is not None
               and type(field.format).__name__ != "Existence"]
# the report's alphabet: Chinese in both scripts, full and half width, digits, units, spaces, punctuation
ALPHABET = st.sampled_from(list("勞工局就業服務職訓練劳动萬億千年度ＡＢａ１２abcXYZ0123456789.,%（）()、。 \n\t／-"))
TEXTS = st.text(ALPHABET, max_size=400)


def test_every_analysed_field_of_the_schema_is_computed_directly():
    assert {"text", "chars", "words", "headings", "leaf", "lead"} <= set(TEXT_FIELDS)


@settings(deadline=None, max_examples=300)
@given(TEXTS)
def test_postings_equal_whoosh_field_index(text):
    for name in TEXT_FIELDS:
        field = SCHEMA[name]
        assert field_postings(field, text) == list(field.index(text)), name


@pytest.mark.parametrize("text", ["", " ", "一", "勞工局勞工局", "2.104年度辦理職業訓練 3萬5千人次，占61.17%。" * 20,
                                  "Happy志工隊 1,480 (78%)"])
def test_edge_cases(text):
    for name in TEXT_FIELDS:
        assert field_postings(SCHEMA[name], text) == list(SCHEMA[name].index(text)), name


def test_other_fields_go_through_whoosh():
    assert field_postings(SCHEMA["report"], "r1") == list(SCHEMA["report"].index("r1"))
