"""Running ``check`` and ``build`` on a Dask cluster: ``--cluster tcp://HOST:8786`` or ``--cluster local[:N]``.

The client (the ``comparator`` process) lists the sentences each pair needs,
reads and writes the caches and writes every report; workers only compute.
Two kinds of task, both pure functions of their arguments:

- ``embed_chunk``: up to ``EMBED_CHUNK`` sentences in, their vectors out. A
  worker builds the model once (``worker_embedder``) and keeps it for every
  later task.
- ``compare_chunk``: up to ``PAIR_CHUNK`` consecutive pairs in, with only the
  vectors those pairs score; their digests (or, for ``build``, their whole
  comparisons) out.

What every task shares (the watch list, how to build the model) is one small
task's result, fetched once by each worker that needs it: unlike scattered
data, Dask can recompute it when the worker holding it dies. ``distributed`` is imported only when a cluster is
asked for: it is the optional extra ``comparator[dask]``.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from comparator import one_line

if TYPE_CHECKING:
    from comparator.embed import Embedder
    from comparator.models import Comparison, Statement
    from comparator.series.batch import PairDigest, Progress
    from comparator.topics import WatchList

DEFAULT_TIMEOUT = 5.0  # seconds to reach the scheduler and see a worker
# About 5 s of model time per task at ~200 sentences/s: scheduler overhead (~1 ms a task) vanishes,
# a lost worker costs little to redo, and 1,000,000 statements stay under ~30,000 embedding tasks.
EMBED_CHUNK = 1024
# Pairs per comparison task: their statements and vectors stay a few MB, so no task graph carries a large payload.
PAIR_CHUNK = 64
WINDOW = 4  # tasks in flight per worker thread: keeps workers busy while bounding what waits in their memory
_ADDRESS = re.compile(r"^(?:tcp|tls)://[^/\s]+:\d+$")


class ClusterError(RuntimeError):
    """A cluster that cannot be reached or that failed the run; the message is one line for the user."""


@dataclass(frozen=True)
class ClusterSpec:
    """Where to run: a scheduler's address, or a local cluster of ``workers`` processes."""

    address: str | None
    workers: int


def parse_cluster(text: str, cpus: int) -> ClusterSpec:
    """Read ``tcp://HOST:PORT`` (or ``tls://``), ``local`` (``cpus`` workers) or ``local:N``."""
    text = text.strip()
    if text == "local":
        return ClusterSpec(None, max(1, cpus))
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(f"--cluster {text}: expected local:N with N a number of workers >= 1")
        return ClusterSpec(None, int(count))
    if not _ADDRESS.match(text):
        raise ClusterError(f"--cluster {text}: expected tcp://HOST:PORT, local or local:N")
    return ClusterSpec(text, 0)


