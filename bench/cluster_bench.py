"""`check --cluster` figures on a generated series (default 10,000 statements; see README, "Scaling out").

The series is corpus_bench's seeded random walk: each statement perturbs the
one before, so most sentences to score are new and the embedding stage
dominates. Each run starts from an empty COMPARATOR_CACHE_DIR and runs as its
own process, sampled every 0.2 s for the memory of every process it starts:

1. `check` without a cluster;
2. `check --cluster local:2` (two worker processes, one thread each);
3. `check --cluster tcp://127.0.0.1:PORT` against `dask scheduler` and two
   `dask worker --nthreads 1` processes started here as separate processes;
4. the bare model (one process, comparator's ONNX embedder) on the same
   sentences `check` embeds.

Then, on that scheduler, a few chunks of each task are timed on the workers
(and the client's cache write per chunk locally), and the wall time for
1,000,000 statements on 50 such workers is projected from them.

usage: python bench/cluster_bench.py [--statements N] [--sentences N] [--seed N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from corpus_bench import walk, write_series

BIN = Path(sys.executable).parent
PROJECTED_STATEMENTS, PROJECTED_WORKERS = 1_000_000, 50
BARE = (
    "import json, sys, time\n"
    "from pathlib import Path\n"
    "from comparator.series.batch import sentences_to_score, texts_to_embed\n"
    "from comparator.embed import load_embedder\n"
    "from comparator.read import read_source\n"
    "from comparator.segment import segment\n"
    "start = time.perf_counter()\n"
    "chain = [segment(read_source(str(f))) for f in sorted(Path(sys.argv[1]).glob('*.txt'))]\n"
    "texts = texts_to_embed([sentences_to_score(a, b) for a, b in zip(chain, chain[1:])])\n"
    "listed = time.perf_counter() - start\n"
    "embedder = load_embedder()\n"
    "embedder.encode(texts[:1])\n"
    "start = time.perf_counter()\n"
    "embedder.encode(texts)\n"
    "print(json.dumps({'sentences': len(texts), 'seconds': time.perf_counter() - start, 'listing': listed, 'statements': len(chain)}))\n"
)


def sampled(command: list[str], env: dict[str, str], also: list[int] = ()) -> dict:
    """Run ``command``; return rc, wall seconds, stdout and the peak RSS (MB) of each process in its tree and in ``also``'s trees."""
    peaks: dict[int, tuple[float, str]] = {}
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        roots = [psutil.Process(p) for p in (process.pid, *also)]
        while not done.is_set():
            for root in roots:
                try:
                    tree = [root, *root.children(recursive=True)]
                except psutil.Error:
                    continue
                for p in tree:
                    try:
                        rss, name = p.memory_info().rss / 2**20, " ".join(p.cmdline()[1:3])
                    except psutil.Error:
                        continue
                    peaks[p.pid] = (max(rss, peaks.get(p.pid, (0, ""))[0]), name)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({process.returncode}): {err.decode()[-400:]}")
    return {"seconds": seconds, "stdout": out, "peaks": peaks, "main": process.pid}


def workers_peak(run: dict, pids: set[int] | None = None) -> float:
    """The largest peak RSS (MB) among the run's worker processes: the given ones, else every process the run started."""
    chosen = [mb for pid, (mb, _) in run["peaks"].items() if (pid in pids if pids else pid != run["main"])]
    return max(chosen, default=0.0)


