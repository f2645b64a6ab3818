"""How a series is compared: all its pairs of statements in one embedding batch, their digests cached.

Changes are computed for each statement against its predecessor by date and
kept as compact pair digests (counts plus every change on a watched topic) in
``digests.sqlite`` next to the embedding cache, keyed by both files' hashes,
the model, the watched topics and comparator's own code. Only pairs without a
digest are compared: every distinct sentence they score is embedded once, in
one batch, and the pairs are then compared on all available CPUs (forked
workers sharing the vectors, once there are enough pairs to pay for them).

The per-batch embedding step (``embed_pairs``, choosing its sentences with
``sentences_to_score``) is a pure function of the pairs and the model (the
embedding cache only saves work), so a cluster engine could map it over
batches of pairs and merge the vectors.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.classify import normalise
from comparator.embed import Embedder
from comparator.models import Comparison, Edit, Kind, Sentence, Source, Statement
from comparator.render.common import verdict
from comparator.segment import segment
from comparator.topics import WatchList

if TYPE_CHECKING:
    import numpy as np

    from comparator.cache import EmbeddingCache

DIGESTS_DB = "digests.sqlite"
_STORE_EVERY = 100  # pairs per cache write: an interrupted cold run keeps most of its work
PARALLEL_PAIRS = 64  # below this, starting worker processes costs more than it saves

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total) as a long run advances."""


@dataclass(frozen=True)
class Point:
    """One sentence of a change, with the 1-based line of the file it starts on."""

    text: str
    line: int


@dataclass(frozen=True)
class Item:
    """A change touching a watched topic (unchanged points included): enough for policies and timelines."""

    verdict: str
    topics: tuple[str, ...]
    old: tuple[Point, ...]
    new: tuple[Point, ...]
    similarity: float | None
    reasons: tuple[str, ...]
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Counts:
    """How many changes of each kind a comparison has."""

    reworded: int
    new: int
    dropped: int
    unchanged: int
    moved: int

    @property
    def changed(self) -> int:
        return self.reworded + self.new + self.dropped


@dataclass(frozen=True)
class PairDigest:
    """What later stages need from one comparison, small enough to cache for thousands of pairs."""

    counts: Counts
    items: tuple[Item, ...]


class VectorTable:
    """An embedder serving precomputed vectors under the real model's name; other texts go to ``fallback``."""

    def __init__(self, name: str, vectors: dict[str, np.ndarray], fallback: Callable[[list[str]], np.ndarray]) -> None:
        self.name = name
        self._vectors = vectors
        self._fallback = fallback

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return self._fallback([])
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self._fallback(missing)))
        return np.stack([self._vectors[t] for t in texts])