@contextmanager
def connect(spec: ClusterSpec, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Cluster]:
    """Connect to the scheduler (or start the local cluster) and wait for a worker; stop what was started."""
    try:
        import distributed
    except ImportError:
        raise ClusterError("--cluster needs Dask's distributed package: pip install 'comparator[dask]'") from None
    # Cluster chatter (workers joining, leaving, restarting) is not the user's business; failures reach them as one line.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    where = spec.address or f"a local cluster of {spec.workers} worker(s)"
    local = None
    try:
        if spec.address is None:
            local = distributed.LocalCluster(
                n_workers=spec.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL,
            )
        client = distributed.Client(local or spec.address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as error:
        if local is not None:
            local.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {where} within {timeout:g} s ({type(error).__name__})") from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError):
            raise ClusterError(f"no worker joined the Dask scheduler at {where} within {timeout:g} s") from None
        yield Cluster(client, where)
    finally:
        client.close()
        if local is not None:
            local.close()


class Cluster:
    """A connected Dask client, mapping comparator's two kinds of task over the workers."""

    def __init__(self, client: Any, where: str) -> None:
        self.client = client
        self.where = where

    def threads(self) -> int:
        """Return how many tasks the workers run at once."""
        return max(1, sum(self.client.nthreads().values()))

    def embed(self, texts: Sequence[str], embedder: Embedder, progress: Progress | None = None) -> Iterator[tuple[list[str], np.ndarray]]:
        """Embed ``texts`` on the workers in chunks; yield each chunk and its vectors, in order."""
        recipe = self.share(embedder_recipe(embedder))
        chunks = [list(texts[start : start + EMBED_CHUNK]) for start in range(0, len(texts), EMBED_CHUNK)]
        calls = ((embed_chunk, chunk, embedder.name, recipe) for chunk in chunks)
        done = 0
        for chunk, vectors in zip(chunks, self._ordered(calls)):
            done += len(chunk)
            if progress is not None:
                progress("embedding", done, len(texts))
            yield chunk, vectors

    def compare(
        self,
        pairs: Sequence[tuple[Statement, Statement]],
        needs: Sequence[Sequence[str]],
        vectors: dict[str, np.ndarray],
        model: str,
        watch: WatchList,
        whole: bool,
    ) -> Iterator[list[PairDigest | Comparison | None]]:
        """Compare pairs on the workers, each chunk with the vectors its pairs need (``needs``); yield each chunk's results in order.

        A result is the pair's digest, or its comparison when ``whole``; None
        when the pair needs a vector it was not given.
        """
        shared = self.share(watch)
        size = max(1, min(PAIR_CHUNK, -(-len(pairs) // (self.threads() * WINDOW))))

        def calls() -> Iterator[tuple]:
            for start in range(0, len(pairs), size):
                texts, matrix = chunk_vectors(needs[start : start + size], vectors)
                yield compare_chunk, list(pairs[start : start + size]), texts, matrix, model, shared, whole

        yield from self._ordered(calls())

    def share(self, value: Any) -> Any:
        """Return a future of ``value`` that tasks can take as an argument, so it travels once to each worker."""
        return self.client.submit(_same, value, pure=False)

    def _ordered(self, calls: Iterator[tuple]) -> Iterator[Any]:
        """Submit ``calls`` (function, *args) with a bounded number in flight; yield their results in order."""
        import distributed

        limit = self.threads() * WINDOW
        pending: deque = deque()
        try:
            for call in calls:
                pending.append(self.client.submit(*call, pure=False))
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except distributed.KilledWorker as error:
            raise ClusterError(f"Dask workers kept dying while running a comparator task ({one_line(error)}); nothing was written") from None
        except (distributed.client.FutureCancelledError, OSError) as error:
            raise ClusterError(f"lost the Dask cluster at {self.where}: {one_line(error)}") from None
        finally:
            for future in pending:
                future.cancel()


# --- on the workers ----------------------------------------------------------------------------

_MODELS: dict[str, Embedder] = {}  # in a worker: the embedders built so far, by model name
LOADS: list[str] = []  # in a worker: the model names built, one entry per build
_LOADING = threading.Lock()  # a worker with several threads builds each model once


def embedder_recipe(embedder: Embedder) -> Callable[[], Embedder]:
    """Return how a worker builds the same embedder: comparator's own by model name, any other by a copy."""
    from comparator.embed import OnnxEmbedder, SentenceTransformerEmbedder

    if isinstance(embedder, (OnnxEmbedder, SentenceTransformerEmbedder)):
        return partial(_load_on_worker, embedder.name)
    return partial(_same, embedder)


def _load_on_worker(name: str) -> Embedder:
    from comparator import embed

    # A worker runs one task per thread: the cluster's parallelism is its threads, so the model takes one.
    os.environ[embed.THREADS_ENV] = "1"
    return embed.load_embedder(name)


def _same(value: Any) -> Any:
    return value


def worker_embedder(name: str, recipe: Callable[[], Embedder]) -> Embedder:
    """Return this worker's embedder for ``name``, building it on first use only."""
    with _LOADING:
        if name not in _MODELS:
            _MODELS[name] = recipe()
            LOADS.append(name)
        return _MODELS[name]


def embed_chunk(texts: list[str], name: str, recipe: Callable[[], Embedder]) -> np.ndarray:
    """Embed one chunk of sentences (a task)."""
    return np.asarray(worker_embedder(name, recipe).encode(texts), dtype=np.float32)


def chunk_vectors(needs: Sequence[Sequence[str]], vectors: Mapping[str, np.ndarray]) -> tuple[list[str], np.ndarray]:
    """The distinct sentences a chunk of pairs needs, and their vectors as the rows of one matrix (what a task is sent)."""
    texts = list(dict.fromkeys(t for need in needs for t in need))
    return texts, np.stack([vectors[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)


def compare_chunk(
    pairs: list[tuple[Statement, Statement]], texts: list[str], matrix: np.ndarray, model: str, watch: WatchList, whole: bool,
) -> list[PairDigest | Comparison | None]:
    """Compare consecutive pairs against the given vectors (a task); None for a pair needing another vector."""
    from comparator.series.batch import VectorTable, compare_or_none, no_model

    return compare_or_none(pairs, VectorTable(model, dict(zip(texts, matrix)), no_model), watch, whole)
