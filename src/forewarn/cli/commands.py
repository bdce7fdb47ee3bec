"""Imports every command module so each registers its commands on the app."""

from . import basic  # noqa: F401
