from . import claims, demo, export, feedback, ingest, read, serve, warnings  # noqa: F401  (each registers its commands)
