"""Facet display values, tested without HTTP (inside a request context for URL building)."""
from web.facets import build_facets, facet_values, visible_facets


def test_drill_down_shows_deeper_levels_under_a_chosen_parent():
    assert visible_facets({}) == ["year", "chapter"]
    assert visible_facets({"chapter": "勞工行政"}) == ["year", "chapter", "section"]
    deeper = visible_facets({"chapter": "勞工行政", "section": "勞資爭議調處"})
    assert deeper == ["year", "chapter", "section", "subsection"]


def test_a_value_is_added_to_the_chosen_ones_or_taken_off_and_carries_a_bar(app):
    with app.test_request_context("/search?q=x"):
        values = facet_values("chapter", [{"value": "A", "count": 10}, {"value": "B", "count": 5}], ["B"],
                              {"q": "x", "chapter": ["B"], "page": "3"})
    assert [(v["value"], v["selected"], v["bar"]) for v in values] == [("A", False, 20), ("B", True, 10)]
    assert values[0]["toggle_url"] == "/search?q=x&chapter=B&chapter=A"  # any of them
    assert values[1]["toggle_url"] == "/search?q=x"


def test_years_are_compared_as_the_facet_spells_them(app):
    with app.test_request_context("/search"):
        facets = build_facets({"year": [{"value": "104", "count": 2}, {"value": "110", "count": 3}]},
                              {"q": "x", "year": ["2015"]})
    values = {v["value"]: v for v in facets[0]["values"]}
    assert values["104"]["selected"] and values["104"]["toggle_url"] == "/search?q=x"
    assert values["110"]["toggle_url"] == "/search?q=x&year=104&year=110"


def test_a_chosen_value_missing_from_the_counts_is_listed_with_zero(app):
    with app.test_request_context("/search"):
        facets = build_facets({"year": [{"value": "110", "count": 3}]}, {"year": "2015"})
    shown = [(v["value"], v["count"], v["selected"]) for v in facets[0]["values"]]
    assert shown == [("104", 0, True), ("110", 3, False)]
