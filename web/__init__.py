"""The browser UI and JSON API: an application factory in the style of Flask's tutorial app.

The index is opened once when the app is created and kept in ``app.extensions``; every
request checks (cheaply) whether a rebuild has published a new generation and reopens it
if so, so ``reportsearch index`` never needs a server restart.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import Babel

from indexer.deadline import default_time_limit
from indexer.store import default_index_dir

from . import api, downloads, pages  # noqa: F401  (importing them registers their routes on the blueprint)
from . import delivery, errors, i18n, security, served_index, tables, urls
from .documents import ordinal
from .blueprint import bp
from .citation import today_in_taiwan


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app.

    :param config: overrides; ``INDEX_ROOT`` is the index directory (default: the CLI's),
        ``SEARCH_TIMELIMIT`` the seconds a search may take (default
        ``$REPORTSEARCH_TIME_LIMIT`` or 1 s), ``PUBLIC_URL`` the base used in
        citations (default: the URL the request came in on), ``TODAY`` a function giving
        the date citations say the page was accessed (default: today in Taiwan).
    """
    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_ROOT=default_index_dir(),
        SEARCH_TIMELIMIT=default_time_limit(),
        PUBLIC_URL=None,
        TODAY=today_in_taiwan,
    )
    if config:
        app.config.from_mapping(config)
    app.config["INDEX_ROOT"] = Path(app.config["INDEX_ROOT"])
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    Babel(app, locale_selector=i18n.select_locale, default_locale=i18n.DEFAULT_LOCALE)
    served_index.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    delivery.init_app(app)
    errors.init_app(app)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals["urls"] = urls
    app.jinja_env.filters.update(table_layout=tables.table_layout, ordinal=ordinal)
    app.register_blueprint(bp)
    return app
