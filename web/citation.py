"""Citations of a paragraph: in Chinese and English for people, BibTeX and CSL-JSON for
reference managers, all with its permanent URL and the date it was read.

A citation has to let a reader find the paragraph in the printed report as well as
online, so it names the section as printed (with enumerators) and the item number printed
in front of the paragraph, in both languages; the English form adds the English titles
from ``headings.tsv``. A web citation also needs the date it was accessed: citations are
made per request, with the date passed in so tests can fix it.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from .i18n import english_agency, english_heading, english_title

# The reports are Taiwanese (UTC+8 all year, no summer time): a reader in Taiwan at 7 am
# has read the page today, not on the UTC yesterday.
TAIWAN = timezone(timedelta(hours=8), "Asia/Taipei")

# BibTeX's special characters and how to write them literally; everything else (Chinese
# included) is UTF-8, which biblatex/biber and bibtex with inputenc read as it is.
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
                  "%": r"\%", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(BIBTEX_ESCAPES)) + "]")


def today_in_taiwan() -> date:
    """The date now in Taiwan (the app's default ``TODAY``)."""
    return datetime.now(TAIWAN).date()


def bibtex_escape(text: str) -> str:
    """Text as a BibTeX field value: the characters BibTeX treats specially are written so
    they print as themselves (braces stay balanced, ``%`` does not start a comment)."""
    return BIBTEX_SPECIAL.sub(lambda m: BIBTEX_ESCAPES[m.group(0)], text)


def _position(item: str | None, ordinal: int, *, english: bool) -> str:
    if english:
        return f"item {item} (paragraph {ordinal})" if item else f"paragraph {ordinal}"
    return f"項次{item}（第{ordinal}段）" if item else f"第{ordinal}段"


def bibtex(key: str, meta: dict, section: list[str], position: str, url: str, accessed: date) -> str:
    """A ``@misc`` entry (read by BibTeX and biblatex alike): the agency as an organisation
    (double braces, so it is not split into first and last names)."""
    fields = [("author", "{" + bibtex_escape(meta["agency"]) + "}"), ("title", bibtex_escape(meta["title"])),
              ("year", str(meta["year_ad"])), ("url", url),
              ("note", bibtex_escape(f"{' > '.join(section)}, {position}")),
              ("urldate", accessed.isoformat()), ("language", "chinese")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def csl(key: str, meta: dict, section: list[str], position: str, url: str, accessed: date) -> dict:
    """A CSL-JSON item (Zotero, Pandoc, citeproc): a report by the agency."""
    return {"id": key, "type": "report", "author": [{"literal": meta["agency"]}], "title": meta["title"],
            "publisher": meta["agency"], "issued": {"date-parts": [[meta["year_ad"]]]}, "URL": url,
            "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
            "section": " > ".join(section), "note": position, "language": "zh-TW"}


def citation(meta: dict, record: dict, ordinal: int, url: str, *, item: str | None, accessed: date) -> dict:
    """The citation of one paragraph.

    :param meta: the report's metadata (``reports.json`` entry).
    :param record: the paragraph's export record (:func:`indexer.export.paragraph_record`).
    :param ordinal: the paragraph's position within its section, from 1.
    :param url: the absolute permalink.
    :param item: the item number printed in front of the paragraph, if any.
    :param accessed: the day the citation is made.
    """
    section = record["section"]
    english_section = " › ".join(english_heading(h) or h for h in section)
    english_position = _position(item, ordinal, english=True)
    zh = (f"{meta['agency']}，《{meta['title']}》（民國{meta['year']}年／{meta['year_ad']}年），"
          f"{' > '.join(section)}，{_position(item, ordinal, english=False)}。{url}"
          f"（瀏覽日期：{accessed.year}年{accessed.month}月{accessed.day}日）")
    en = (f"{english_agency(meta['agency'])}. {english_title(meta)} [{meta['title']}]. "
          f"Section “{english_section}” [{' > '.join(section)}], {english_position}. {url} "
          f"(accessed {accessed.isoformat()})")
    return {
        "agency": meta["agency"], "title": meta["title"], "year": meta["year"], "year_ad": meta["year_ad"],
        "section": section, "paragraph": ordinal, "url": url, "zh": zh, "en": en,
        "item": item, "accessed": accessed.isoformat(),
        "bibtex": bibtex(record["id"], meta, section, english_position, url, accessed),
        "csl": csl(record["id"], meta, section, english_position, url, accessed),
    }
