"""Interface language: chosen in the URL (``?lang=en``) or from Accept-Language.

Messages go through Flask-Babel catalogues (``translations/<locale>/LC_MESSAGES``);
heading titles are report content, not interface text, so their English comes from
``translations/headings.tsv`` instead. Report text itself is always Chinese and is marked
``lang="zh-Hant"`` whatever the interface language.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask import Flask, request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from indexer.errors import QueryError
from indexer.search import ROC_OFFSET, normalise_year, section_title

DEFAULT_LANGUAGE = "zh-TW"
DEFAULT_LOCALE = "zh_TW"
# URL value -> (Babel locale, HTML lang attribute, name of the language in itself)
LANGUAGES = {"zh-TW": ("zh_TW", "zh-Hant-TW", "中文"), "en": ("en", "en", "English")}
ALIASES = {"zh": "zh-TW", "zh-tw": "zh-TW", "zh-hant": "zh-TW", "zh_tw": "zh-TW", "en": "en"}
CONTENT_LANG = "zh-Hant"
HEADINGS_FILE = Path(__file__).parent / "translations" / "headings.tsv"
AGENCIES_FILE = Path(__file__).parent / "translations" / "agencies.tsv"



def explicit_language() -> str | None:
    """The language named in the URL, if it names one we have."""
    return ALIASES.get(request.args.get("lang", "").strip().lower())


def current_language() -> str:
    """The URL's ``lang``, else the first Chinese or English entry of Accept-Language."""
    chosen = explicit_language()
    if chosen:
        return chosen
    for value, _quality in request.accept_languages:
        if value.lower().startswith("zh"):
            return "zh-TW"
        if value.lower().startswith("en"):
            return "en"
    return DEFAULT_LANGUAGE


def select_locale() -> str:
    return LANGUAGES[current_language()][0]


def html_lang() -> str:
    return LANGUAGES[current_language()][1]


def year_label(roc: int | str) -> str:
    """``104年 (2015)`` in Chinese, ``2015 (ROC 104)`` in English (from ROC or Gregorian)."""
    try:
        year = normalise_year(roc)
    except QueryError:
        return str(roc)
    if year is None:
        return ""
    return gettext("%(ad)s (ROC %(roc)s)", ad=year + ROC_OFFSET, roc=year)


# The project's errors (the ``key`` of :class:`indexer.errors.ReportSearchError`) in the
# interface language; the engine's English messages are for the CLI and the API's ``error``.
ERROR_MESSAGES = {
    "year_not_number": _l("The year must be a number such as 104 or 2015, not %(year)s."),
    "year_out_of_range": _l("The year %(year)s is out of range; use the ROC (104) or Gregorian (2015) year."),
    "query_too_long": _l("The query is %(length)s characters long; keep it to %(limit)s or fewer."),
    "control_characters": _l("The query contains control characters; remove them and try again."),
    "not_whole_numbers": _l("The page and the number of results must be whole numbers."),
    "page_below_one": _l("The page must be 1 or more."),
    "bad_sort": _l("Sort by relevance, year or report."),
    "no_section": _l("Give a section title to compare, such as 勞資爭議調處 (without its enumerator)."),
    "not_a_paragraph_id": _l("“%(id)s” is not a paragraph ID. Paragraph IDs are made of the report, "
                             "the section path and the paragraph's number, as in gxszflgj-104-3.2-5."),
    "no_paragraph": _l("There is no paragraph %(id)s. The link may be mistyped; search for the text instead."),
    "not_a_table": _l("Paragraph %(id)s is not a table, so it has no CSV file. Its page shows its text."),
    "no_report": _l("There is no report %(id)s. The list of reports shows the ones that can be read."),
    "index_missing": _l("The search index has not been built yet. Please try again in a minute."),
}
QUERY_ERRORS = ERROR_MESSAGES  # the name it had when it held only the query errors

# HTTP errors the app did not raise itself (an unknown URL, a POST), by status.
HTTP_MESSAGES = {
    400: _l("The request could not be understood. Check the address and try again."),
    404: _l("There is no page at this address. Check the link, or search for what you were looking for."),
    405: _l("This address cannot be used that way; open it as a link."),
    500: _l("Something went wrong on our side; please try again later."),
}
OTHER_HTTP_ERROR = _l("The request could not be answered (HTTP status %(status)s).")


def error_message(exc: Exception) -> str:
    """An error's message in the interface language: from its key, else from its status."""
    key = getattr(exc, "key", "")
    if key in ERROR_MESSAGES:
        return str(ERROR_MESSAGES[key] % getattr(exc, "params", {}))
    return http_message(getattr(exc, "status", None) or getattr(exc, "code", None) or 500)


def http_message(status: int) -> str:
    """What an HTTP error status means, in the interface language."""
    if status in HTTP_MESSAGES:
        return str(HTTP_MESSAGES[status])
    return str(OTHER_HTTP_ERROR % {"status": status})


def _tsv(path: Path) -> list[tuple[str, str]]:
    """The (Chinese, English) rows of a translation file; ``#`` lines are comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            chinese, english = line.split("\t", 1)
            rows.append((chinese.strip(), english.strip()))
    return rows


@lru_cache(maxsize=1)
def heading_titles() -> dict[str, str]:
    """Chinese heading title (no enumerator) -> English title."""
    return dict(_tsv(HEADINGS_FILE))


def english_heading(heading: str) -> str | None:
    """The English title of a heading, printed with or without its enumerator."""
    return heading_titles().get(section_title(heading) or "")


@lru_cache(maxsize=1)
def agency_names() -> dict[str, str]:
    """Chinese agency name -> English, from ``translations/agencies.tsv``."""
    return dict(_tsv(AGENCIES_FILE))


def english_agency(agency: str) -> str:
    return agency_names().get(agency, agency)


def english_title(meta: dict) -> str:
    """An English title for a performance report (施政績效成果報告); the agency is named apart."""
    return f"Annual Performance Report {meta['year_ad']} (ROC year {meta['year']})"


def report_title_html(meta: dict) -> Markup:
    """A report's title as HTML: in English mode agency and title in English, then the
    Chinese title as printed."""
    chinese = Markup('<span lang="%s">%s</span>') % (CONTENT_LANG, meta["title"])
    if current_language() != "en":
        return chinese
    english = f"{english_agency(meta['agency'])}: {english_title(meta)}"
    return Markup('<span lang="en">%s</span> <span class="original">%s</span>') % (english, chinese)


def heading_html(heading: str) -> Markup:
    """A heading as HTML: in English mode the English title, then the Chinese as printed."""
    chinese = Markup('<span lang="%s">%s</span>') % (CONTENT_LANG, heading)
    english = english_heading(heading) if current_language() == "en" else None
    if not english:
        return chinese
    return Markup('<span lang="en">%s</span> <span class="original">%s</span>') % (escape(english), chinese)


def heading_text(heading: str) -> str:
    """A heading as plain text (page titles, labels): its English title in English mode,
    else its Chinese title without the enumerator."""
    english = english_heading(heading) if current_language() == "en" else None
    return english or section_title(heading) or heading


def init_app(app: Flask) -> None:
    app.jinja_env.filters["heading"] = heading_html
    app.jinja_env.filters["heading_text"] = heading_text
    app.jinja_env.filters["report_title"] = report_title_html
    app.jinja_env.filters["year_label"] = year_label

    @app.context_processor
    def language_context() -> dict:
        return {"current_language": current_language(), "explicit_language": explicit_language(),
                "html_lang": html_lang(),
                "content_lang": CONTENT_LANG, "languages": LANGUAGES}
