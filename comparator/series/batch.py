"""How a series is compared: every distinct sentence its pairs score embedded once, their digests cached.

Changes are computed for each statement against its predecessor by date and
kept as compact pair digests (counts plus every change on a watched topic) in
``digests.sqlite`` next to the embedding cache, keyed by both files' hashes,
the model, the watched topics and comparator's own code. Only pairs without a
digest are compared, in one of three ways:

- few pairs, one CPU or no ``fork``: here, embedding every sentence the pairs
  score (``sentences_to_score``) in one batch (``embed_pairs``), then comparing;
- many pairs on several CPUs: on forked workers that embed chunks of sentences
  (the model on one thread each) while this process segments later
  statements, and compare runs of pairs, each run queued once its sentences
  are embedded;
- given a ``comparator.series.cluster.Cluster``: both stages mapped over its
  workers, this process merging the vectors into the cache.

Embedding is a pure function of the sentences and the model (the cache only
saves work), so the three give the same digests.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.models import Comparison, Edit, Kind, Sentence, Source, Statement
from comparator.segment import segment
from comparator.store import SqliteStore
from comparator.topics import WatchList

if TYPE_CHECKING:
    import numpy as np

    from comparator.cache import EmbeddingCache
    from comparator.embed import Embedder
    from comparator.series.cluster import Cluster

DIGESTS_DB = "digests.sqlite"
_DIGESTS_SCHEMA = ("CREATE TABLE IF NOT EXISTS digests (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",)
_STORE_EVERY = 100  # pairs per cache write: an interrupted cold run keeps most of its work
PARALLEL_PAIRS = 64  # below this, starting worker processes costs more than it saves
EMBED_CHUNK = 128  # sentences per embedding task of a forked worker: about a second of one core, so neither waits long for the other at the end
PAIR_CHUNK = 32  # pairs per comparison task of a forked worker: about 0.1 s
EMBED_BLOCK = 1024  # sentences sorted by length together: as fast as sorting them all (8.45 s vs 8.40 s a thousand, one thread)
FORKED_WORKERS = 4  # forked workers at most: each holds its own model (about 110 MB); more CPUs are a cluster's job
_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h): a signal for this process when its parent dies

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
    review: bool = False


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


class ReportingEmbedder:
    """Encodes in chunks, reporting progress after each; every row is what ``inner`` gives."""

    def __init__(self, inner: Embedder, progress: Progress, chunk: int = 1024) -> None:
        self.name = inner.name
        self._inner, self._progress, self._chunk = inner, progress, chunk

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return self._inner.encode([])
        parts = []
        for start in range(0, len(texts), self._chunk):
            parts.append(np.asarray(self._inner.encode(list(texts[start : start + self._chunk])), dtype=np.float32))
            self._progress("embedding", min(start + self._chunk, len(texts)), len(texts))
        return np.concatenate(parts)


def sentences_to_score(old: Statement, new: Statement) -> list[str]:
    """Return the sentences alignment will embed: those not carried over word for word (a pure function)."""
    from comparator.align import split_exact
    from comparator.classify import normalise

    _, free_old, free_new = split_exact([normalise(s.text) for s in old.sentences], [normalise(s.text) for s in new.sentences])
    olds = [old.sentences[i].text for i in free_old]
    news = [new.sentences[j].text for j in free_new]
    return [*olds, *news] if olds and news else []


def embed_pairs(
    pairs: Sequence[tuple[Statement, Statement]], embedder: Embedder, cache: EmbeddingCache | None, progress: Progress | None = None,
) -> dict[str, np.ndarray]:
    """Embed, in one ``embed`` call, every sentence the alignment of these pairs will score; vectors by text."""
    from comparator.cache import embed

    texts = texts_to_embed([sentences_to_score(old, new) for old, new in pairs])
    batch = embedder if progress is None else ReportingEmbedder(embedder, progress)
    return dict(zip(texts, embed(texts, batch, cache))) if texts else {}


def texts_to_embed(needs: Sequence[Sequence[str]]) -> list[str]:
    """Return the distinct sentences of ``needs``, shortest first: each chunk of them then fills the model's equal-length batches."""
    return sorted(dict.fromkeys(t for need in needs for t in need), key=len)