def start_cluster(work: Path, env: dict[str, str]) -> tuple[str, list[subprocess.Popen]]:
    """Start `dask scheduler` and two one-thread `dask worker`s on 127.0.0.1; return the address and the processes."""
    dask = str(BIN / "dask")
    address_file = work / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(address_file)], **quiet)]
    while not (address_file.exists() and address_file.read_text(encoding="utf-8").strip()):
        time.sleep(0.1)
    address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
    for _ in range(2):
        started.append(subprocess.Popen([dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard"], **quiet))
    return address, started


def timed(function, *args):
    """Run a task and return its wall time on the worker."""
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def chunk_times(address: str, series: Path, cache: Path) -> dict:
    """Time a few chunks of each task on the workers, and the client's cache write of one embedding chunk."""
    import numpy as np
    from distributed import Client

    from comparator.cache import EmbeddingCache
    from comparator.embed import load_embedder
    from comparator.read import read_source
    from comparator.segment import segment
    from comparator.series import cluster
    from comparator.series.batch import sentences_to_score, texts_to_embed
    from comparator.series.policy import default_policy

    chain = [segment(read_source(str(f))) for f in sorted(series.glob("*.txt"))[: 4 * cluster.PAIR_CHUNK + 1]]
    pairs = list(zip(chain, chain[1:]))
    needs = [sentences_to_score(a, b) for a, b in pairs]
    texts = texts_to_embed(needs)
    embedder = load_embedder()
    with EmbeddingCache(cache) as store:
        vectors = store.get(embedder.name, texts)
    missing = [t for t in texts if t not in vectors]
    if missing:
        vectors.update(zip(missing, embedder.encode(missing)))
    sentences = sorted(set(texts) | {t for a, b in pairs for t in (s.text for s in b.sentences)}, key=len)
    sample = sentences[:: max(1, len(sentences) // cluster.EMBED_CHUNK)][: cluster.EMBED_CHUNK]  # every length, like a middle chunk
    with Client(address, timeout=30) as client:
        recipe = cluster.embedder_recipe(embedder)
        embed = client.gather([client.submit(timed, cluster.embed_chunk, sample, embedder.name, recipe, pure=False) for _ in range(4)])
        watch = default_policy().watch
        compare = []
        for start in range(0, len(pairs), cluster.PAIR_CHUNK):
            part = needs[start : start + cluster.PAIR_CHUNK]
            used = list(dict.fromkeys(t for need in part for t in need))
            matrix = np.stack([vectors[t] for t in used])
            compare.append(client.submit(timed, cluster.compare_chunk, pairs[start : start + cluster.PAIR_CHUNK], used, matrix, embedder.name, watch, False, pure=False))
        compare = client.gather(compare)
    with tempfile.TemporaryDirectory() as scratch, EmbeddingCache(Path(scratch)) as store:
        fresh = {f"{k} {t}": np.ones(384, dtype=np.float32) for k, t in enumerate(sample)}
        start = time.perf_counter()
        store.put(embedder.name, fresh)
        merge = time.perf_counter() - start
    # The first embedding task on a worker includes building the model; the projection counts it once per worker.
    return {"embed": sorted(embed)[len(embed) // 2], "embed_first": max(embed), "compare": sorted(compare)[len(compare) // 2], "merge": merge, "chunk": len(sample)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20240729)
    parser.add_argument("--keep", type=Path, help="generate the series here and keep it")
    args = parser.parse_args()
    comparator = str(BIN / "comparator")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        series = args.keep or work / "series"
        write_series(series, walk(args.statements, args.sentences, args.seed))
        subprocess.run([comparator, "corpus", "init", str(series)], check=True, capture_output=True)
        base = {**os.environ, "COMPARATOR_CLUSTER": ""}
        cache = {name: work / f"cache-{name}" for name in ("bare", "alone", "local", "remote")}
        bare_run = subprocess.run([sys.executable, "-c", BARE, str(series)], env={**base, "COMPARATOR_CACHE_DIR": str(cache["bare"])}, capture_output=True, text=True, check=True)
        bare = json.loads(bare_run.stdout)
        check = [comparator, "check", str(series), "--format", "json"]
        alone = sampled(check, {**base, "COMPARATOR_CACHE_DIR": str(cache["alone"])})
        local = sampled([*check, "--cluster", "local:2", "--cluster-timeout", "60"], {**base, "COMPARATOR_CACHE_DIR": str(cache["local"])})
        address, started = start_cluster(work, base)
        try:
            workers = {p.pid for p in started[1:]} | {c.pid for p in started[1:] for c in psutil.Process(p.pid).children(recursive=True)}
            remote = sampled([*check, "--cluster", address, "--cluster-timeout", "60"], {**base, "COMPARATOR_CACHE_DIR": str(cache["remote"])}, [p.pid for p in started[1:]])
            workers |= {c.pid for p in started[1:] for c in psutil.Process(p.pid).children(recursive=True)}
            chunks = chunk_times(address, series, cache["remote"])
        finally:
            for process in started:
                process.terminate()
            for process in started:
                process.wait(timeout=60)

    same = alone["stdout"] == local["stdout"] == remote["stdout"]
    per_statement = bare["sentences"] / max(1, bare["statements"] - 1)
    print(f"generated series: {args.statements} statements of ~{args.sentences} sentences; check embeds {bare['sentences']} unique sentences (seed {args.seed})")
    print(f"  bare model, one process, those sentences          {bare['seconds']:8.1f} s   ({bare['sentences'] / bare['seconds']:.0f} sentences/s)")
    print(f"  check cold, no cluster                            {alone['seconds']:8.1f} s   {alone['seconds'] / bare['seconds']:.2f}x bare")
    for label, run, pids in (("local:2", local, None), ("scheduler + 2 workers", remote, workers)):
        print(
            f"  check cold, {label:<38}{run['seconds']:8.1f} s   {run['seconds'] / alone['seconds']:.2f}x no cluster (target <= 1.15x); "
            f"peak per worker {workers_peak(run, pids):.0f} MB (target <= 1024)"
        )
    print(f"  client peak (the check process)                   {max(alone['peaks'][alone['main']][0], remote['peaks'][remote['main']][0]):8.0f} MB")
    print(f"  identical output in all three runs: {'yes' if same else 'NO'}")

    # Projection: stages run one after the other; the workers' share divides by their number, the client's does not.
    from comparator.series.cluster import EMBED_CHUNK, PAIR_CHUNK

    n, w = PROJECTED_STATEMENTS, PROJECTED_WORKERS
    listing = bare["listing"] / bare["statements"] * n
    embed_tasks = n * per_statement / chunks["chunk"]
    embed_workers = embed_tasks * chunks["embed"] / w + chunks["embed_first"]
    merge = embed_tasks * chunks["merge"]
    compare_tasks = n / PAIR_CHUNK
    compare_workers = compare_tasks * chunks["compare"] / w
    total = listing + max(embed_workers, merge) + compare_workers
    print(f"projection: {n:,} statements on {w} workers of this size (1 thread each), from the chunk times measured on the workers above")
    print(f"  chunk of {EMBED_CHUNK} sentences: {chunks['embed']:.2f} s on a worker (first one, with the model build: {chunks['embed_first']:.2f} s); chunk of {PAIR_CHUNK} pairs: {chunks['compare']:.2f} s")
    print(f"  client, read + segment + list sentences:  {listing / 60:7.1f} min  (serial, on the client)")
    print(f"  embedding, {embed_tasks:,.0f} tasks:              {embed_workers / 60:7.1f} min  (client merge into the cache: {merge / 60:.1f} min, overlapped)")
    print(f"  comparisons, {compare_tasks:,.0f} tasks:            {compare_workers / 60:7.1f} min")
    print(f"  total                                    {total / 60:7.1f} min")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
