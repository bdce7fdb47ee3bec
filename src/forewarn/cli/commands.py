from . import basic, claims, demo, ingest, warnings  # noqa: F401  (each registers its commands)
