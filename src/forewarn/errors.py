"""One exception hierarchy. The CLI maps each class to an exit code, the API to an HTTP status."""


class ForewarnError(Exception):
    """Base of every error forewarn raises on purpose."""

    exit_code = 1
    http_status = 500


class ConfigError(ForewarnError):
    """Bad settings, flags or config file."""

    exit_code = 2
    http_status = 400


class SourceError(ForewarnError):
    """A source (file, feed, URL) could not be read at all."""

    exit_code = 3
    http_status = 422


class FetchError(SourceError):
    """A URL could not be fetched, or was refused (private address, too large, bad status)."""


class StoreError(ForewarnError):
    """The database could not be opened, migrated or written."""

    exit_code = 4
    http_status = 503


class NotFoundError(ForewarnError):
    """A requested record (warning, claim, place) does not exist."""

    exit_code = 5
    http_status = 404


class AccessError(ForewarnError):
    """A write the server refuses: it runs read-only, or writes are off because no token was set."""

    exit_code = 2
    http_status = 403


class AuthError(AccessError):
    """A write without the right token (HTTP 401: send `Authorization: Bearer <token>`)."""

    http_status = 401


class TooLargeError(ConfigError):
    """An upload over the size cap."""

    http_status = 413


class BackfillError(ForewarnError):
    """A backfill cannot run: Dask missing, a scheduler unreachable, an unknown engine."""
