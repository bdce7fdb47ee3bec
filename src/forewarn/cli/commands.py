from . import claims, demo, ingest, read, warnings  # noqa: F401  (each registers its commands)
