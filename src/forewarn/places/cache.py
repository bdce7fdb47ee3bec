"""The built gazetteer, kept on disk between processes: building its name index costs ~2 CPU s, loading it ~0.2.

The file is named by a fingerprint of everything the index is built from: each region's files (the bundled ones
and the user's), the source of the code that builds it, and the Python version. A changed region or a new
release gives a new name, so a stale index is never read; the newest few are kept. Nothing is downloaded.

Where: `$FOREWARN_CACHE_DIR`, else `$XDG_CACHE_HOME/forewarn`, else `~/.cache/forewarn`. A folder that cannot be
written only costs the build (the gazetteer is then built in every process, as without the cache). The files
are pickles, read only from the user's own cache folder (as Python's own bytecode cache is).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from importlib.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .regions import Region

FORMAT = "gazetteer-index-1"
KEEP = 8  # index files kept (one per region selection and release in use)
_BUILDERS = ("gazetteer.py", "regions.py", "matching.py", "cache.py")


def cache_folder() -> Path:
    configured = os.environ.get("FOREWARN_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "forewarn"


def fingerprint(regions: Iterable[Region]) -> str:
    """What the index is built from, as one hex digest."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    here = Path(__file__).resolve().parent
    for name in (*_BUILDERS, "../model.py"):
        digest.update((here / name).read_bytes())
    for region in regions:
        digest.update(f"\0region\0{region.name}\0{region.base}\0".encode())
        for child in sorted(region.folder.iterdir(), key=lambda c: c.name):
            if child.is_file():
                digest.update(f"\0{child.name}\0".encode())
                digest.update(_bytes(child))
    return digest.hexdigest()


def _bytes(child: Traversable) -> bytes:
    try:
        return child.read_bytes()
    except OSError:
        return b"\0unreadable"


def load(key: str) -> Gazetteer | None:
    """The cached gazetteer of this fingerprint, or None (missing, unreadable or not a gazetteer)."""
    from .gazetteer import Gazetteer

    path = cache_folder() / f"{key}.gazetteer"
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign file only means building it again
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by the pruning
    return found if isinstance(found, Gazetteer) and getattr(found, "fingerprint", None) == key else None


def save(key: str, gazetteer: Gazetteer) -> None:
    """Write the gazetteer atomically (another process may be reading or writing the same name)."""
    folder = cache_folder()
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-", delete=False) as handle:
            temporary = handle.name
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{key}.gazetteer")
        temporary = None
        _prune(folder)
    except (OSError, pickle.PicklingError):
        return
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.gazetteer"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in files[KEEP:]:
        stale.unlink(missing_ok=True)
