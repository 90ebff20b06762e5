"""Citations of a paragraph in Chinese and English, with its permanent URL.

A citation has to let a reader find the paragraph in the printed report as well as
online, so it names the section as printed (with enumerators) in both languages, and the
English form adds the English titles from ``headings.tsv``.
"""
from __future__ import annotations

from .i18n import english_agency, english_heading, english_title


def citation(meta: dict, record: dict, ordinal: int, url: str) -> dict:
    """The citation of one paragraph.

    :param meta: the report's metadata (``reports.json`` entry).
    :param record: the paragraph's export record (:func:`indexer.export.paragraph_record`).
    :param ordinal: the paragraph's position within its section, from 1.
    :param url: the absolute permalink.
    """
    section = record["section"]
    english_section = " › ".join(english_heading(h) or h for h in section)
    zh = (f"{meta['agency']}，《{meta['title']}》（民國{meta['year']}年／{meta['year_ad']}年），"
          f"{' > '.join(section)}，第{ordinal}段。{url}")
    en = (f"{english_agency(meta['agency'])}. {english_title(meta)} [{meta['title']}]. "
          f"Section “{english_section}” [{' > '.join(section)}], paragraph {ordinal}. {url}")
    return {
        "agency": meta["agency"], "title": meta["title"], "year": meta["year"], "year_ad": meta["year_ad"],
        "section": section, "paragraph": ordinal, "url": url, "zh": zh, "en": en,
    }
