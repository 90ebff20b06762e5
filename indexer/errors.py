"""The project's exceptions. Each carries an HTTP-ish status so the web layer can map it."""


class ReportSearchError(Exception):
    """The project's errors: an English message for the CLI and the API's ``error``.

    :param key: a stable name for the kind of problem, and ``params`` its values, so that
        an interface can say the same thing in its own language (empty: it has no key).
    """

    status = 500

    def __init__(self, message: str = "", *, key: str = "", **params: object) -> None:
        super().__init__(message)
        self.key = key
        self.params = params


class ReportError(ReportSearchError):
    """A report could not be read or parsed; the message says why."""

    status = 422


class IndexBusyError(ReportSearchError):
    """Another build holds the index lock."""

    status = 409


class IndexMissingError(ReportSearchError):
    """No index has been built yet in the given directory."""

    status = 503


class QueryError(ReportSearchError):
    """A query argument is unusable; the message says how to fix it (``key``: what kind)."""

    status = 400


class NotFoundError(ReportSearchError):
    """An unknown or malformed ID (``key``: which kind, ``params``: the ID)."""

    status = 404