@dataclass(frozen=True)
class RememberingWatchList(WatchList):
    """A watch list that tags each distinct sentence once: a series repeats most sentences many times."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_seen", {})

    def tag(self, texts) -> tuple[str, ...]:
        """Names of the topics any of ``texts`` touches, in watch-list order (as ``WatchList.tag``)."""
        found: set[str] = set()
        for text in texts:
            hits = self._seen.get(text)
            if hits is None:
                hits = self._seen[text] = frozenset(t.name for t in self.topics if t.touches(text))
            found |= hits
        return tuple(t.name for t in self.topics if t.name in found)


class ReportingEmbedder:
    """Encodes in chunks of similar length, reporting progress after each; every row is what ``inner`` gives."""

    def __init__(self, inner: Embedder, progress: Progress, chunk: int = 1024) -> None:
        self.name = inner.name
        self._inner, self._progress, self._chunk = inner, progress, chunk

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return self._inner.encode([])
        # Sorted by length, each chunk still fills the model's equal-length batches.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        parts = []
        for start in range(0, len(order), self._chunk):
            parts.append(np.asarray(self._inner.encode([texts[i] for i in order[start : start + self._chunk]]), dtype=np.float32))
            self._progress("embedding", min(start + self._chunk, len(order)), len(order))
        out = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        out[order] = np.concatenate(parts)
        return out


def sentences_to_score(old: Statement, new: Statement) -> list[str]:
    """Return the sentences alignment will embed: those not carried over word for word (a pure function)."""
    from comparator.align import exact_pairs

    pairs = exact_pairs([normalise(s.text) for s in old.sentences], [normalise(s.text) for s in new.sentences])
    taken = set(pairs.values())
    olds = [s.text for i, s in enumerate(old.sentences) if i not in pairs]
    news = [s.text for j, s in enumerate(new.sentences) if j not in taken]
    return [*olds, *news] if olds and news else []


def embed_pairs(
    pairs: Sequence[tuple[Statement, Statement]], embedder: Embedder, cache: EmbeddingCache | None, progress: Progress | None = None,
) -> dict[str, np.ndarray]:
    """Embed, in one ``embed`` call, every sentence the alignment of these pairs will score; vectors by text."""
    from comparator.cache import embed

    texts = list(dict.fromkeys(t for old, new in pairs for t in sentences_to_score(old, new)))
    batch = embedder if progress is None else ReportingEmbedder(embedder, progress)
    return dict(zip(texts, embed(texts, batch, cache))) if texts else {}


def compare_pairs(
    pairs: Sequence[tuple[Statement, Statement]],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    watch: WatchList,
    progress: Progress | None = None,
) -> Iterator[Comparison]:
    """Compare pairs of statements, after embedding every sentence any of them scores in one batch."""
    from comparator.cache import embed
    from comparator.compare import compare_statements

    table = VectorTable(embedder.name, embed_pairs(pairs, embedder, cache, progress), lambda more: embed(more, embedder, cache))
    for done, (old, new) in enumerate(pairs, start=1):
        yield compare_statements(old, new, table, None, watch)
        _tell(progress, "comparing", done, len(pairs))


def digest_pairs(
    pairs: Sequence[tuple[Statement, Statement]],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    watch: WatchList,
    progress: Progress | None = None,
    workers: int = 1,
) -> Iterator[PairDigest]:
    """Digest pairs in order; with ``workers`` > 1 and many pairs, compare them in forked processes once embedded.

    Workers only read the precomputed vectors: a pair needing another vector
    (never, while ``sentences_to_score`` mirrors the alignment) is redone here.
    """
    if workers < 2 or len(pairs) < PARALLEL_PAIRS or "fork" not in multiprocessing.get_all_start_methods():
        yield from (digest(c, watch) for c in compare_pairs(pairs, embedder, cache, watch, progress))
        return
    from comparator.cache import embed
    from comparator.compare import compare_statements

    vectors = embed_pairs(pairs, embedder, cache, progress)
    size = -(-len(pairs) // (workers * 4))
    chunks = [range(start, min(start + size, len(pairs))) for start in range(0, len(pairs), size)]
    context = multiprocessing.get_context("fork")  # workers inherit pairs and vectors instead of unpickling them
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_adopt, initargs=(pairs, vectors, embedder.name, watch)) as pool:
        done = 0
        for rows, digests in zip(chunks, pool.map(_digest_rows, chunks)):
            for k, found in zip(rows, digests):
                if found is None:
                    table = VectorTable(embedder.name, vectors, lambda more: embed(more, embedder, cache))
                    found = digest(compare_statements(*pairs[k], table, None, watch), watch)
                yield found
            done += len(rows)
            _tell(progress, "comparing", done, len(pairs))


_ADOPTED: tuple = ()  # in a worker process: the pairs, a vector table and the watch list it digests


def _adopt(pairs: Sequence[tuple[Statement, Statement]], vectors: dict[str, np.ndarray], model: str, watch: WatchList) -> None:
    global _ADOPTED
    _ADOPTED = (pairs, VectorTable(model, vectors, _no_model), watch)


def _no_model(texts: list[str]) -> np.ndarray:
    raise LookupError(f"{len(texts)} sentence(s) not embedded beforehand")


def _digest_rows(rows: range) -> list[PairDigest | None]:
    """Digest the adopted pairs ``rows`` (in a worker); None for a pair that needs the model."""
    from comparator.compare import compare_statements

    pairs, table, watch = _ADOPTED
    out: list[PairDigest | None] = []
    for k in rows:
        try:
            out.append(digest(compare_statements(*pairs[k], table, None, watch), watch))
        except LookupError:
            out.append(None)
    return out


def available_cpus() -> int:
    """Return how many processes may compare at once: the CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def digest(comparison: Comparison, watch: WatchList) -> PairDigest:
    """Reduce a comparison to its counts and its changes on ``watch``'s topics."""
    counts = Counts(
        comparison.count(Kind.REWORDED), comparison.count(Kind.NEW), comparison.count(Kind.DROPPED),
        comparison.count(Kind.UNCHANGED), comparison.moved,
    )
    old_text, new_text = comparison.old.source.text, comparison.new.source.text
    items = []
    for change in comparison.changes:
        # classify leaves word-for-word points untagged; timelines need them tagged.
        topics = watch.tag([s.text for s in (*change.old, *change.new)]) if change.kind is Kind.UNCHANGED else change.topics
        if topics:
            items.append(Item(
                verdict(change), topics, _points(change.old, old_text), _points(change.new, new_text),
                change.similarity, change.reasons, change.edits,
            ))
    return PairDigest(counts, tuple(items))