def embed_on_cluster(texts: Sequence[str], embedder: Embedder, cache: EmbeddingCache | None, cluster: Cluster, progress: Progress | None = None) -> dict[str, np.ndarray]:
    """Embed the uncached ``texts`` on the cluster, merging each chunk into the cache as it arrives; vectors by text."""
    from comparator.cache import store_fresh

    found = cache.get(embedder.name, texts) if cache is not None else {}
    for chunk, vectors in cluster.embed([t for t in texts if t not in found], embedder, progress):
        found.update(store_fresh(chunk, vectors, embedder.name, cache))
    return found


def compare_on_cluster(
    pairs: Sequence[tuple[Statement, Statement]],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    watch: WatchList,
    cluster: Cluster,
    whole: bool,
    progress: Progress | None = None,
) -> Iterator[PairDigest | Comparison]:
    """Embed and compare pairs on the cluster; yield each pair's digest (its comparison when ``whole``) in order."""
    needs = [sentences_to_score(old, new) for old, new in pairs]
    vectors = embed_on_cluster(texts_to_embed(needs), embedder, cache, cluster, progress)
    table = embedding_table(embedder, cache, vectors)  # for pairs a worker handed back
    done = 0
    for results in cluster.compare(pairs, needs, vectors, embedder.name, watch, whole):
        for result in results:
            yield redo(pairs[done], table, watch, whole) if result is None else result
            done += 1
        _tell(progress, "comparing", done, len(pairs))


def compare_pairs(
    pairs: Sequence[tuple[Statement, Statement]],
    embedder: Embedder,
    cache: EmbeddingCache | None,
    watch: WatchList,
    progress: Progress | None = None,
    cluster: Cluster | None = None,
) -> Iterator[Comparison]:
    """Compare pairs of statements, after embedding every sentence any of them scores in one batch (on ``cluster`` if given)."""
    from comparator.compare import compare_statements

    if cluster is not None:
        yield from compare_on_cluster(pairs, embedder, cache, watch, cluster, True, progress)
        return
    table = embedding_table(embedder, cache, embed_pairs(pairs, embedder, cache, progress))
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
    cluster: Cluster | None = None,
) -> Iterator[PairDigest]:
    """Digest pairs in order: on ``cluster`` if given; else, with ``workers`` > 1 and many pairs, in forked processes.

    Workers compare with the vectors they are given: a pair needing another vector
    (never, while ``sentences_to_score`` mirrors the alignment) is redone here.
    Forked workers die with this process, and an error, Ctrl-C or SIGTERM
    stops them before it exits.
    """
    if cluster is not None:
        yield from compare_on_cluster(pairs, embedder, cache, watch, cluster, False, progress)
        return
    if workers < 2 or len(pairs) < PARALLEL_PAIRS or "fork" not in multiprocessing.get_all_start_methods():
        yield from (digest(c, watch) for c in compare_pairs(pairs, embedder, cache, watch, progress))
        return
    yield from _digest_forked(pairs, embedder, cache, watch, progress, workers)


