from . import basic  # noqa: F401
