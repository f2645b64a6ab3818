"""On-disk embedding cache: float32 vectors in sqlite, keyed by model name and sentence hash.

Kept cheap to import (sqlite3, comparator.hashing, numpy): a warm run must not pay for the model.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from comparator import user_dir
from comparator.embed import EmbeddingError
from comparator.hashing import blake2b, sha256
from comparator.store import SqliteStore

if TYPE_CHECKING:
    from comparator.embed import Embedder

DB_NAME = "embeddings.sqlite"
_SCHEMA_VERSION = 2  # 2: a checksum per row
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS embeddings ("
    " model TEXT NOT NULL, sha256 TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL, checksum BLOB NOT NULL,"
    " PRIMARY KEY (model, sha256)) WITHOUT ROWID",
)
_VECTOR = np.dtype("<f4")


def cache_dir() -> Path:
    """Return the cache directory: $COMPARATOR_CACHE_DIR, else the platform's user cache dir."""
    override = os.environ.get("COMPARATOR_CACHE_DIR")
    if override:
        return Path(override)
    return user_dir("cache")


def text_key(text: str) -> str:
    """Return the cache key of a sentence: the sha256 hex digest of its UTF-8 text."""
    return sha256(text.encode("utf-8")).hexdigest()


def checksum(model: str, key: str, blob: bytes) -> bytes:
    """The checksum stored with a vector: bytes damaged inside the database's pages (which SQLite does not notice) fail it."""
    return blake2b(b"\x1f".join((model.encode("utf-8"), key.encode("ascii"), blob)), digest_size=8).digest()


class EmbeddingCache(SqliteStore):
    """Embedding vectors on disk; every failure degrades to a miss or a skipped write.

    A row is used only when its checksum matches and its values are finite; a
    damaged row is a miss, so it is recomputed and overwritten.
    """

    def __init__(self, directory: Path | None = None) -> None:
        super().__init__((directory if directory is not None else cache_dir()) / DB_NAME, _SCHEMA, _SCHEMA_VERSION)

    def get(self, model: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        """Return the cached vectors of ``texts`` under ``model``, keyed by text."""
        by_key = {text_key(t): t for t in texts}
        rows = self.select("SELECT sha256, dim, vector, checksum FROM embeddings WHERE model = ? AND sha256 IN ({marks})", list(by_key), model)
        found = {}
        for key, dim, blob, check in rows:
            if not isinstance(blob, bytes) or len(blob) != dim * _VECTOR.itemsize or not blob:
                continue
            if check != checksum(model, key, blob):
                continue
            vector = np.frombuffer(blob, dtype=_VECTOR).astype(np.float32)
            if np.isfinite(vector).all():
                found[by_key[key]] = vector
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store ``vectors`` (text -> 1-d vector) under ``model``; a failed write is dropped."""
        rows = []
        for text, vector in vectors.items():
            key, blob = text_key(text), np.ascontiguousarray(vector, dtype=_VECTOR).tobytes()
            rows.append((model, key, len(vector), blob, checksum(model, key, blob)))
        self.write("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?, ?)", rows)


def embed(texts: Sequence[str], embedder: Embedder, cache: EmbeddingCache | None) -> np.ndarray:
    """Return one embedding row per text, encoding every cache miss in a single ``encode`` call."""
    if not texts:
        return np.asarray(embedder.encode([]), dtype=np.float32)  # (0, d): the model knows d
    unique = list(dict.fromkeys(texts))
    found = cache.get(embedder.name, unique) if cache is not None else {}
    missing = [t for t in unique if t not in found]
    if missing:
        found.update(store_fresh(missing, np.asarray(embedder.encode(missing), dtype=np.float32), embedder.name, cache))
    return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)


def store_fresh(texts: Sequence[str], vectors: np.ndarray, model: str, cache: EmbeddingCache | None) -> dict[str, np.ndarray]:
    """Newly encoded vectors by text, put in the cache; a non-finite vector fails them all, caching none."""
    broken = [text for text, row in zip(texts, vectors) if not np.isfinite(row).all()]
    if broken:
        raise EmbeddingError(
            f"model {model} gave non-finite vectors (NaN or infinity) for {len(broken)} sentence(s), "
            f"e.g. {broken[0][:60]!r}; nothing was cached"
        )
    fresh = dict(zip(texts, vectors))
    if cache is not None:
        cache.put(model, fresh)
    return fresh