def _digest_forked(
    pairs: Sequence[tuple[Statement, Statement]], embedder: Embedder, cache: EmbeddingCache | None, watch: WatchList,
    progress: Progress | None, workers: int,
) -> Iterator[PairDigest]:
    """Embed and digest pairs on forked workers, each running comparator's model on one thread; yield the digests in order.

    One-thread models side by side never wait for each other, as the threads of
    one model do at every step (measured on 2 cores: as fast or faster, and much
    less hurt by other load). Pairs are read one by one (a ``SegmentedPairs``
    segments them only then), so the workers embed while later statements are
    still being segmented. Sentences go out in the order pairs first need
    them, in blocks of about ``EMBED_BLOCK`` (the new sentences of the pairs
    read, less those cached), each block shortest first: a task's
    sentences then share their token counts, and batches of one token count
    need no padding (in plain pair order the model took ~7% longer). Each run
    of pairs is queued for comparison once its sentences are embedded, so
    no worker idles between the two stages.
    """
    from comparator.cache import store_fresh
    from comparator.series.cluster import chunk_vectors, embedder_recipe

    needs: list[list[str]] = []
    ready: list[int] = []  # ready[k]: how many sentences must be embedded before pairs up to k can be compared
    vectors: dict[str, np.ndarray] = {}
    known: set[str] = set()
    block: list[str] = []
    embedding: deque[tuple[list[str], Future]] = deque()
    comparing: list[tuple[range, Future]] = []
    sent = embedded = queued = 0
    table = embedding_table(embedder, cache, vectors)  # for pairs a worker handed back
    context = multiprocessing.get_context("fork")  # workers inherit the watch list and the embedder's recipe
    adopt = (os.getpid(), watch, embedder.name, embedder_recipe(embedder))
    with ProcessPoolExecutor(min(workers, FORKED_WORKERS), mp_context=context, initializer=_adopt, initargs=adopt) as pool, _stopping_early(pool):

        def send_block() -> None:
            nonlocal sent
            vectors.update(cache.get(embedder.name, block) if cache is not None else {})
            unseen = sorted((t for t in block if t not in vectors), key=len)
            for start in range(0, len(unseen), EMBED_CHUNK):
                chunk = unseen[start : start + EMBED_CHUNK]
                embedding.append((chunk, pool.submit(_embed_rows, chunk)))
            sent += len(unseen)
            ready.extend([sent] * (len(needs) - len(ready)))
            block.clear()

        def queue_ready() -> None:
            nonlocal queued
            while queued < len(pairs):
                end = min(queued + PAIR_CHUNK, len(pairs))
                if end > len(ready) or ready[end - 1] > embedded:  # not all read, or not all embedded yet
                    return
                given, matrix = chunk_vectors(needs[queued:end], vectors)
                comparing.append((range(queued, end), pool.submit(_compare_rows, pairs[queued:end], given, matrix)))
                queued = end

        def take_embedded(wait: bool) -> None:
            nonlocal embedded
            while embedding and (wait or embedding[0][1].done()):
                chunk, future = embedding.popleft()
                vectors.update(store_fresh(chunk, future.result(), embedder.name, cache))
                embedded += len(chunk)
                _tell(progress, "embedding", embedded, sent)
                queue_ready()
            queue_ready()

        for old, new in pairs:
            needs.append(sentences_to_score(old, new))
            fresh = [t for t in dict.fromkeys(needs[-1]) if t not in known]
            known.update(fresh)
            block.extend(fresh)
            if len(block) >= EMBED_BLOCK:
                send_block()
            take_embedded(wait=False)
        send_block()
        take_embedded(wait=True)
        # Futures rather than map: map cancels what is left when stopped, which Python 3.11's pool trips over.
        done = 0
        for rows, future in comparing:
            for k, found in zip(rows, future.result()):
                yield redo(pairs[k], table, watch, False) if found is None else found
            done += len(rows)
            _tell(progress, "comparing", done, len(pairs))


_ADOPTED: tuple = ()  # in a worker process: the watch list it digests with, the model's name and how to build it


@contextmanager
def _stopping_early(pool: ProcessPoolExecutor) -> Iterator[None]:
    """Kill the pool's workers when the run ends early (an error, or the CLI's Ctrl-C/SIGTERM exception) instead of letting them finish."""
    before = set(multiprocessing.active_children())
    try:
        yield
    except BaseException:
        for worker in set(multiprocessing.active_children()) - before:
            worker.kill()
        # The pool's own thread now fails every pending future as broken (Python 3.11 prints a traceback
        # if it meets a cancelled one, so none is cancelled); the workers are dead, so this is quick.
        pool.shutdown(wait=True)
        raise


def _adopt(parent: int, watch: WatchList, model: str, recipe: Callable[[], Embedder]) -> None:
    global _ADOPTED
    _die_with(parent)
    _ADOPTED = (watch, model, recipe)


def _die_with(parent: int) -> None:
    """Make this forked worker die with its parent, even a SIGKILLed one; leave Ctrl-C to the parent."""
    # The parent's handlers (the CLI turns signals into an exception) are not the worker's.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def no_model(texts: list[str]) -> np.ndarray:
    raise LookupError(f"{len(texts)} sentence(s) not embedded beforehand")


