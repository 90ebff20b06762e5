"""Every page passes axe-core with zero violations, in both languages, at desktop and phone widths.

axe-core comes from the npm registry: ``.ci/run`` installs it with ``npm ci --prefix .ci/node``
(pinned by ``.ci/node/package-lock.json``). It runs with its default rule set: every WCAG 2
A/AA rule plus the best practices axe enables by default (landmarks, one ``<h1>``, unique
names...). The script is evaluated through the DevTools protocol, so the pages' own
Content-Security-Policy (no inline scripts) stays in force and untouched.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from indexer.ids import PARAGRAPH_ID

from test_browser import QUERY, TIMEOUT_MS, base_url, browser  # noqa: F401  (fixtures)

AXE = Path(__file__).resolve().parents[2] / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"

# One line per page; a new page (e.g. "/compare?section=...") is one more line.
PAGES = [
    ("home", "/"),
    ("results", f"/search?q={QUERY}"),
    ("results, year filter", f"/search?q={QUERY}&year=104"),
    ("results, chapter filter", f"/search?q={QUERY}&chapter=勞工行政"),
    ("paragraph", "/p/gxszflgj-110-3.2-7"),
    ("reader", "/r/gxszflgj-104?p=gxszflgj-104-3.2-1"),
    ("reports", "/reports"),
    ("404", "/p/no-such-paragraph"),
    ("compare", f"/compare?section=勞資爭議調處&q={QUERY}"),
    ("results, two years, nothing found", "/search?q=trxxxing&year=104&year=110"),
    ("table paragraph", "/p/gxszflgj-110-2.4-3"),
    ("reader with tables", "/r/gxszflgj-110"),
    ("results, cells of a table", "/search?q=總計 人數&year=110"),
]
LANGUAGES = ["zh-TW", "en"]
RESULTS = PAGES[1][1]
READER = PAGES[5][1]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: install axe-core with `npm ci --prefix .ci/node` (as .ci/run does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport_tab(request, browser, base_url) -> Iterator[Page]:  # noqa: F811  (pytest fixtures)
    context = browser.new_context(base_url=base_url, viewport=VIEWPORTS[request.param])
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def describe(violations: list[dict]) -> str:
    """axe's findings, one rule per paragraph with the offending elements, for a failure message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}x): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
            lines.append(f"      {node['failureSummary'].splitlines()[-1].strip()}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def run_axe(tab: Page, source: str) -> list[dict]:
    tab.evaluate(source)
    return tab.evaluate("axe.run(document, {resultTypes: ['violations']}).then(result => result.violations)")


def open_page(tab: Page, name: str, url: str, language: str) -> None:
    separator = "&" if "?" in url else "?"
    response = tab.goto(f"{url}{separator}lang={language}")
    assert response.status == (404 if name == "404" else 200)
    assert tab.locator("html").get_attribute("lang").startswith(language[:2])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name, url", PAGES, ids=[name for name, _ in PAGES])
def test_page_has_no_axe_violations(viewport_tab, axe_source, name, url, language):
    open_page(viewport_tab, name, url, language)
    violations = run_axe(viewport_tab, axe_source)
    assert not violations, f"axe-core on {url} ({language}):\n{describe(violations)}"


# What axe-core does not judge: link names out of context, symbols' contrast, the focus ring.

LINK = re.compile(r"""^\s*- '?link "(?P<name>.*)"'?:\n\s*- /url: (?P<url>.+)$""", re.MULTILINE)


def link_names(tab: Page) -> dict[str, set[str]]:
    """Each accessible name of a link in the page's main content, with the URLs it leads to,
    as Chromium's accessibility tree has them."""
    names: dict[str, set[str]] = {}
    for found in LINK.finditer(tab.locator("main").aria_snapshot()):
        names.setdefault(found["name"], set()).add(found["url"].strip("'\""))
    return names


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name, url", PAGES, ids=[name for name, _ in PAGES])
def test_links_to_different_places_have_different_names_and_none_is_a_raw_id(viewport_tab, name, url, language):
    """A screen reader's list of links reads each name alone, out of context (WCAG 2.4.4/2.4.9).
    A heading's own "#" anchor is left out: the heading it sits in says where it leads."""
    open_page(viewport_tab, name, url, language)
    names = link_names(viewport_tab)
    assert names
    same = {link: urls for link, urls in names.items() if len({u for u in urls if not u.startswith("#")}) > 1}
    assert not same, f"one name, several destinations: {same}"
    assert not [link for link in names if PARAGRAPH_ID.match(link)]


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# An element's colours and the first opaque background behind it (its parent's or above).
COLOURS = """element => {
  const behind = node => {
    for (; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
    }
    return "rgb(255, 255, 255)";
  };
  const style = getComputedStyle(element);
  return {tag: element.outerHTML.slice(0, 300), color: style.color, outline: style.outlineColor,
          outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
          background: behind(element), around: behind(element.parentElement)};
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_reader_symbol_links_have_text_contrast(viewport_tab, language):
    """The ¶ and # links are text: 4.5:1 on the page and on the highlighted paragraph (WCAG 1.4.3)."""
    open_page(viewport_tab, "reader", READER, language)
    for selector in (".para-link", ".para.linked .para-link", ".anchor"):
        colours = viewport_tab.locator(selector).first.evaluate(COLOURS)
        assert contrast(colours["color"], colours["background"]) >= 4.5, colours


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_focus_ring_stands_out(viewport_tab, language):
    """Each of the first stops of the Tab key shows an outline of 3:1 against what surrounds it
    (WCAG 1.4.11, 2.4.7)."""
    open_page(viewport_tab, "results", RESULTS, language)
    seen = set()
    for _ in range(12):
        viewport_tab.keyboard.press("Tab")
        colours = viewport_tab.evaluate(f"({COLOURS})(document.activeElement)")
        seen.add(colours["tag"])
        assert colours["outlineStyle"] != "none" and colours["outlineWidth"] >= 2, colours
        assert contrast(colours["outline"], colours["around"]) >= 3, colours
    assert len(seen) == 12