def chain_digests(
    sources: Sequence[Source],
    embedder: Embedder,
    watch: WatchList,
    cache: EmbeddingCache | None,
    store: DigestCache | None,
    progress: Progress | None = None,
    also: Collection[int] = (),
    on_compare: Callable[[int, Comparison], None] | None = None,
) -> list[PairDigest]:
    """Return the digest of each successive pair of ``sources``, comparing only pairs not in ``store``.

    Pairs whose index is in ``also`` are compared even when stored, and every
    comparison made is passed to ``on_compare`` (the site builder renders it).
    """
    watch = RememberingWatchList(watch.source, watch.topics)
    keys = [digest_key(a.sha256, b.sha256, embedder.name, watch) for a, b in zip(sources, sources[1:])]
    found = store.get(keys) if store is not None else {}
    todo = [k for k, key in enumerate(keys) if key not in found or k in also]
    needed = sorted({i for k in todo for i in (k, k + 1)})
    statements = {}
    for done, i in enumerate(needed, start=1):
        statements[i] = segment(sources[i])
        _tell(progress, "segmenting", done, len(needed))
    pairs = [(statements[k], statements[k + 1]) for k in todo]
    if on_compare is None:
        digests = digest_pairs(pairs, embedder, cache, watch, progress, available_cpus())
    else:
        comparisons = compare_pairs(pairs, embedder, cache, watch, progress)
        digests = (_digest_and_hand_over(k, c, watch, on_compare) for k, c in zip(todo, comparisons))
    pending: dict[str, PairDigest] = {}
    for k, pair_digest in zip(todo, digests):
        found[keys[k]] = pending[keys[k]] = pair_digest
        if store is not None and (len(pending) == _STORE_EVERY or k == todo[-1]):
            store.put(pending)
            pending = {}
    return [found[key] for key in keys]


def _digest_and_hand_over(k: int, comparison: Comparison, watch: WatchList, on_compare: Callable[[int, Comparison], None]) -> PairDigest:
    on_compare(k, comparison)
    return digest(comparison, watch)


def digest_key(old_sha: str, new_sha: str, model: str, watch: WatchList) -> str:
    """Return the cache key of a pair digest: both files, the model, the watched topics and comparator's code."""
    parts = (code_fingerprint(), model, watch_fingerprint(watch), old_sha, new_sha)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def watch_fingerprint(watch: WatchList) -> str:
    """Return a hash of a watch list's topics and patterns."""
    spec = [(t.name, t.label, [p.pattern for p in t.patterns]) for t in watch.topics]
    return hashlib.sha256(json.dumps(spec).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Return a hash of comparator's version, code and data, so no result outlives the code that made it."""
    package = Path(__file__).parent
    digest_ = hashlib.sha256(version("comparator").encode())
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest_.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest_.hexdigest()


class DigestCache:
    """Pair digests in sqlite next to the embedding cache; any failure degrades to a miss or a skipped write."""

    def __init__(self, directory: Path | None = None) -> None:
        from comparator.cache import cache_dir

        self.path = (directory if directory is not None else cache_dir()) / DIGESTS_DB
        self._db = self._open()

    def get(self, keys: Sequence[str]) -> dict[str, PairDigest]:
        """Return the stored digests among ``keys``."""
        found: dict[str, PairDigest] = {}
        if self._db is None:
            return found
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                rows = self._db.execute(f"SELECT key, value FROM digests WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                for key, value in rows:
                    loaded = _load_digest(value)
                    if loaded is not None:
                        found[key] = loaded
        except sqlite3.Error:
            return {}
        return found

    def put(self, digests: dict[str, PairDigest]) -> None:
        """Store digests by key; a failed write is dropped."""
        if self._db is None or not digests:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO digests VALUES (?, ?)",
                    [(key, _dump_digest(d)) for key, d in digests.items()],
                )
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs time on the next run

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> DigestCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> sqlite3.Connection | None:
        """Open (or replace a corrupt) database; None when the folder is unusable."""
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=5)
                with db:
                    db.execute("CREATE TABLE IF NOT EXISTS digests (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
                return db
            except sqlite3.DatabaseError:
                if attempt == 0:
                    self.path.unlink(missing_ok=True)
            except (OSError, sqlite3.Error):
                return None
        return None


def _dump_digest(d: PairDigest) -> str:
    """Serialise a digest compactly: items as positional lists (see ``_load_digest``)."""
    items = [
        [i.verdict, i.topics, [[p.text, p.line] for p in i.old], [[p.text, p.line] for p in i.new],
         i.similarity, i.reasons, [[e.op, e.old, e.new] for e in i.edits]]
        for i in d.items
    ]
    return json.dumps({"counts": vars(d.counts), "items": items}, ensure_ascii=False)


def _load_digest(value: str) -> PairDigest | None:
    """Rebuild a stored digest; None when it does not fit the current shape."""
    try:
        data = json.loads(value)
        items = tuple(
            Item(verdict, tuple(topics), tuple(Point(*p) for p in old), tuple(Point(*p) for p in new),
                 similarity, tuple(reasons), tuple(Edit(*e) for e in edits))
            for verdict, topics, old, new, similarity, reasons, edits in data["items"]
        )
        return PairDigest(Counts(**data["counts"]), items)
    except (ValueError, KeyError, TypeError):
        return None


def _points(sentences: tuple[Sentence, ...], text: str) -> tuple[Point, ...]:
    return tuple(Point(s.text, text.count("\n", 0, s.start) + 1) for s in sentences)


def _tell(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)