def _compare_rows(pairs: list[tuple[Statement, Statement]], texts: list[str], matrix: np.ndarray) -> list[PairDigest | Comparison | None]:
    """Digest ``pairs`` against the given vectors (in a worker); None for a pair needing another vector."""
    from comparator.series.cluster import compare_chunk

    watch, model, _ = _ADOPTED
    return compare_chunk(pairs, texts, matrix, model, watch, False)


def _embed_rows(texts: list[str]) -> np.ndarray:
    """Embed ``texts`` with the adopted model (in a worker)."""
    from comparator.series.cluster import embed_chunk

    _, model, recipe = _ADOPTED
    return embed_chunk(texts, model, recipe)


def compare_or_none(
    pairs: Sequence[tuple[Statement, Statement]], table: VectorTable, watch: WatchList, whole: bool,
) -> list[PairDigest | Comparison | None]:
    """Each pair's digest (its comparison when ``whole``) from ``table``'s vectors; None for a pair needing another vector."""
    from comparator.compare import compare_statements

    out: list[PairDigest | Comparison | None] = []
    for old, new in pairs:
        try:
            comparison = compare_statements(old, new, table, None, watch)
        except LookupError:
            out.append(None)
            continue
        out.append(comparison if whole else digest(comparison, watch))
    return out


def redo(pair: tuple[Statement, Statement], table: VectorTable, watch: WatchList, whole: bool) -> PairDigest | Comparison:
    """Compare a pair a worker handed back, embedding what it lacked."""
    from comparator.compare import compare_statements

    comparison = compare_statements(*pair, table, None, watch)
    return comparison if whole else digest(comparison, watch)


def embedding_table(embedder: Embedder, cache: EmbeddingCache | None, vectors: dict[str, np.ndarray]) -> VectorTable:
    """``vectors`` served under the model's name; any other sentence is embedded (and cached) on demand."""
    from comparator.cache import embed

    return VectorTable(embedder.name, vectors, lambda more: embed(more, embedder, cache))


