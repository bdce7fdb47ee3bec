from . import claims, demo, feedback, ingest, read, serve, warnings  # noqa: F401  (each registers its commands)
