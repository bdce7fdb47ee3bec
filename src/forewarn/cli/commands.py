# each module registers its commands on import
from . import (  # noqa: F401
    backfill,
    claims,
    demo,
    export,
    feedback,
    ingest,
    read,
    serve,
    sources,
    warnings,
    watch,
)