def digest(comparison: Comparison, watch: WatchList) -> PairDigest:
    """Reduce a comparison to its counts and its changes on ``watch``'s topics."""
    n = comparison.counts()
    counts = Counts(n[Kind.REWORDED], n[Kind.NEW], n[Kind.DROPPED], n[Kind.UNCHANGED], comparison.moved)
    old_text, new_text = comparison.old.source.text, comparison.new.source.text
    items = []
    for change in comparison.changes:
        # classify leaves points carried over in place untagged; a timeline still follows them.
        topics = change.topics if change.is_change else watch.tag([s.text for s in change.new])
        if topics:
            items.append(Item(
                change.verdict, topics, points(change.old, old_text), points(change.new, new_text),
                change.similarity, change.reasons, change.edits, change.review,
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
    cluster: Cluster | None = None,
) -> list[PairDigest]:
    """Return the digest of each successive pair of ``sources``, comparing only pairs not in ``store`` (on ``cluster`` if given).

    Pairs whose index is in ``also`` are compared even when stored, and every
    comparison made is passed to ``on_compare`` (the site builder renders it).
    """
    from comparator.embed import usable_cpus

    watched = watch_fingerprint(watch)
    keys = [digest_key(a.sha256, b.sha256, embedder.name, watched) for a, b in zip(sources, sources[1:])]
    found = store.get(keys) if store is not None else {}
    todo = [k for k, key in enumerate(keys) if key not in found or k in also]
    pairs = SegmentedPairs(sources, todo, progress)
    if on_compare is None:
        digests = digest_pairs(pairs, embedder, cache, watch, progress, usable_cpus(), cluster)
    else:
        comparisons = compare_pairs(pairs, embedder, cache, watch, progress, cluster)
        digests = (_digest_and_hand_over(k, c, watch, on_compare) for k, c in zip(todo, comparisons))
    pending: dict[str, PairDigest] = {}
    for k, pair_digest in zip(todo, digests):
        found[keys[k]] = pending[keys[k]] = pair_digest
        if store is not None and (len(pending) == _STORE_EVERY or k == todo[-1]):
            store.put(pending)
            pending = {}
    return [found[key] for key in keys]


class SegmentedPairs(Sequence[tuple[Statement, Statement]]):
    """The pairs ``todo`` of ``sources`` (each ``k`` with ``k + 1``), each statement segmented when a pair first needs it."""

    def __init__(self, sources: Sequence[Source], todo: Sequence[int], progress: Progress | None = None) -> None:
        self._sources, self._todo, self._progress = sources, todo, progress
        self._statements: dict[int, Statement] = {}
        self._needed = len({i for k in todo for i in (k, k + 1)})

    def __len__(self) -> int:
        return len(self._todo)

    def __iter__(self) -> Iterator[tuple[Statement, Statement]]:
        # Sequence's own stops at any IndexError, and one raised while segmenting would end the pairs early.
        return (self[k] for k in range(len(self)))

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [self[n] for n in range(*k.indices(len(self)))]
        i = self._todo[k]
        return self._statement(i), self._statement(i + 1)

    def _statement(self, i: int) -> Statement:
        if i not in self._statements:
            self._statements[i] = segment(self._sources[i])
            _tell(self._progress, "segmenting", len(self._statements), self._needed)
        return self._statements[i]


def _digest_and_hand_over(k: int, comparison: Comparison, watch: WatchList, on_compare: Callable[[int, Comparison], None]) -> PairDigest:
    on_compare(k, comparison)
    return digest(comparison, watch)


def digest_key(old_sha: str, new_sha: str, model: str, watched: str) -> str:
    """Return the cache key of a pair digest: both files, the model, the watched topics (``watch_fingerprint``) and comparator's code."""
    parts = (code_fingerprint(), model, watched, old_sha, new_sha)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def watch_fingerprint(watch: WatchList) -> str:
    """Return a hash of a watch list's topics and patterns."""
    spec = [(t.name, t.label, list(t.sources)) for t in watch.topics]
    return hashlib.sha256(json.dumps(spec).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Return a hash of comparator's version, code and data, so no result outlives the code that made it."""
    package = Path(__file__).resolve().parents[1]  # all of comparator, not only this subpackage
    digest_ = hashlib.sha256(version("comparator").encode())
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest_.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest_.hexdigest()


class DigestCache(SqliteStore):
    """Pair digests in sqlite next to the embedding cache; any failure degrades to a miss or a skipped write."""

    def __init__(self, directory: Path | None = None) -> None:
        from comparator.cache import cache_dir

        super().__init__((directory if directory is not None else cache_dir()) / DIGESTS_DB, _DIGESTS_SCHEMA, 1)

    def get(self, keys: Sequence[str]) -> dict[str, PairDigest]:
        """Return the stored digests among ``keys``."""
        rows = self.select("SELECT key, value FROM digests WHERE key IN ({marks})", keys)
        return {key: loaded for key, value in rows if (loaded := _load_digest(value)) is not None}

    def put(self, digests: dict[str, PairDigest]) -> None:
        """Store digests by key; a failed write is dropped."""
        self.write("INSERT OR REPLACE INTO digests VALUES (?, ?)", [(key, _dump_digest(d)) for key, d in digests.items()])


def _dump_digest(d: PairDigest) -> str:
    """Serialise a digest compactly: items as positional lists (see ``_load_digest``)."""
    items = [
        [i.verdict, i.topics, [[p.text, p.line] for p in i.old], [[p.text, p.line] for p in i.new],
         i.similarity, i.reasons, [[e.op, e.old, e.new] for e in i.edits], i.review]
        for i in d.items
    ]
    return json.dumps({"counts": vars(d.counts), "items": items}, ensure_ascii=False)


def _load_digest(value: str) -> PairDigest | None:
    """Rebuild a stored digest; None when it does not fit the current shape."""
    try:
        data = json.loads(value)
        items = tuple(
            Item(verdict, tuple(topics), tuple(Point(*p) for p in old), tuple(Point(*p) for p in new),
                 similarity, tuple(reasons), tuple(Edit(*e) for e in edits), review)
            for verdict, topics, old, new, similarity, reasons, edits, review in data["items"]
        )
        return PairDigest(Counts(**data["counts"]), items)
    except (ValueError, KeyError, TypeError):
        return None


def points(sentences: Sequence[Sentence], text: str) -> tuple[Point, ...]:
    """Return sentences of ``text`` as points, each with the 1-based line it starts on."""
    return tuple(Point(s.text, text.count("\n", 0, s.start) + 1) for s in sentences)


def _tell(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)
