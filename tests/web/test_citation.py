"""Citations as data (web.citation): the item as printed, the access date, BibTeX, CSL-JSON."""
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from web.citation import BIBTEX_ESCAPES, bibtex_escape, citation

META = {"agency": "高雄市政府勞工局", "title": "高雄市政府勞工局110年度施政績效成果報告", "year": 110, "year_ad": 2021}
RECORD = {"id": "gxszflgj-110-3.2-7", "section": ["參、勞工行政", "二、勞資爭議調處"], "kind": "prose",
          "text": "4.勞資爭議線上申請撤回案件"}
URL = "https://reports.example.tw/p/gxszflgj-110-3.2-7"
DAY = date(2026, 3, 9)


@pytest.fixture()
def cited():
    return citation(META, RECORD, 7, URL, item="4.", accessed=DAY)


def test_human_citations_give_the_item_as_printed_the_position_and_the_access_date(cited):
    assert "二、勞資爭議調處，項次4.（第7段）。" + URL + "（瀏覽日期：2026年3月9日）" in cited["zh"]
    assert "item 4. (paragraph 7). " + URL + " (accessed 2026-03-09)" in cited["en"]
    assert cited["item"] == "4." and cited["paragraph"] == 7 and cited["accessed"] == "2026-03-09"


def test_without_a_printed_item_the_position_alone_is_cited():
    got = citation(META, RECORD, 7, URL, item=None, accessed=DAY)
    assert got["item"] is None
    assert "二、勞資爭議調處，第7段。" in got["zh"] and "], paragraph 7. " in got["en"]


def test_bibtex_is_a_misc_entry_by_the_agency_as_an_organisation(cited):
    entry = cited["bibtex"]
    assert entry.startswith("@misc{gxszflgj-110-3.2-7,\n") and entry.endswith("\n}")
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", entry, re.MULTILINE))
    assert fields["author"] == "{高雄市政府勞工局}"
    assert fields["title"] == META["title"] and fields["year"] == "2021"
    assert fields["url"] == URL and fields["urldate"] == "2026-03-09"
    assert fields["note"] == "參、勞工行政 > 二、勞資爭議調處, item 4. (paragraph 7)"


def test_csl_json_is_a_report_with_literal_author_issued_and_accessed_dates(cited):
    csl = cited["csl"]
    assert csl["type"] == "report" and csl["id"] == RECORD["id"]
    assert csl["author"] == [{"literal": "高雄市政府勞工局"}] and csl["title"] == META["title"]
    assert csl["issued"] == {"date-parts": [[2021]]} and csl["accessed"] == {"date-parts": [[2026, 3, 9]]}
    assert csl["URL"] == URL and csl["section"] == "參、勞工行政 > 二、勞資爭議調處"


@pytest.mark.parametrize("text, escaped", [
    ("勞資爭議 & 調解", r"勞資爭議 \& 調解"),
    ("50% {a} #1 $2 a_b", r"50\% \{a\} \#1 \$2 a\_b"),
    ("x^2 ~ y \\ z", r"x\^{}2 \~{} y \textbackslash{} z"),
    ("高雄市政府勞工局", "高雄市政府勞工局"),
])
def test_bibtex_escape_writes_special_characters_literally(text, escaped):
    assert bibtex_escape(text) == escaped


def unescape(value: str) -> str:
    """The inverse of bibtex_escape, to show that nothing is lost."""
    inverse = {v: k for k, v in BIBTEX_ESCAPES.items()}
    return re.sub("|".join(re.escape(v) for v in sorted(inverse, key=len, reverse=True)),
                  lambda m: inverse[m.group(0)], value)


@given(st.text(alphabet=st.sampled_from("ab 勞工{}\\$&%#_^~"), max_size=40))
def test_escaped_bibtex_has_no_bare_special_character_and_loses_nothing(text):
    escaped = bibtex_escape(text)
    assert unescape(escaped) == text
    bare = re.sub(r"\\textbackslash\{\}|\\\^\{\}|\\~\{\}|\\[{}$&%#_]", "", escaped)
    assert not set(bare) & set(BIBTEX_ESCAPES)
