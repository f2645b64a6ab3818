"""`--cluster`: check and build on Dask workers give the same bytes, survive a lost worker, fail in one line.

Every cluster here listens on 127.0.0.1 only, and every test bounds its time
(SIGALRM in process, timeouts on subprocesses) and stops what it started.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BIN, CORPUS, ROOT, StandInEmbedder, assert_one_line_error, comparator, corpus_copy, statement_of

from comparator.series import batch, cluster
from comparator.series.batch import digest_pairs
from comparator.series.check import run_check
from comparator.series.cluster import ClusterError, ClusterSpec, connect, parse_cluster
from comparator.series.policy import default_policy

pytest.importorskip("distributed")


@pytest.fixture
def deadline():
    """Fail the test (instead of hanging the suite) if it runs past 180 s."""

    def expired(signum, frame):
        raise TimeoutError("test ran past its deadline")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(180)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def local_cluster():
    """A LocalCluster of two worker processes (one thread each) on 127.0.0.1, for the whole module."""
    with connect(ClusterSpec(None, 2), timeout=60) as engine:
        yield engine


def chain_of(count: int) -> list[tuple]:
    """``count`` successive pairs built from the bundled statements, each statement made unique."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    chain = [statement_of(texts[k % len(texts)] + f"\nStatement number {k} was issued on day {k}.\n", f"{k}.txt") for k in range(count + 1)]
    return list(zip(chain, chain[1:]))


class SlowStandIn(StandInEmbedder):
    """The stand-in, a little slow per batch, so a worker can be killed while tasks are running."""

    def encode(self, texts):
        time.sleep(0.3)
        return super().encode(texts)


class Crashing(StandInEmbedder):
    """Kills the worker process running it, every time."""

    def encode(self, texts):
        os._exit(1)


def table_rows(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()


# --- addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "spec"), [
    ("local", ClusterSpec(None, 3)),
    ("local:2", ClusterSpec(None, 2)),
    ("tcp://127.0.0.1:8786", ClusterSpec("tcp://127.0.0.1:8786", 0)),
    (" tls://scheduler.example:8786 ", ClusterSpec("tls://scheduler.example:8786", 0)),
])
def test_cluster_addresses(text, spec):
    assert parse_cluster(text, 3) == spec


@pytest.mark.parametrize("text", ["local:0", "local:x", "127.0.0.1:8786", "http://h:1", "tcp://h"])
def test_bad_cluster_addresses_are_one_line_errors(text):
    with pytest.raises(ClusterError, match="expected"):
        parse_cluster(text, 2)


# --- the library on a LocalCluster, with the stand-in embedder ---------------------------------


def test_digests_on_the_cluster_equal_the_local_ones_and_each_worker_builds_the_model_once(local_cluster, monkeypatch, deadline):
    monkeypatch.setattr(cluster, "EMBED_CHUNK", 40)  # many tasks of each kind, so both workers take some
    monkeypatch.setattr(cluster, "PAIR_CHUNK", 3)
    pairs = chain_of(24)
    watch = default_policy().watch
    seen = []
    remote = list(digest_pairs(pairs, StandInEmbedder(), None, watch, lambda *step: seen.append(step), cluster=local_cluster))
    assert remote == list(digest_pairs(pairs, StandInEmbedder(), None, watch, workers=1))
    assert ("comparing", len(pairs), len(pairs)) in seen and seen[-1][0] == "comparing"
    assert len([s for s in seen if s[0] == "embedding"]) > 2
    loads = local_cluster.client.run(lambda: list(cluster.LOADS))
    assert all(names.count(StandInEmbedder.name) <= 1 for names in loads.values())
    assert sum(len(names) for names in loads.values()) >= 1


def test_cluster_merges_vectors_into_the_cache_and_a_warm_run_sends_nothing(local_cluster, tmp_path, cache_dir, deadline):
    series = corpus_copy(tmp_path)
    cold = run_check(series, StandInEmbedder(), cluster=local_cluster)
    assert table_rows(cache_dir / "digests.sqlite", "digests")
    (cache_dir / "digests.sqlite").unlink()
    local = StandInEmbedder()
    assert run_check(series, local) == cold  # every vector from the cache the client filled
    assert local.batches == []
    again = StandInEmbedder()
    assert run_check(series, again, cluster=local_cluster) == cold and again.batches == []


def test_a_worker_killed_mid_run_is_replaced_and_the_results_are_the_same(tmp_path, monkeypatch, deadline):
    monkeypatch.setattr(cluster, "EMBED_CHUNK", 30)
    pairs = chain_of(12)
    watch = default_policy().watch
    killed = []
    with connect(ClusterSpec(None, 2), timeout=60) as engine:
        pids = engine.client.run(os.getpid)

        def kill_one(stage, done, total):
            if stage == "embedding" and not killed:
                victim = sorted(pids.values())[0]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

        remote = list(digest_pairs(pairs, SlowStandIn(), None, watch, kill_one, cluster=engine))
    assert killed
    assert remote == list(digest_pairs(pairs, StandInEmbedder(), None, watch, workers=1))


def test_workers_that_keep_dying_fail_the_run_in_one_line_with_nothing_stored(tmp_path, cache_dir, deadline):
    series = corpus_copy(tmp_path)
    with connect(ClusterSpec(None, 1), timeout=60) as engine, pytest.raises(ClusterError) as failed:
        run_check(series, Crashing(), cluster=engine)
    assert "workers kept dying" in str(failed.value) and "\n" not in str(failed.value)
    assert table_rows(cache_dir / "digests.sqlite", "digests") == []


# --- the command line ---------------------------------------------------------------------------


def test_an_unreachable_scheduler_is_one_line_and_exit_2_within_the_timeout(tmp_path):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    series = corpus_copy(tmp_path)
    start = time.monotonic()
    result = comparator("check", str(series), "--cluster-timeout", "2", env={"COMPARATOR_CLUSTER": f"tcp://127.0.0.1:{port}"})
    assert time.monotonic() - start < 2 + 15  # the timeout plus starting Python and importing distributed
    assert_one_line_error(result, f"tcp://127.0.0.1:{port}", "within 2 s")


def test_cluster_without_the_extra_is_one_line(tmp_path):
    script = (
        "import sys\n"
        "sys.modules['distributed'] = None  # as if comparator[dask] were not installed\n"
        "from comparator.cli.compare import main\n"
        f"sys.argv = ['comparator', 'check', {str(tmp_path)!r}, '--cluster', 'local:1']\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert_one_line_error(result, "pip install 'comparator[dask]'")


@pytest.mark.slow
def test_without_the_flag_distributed_is_never_imported(tmp_path):
    series = corpus_copy(tmp_path)
    script = (
        "import sys\n"
        "from comparator.cli.compare import main\n"
        f"sys.argv = ['comparator', 'check', {str(series)!r}, '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit as done:\n    assert done.code == 0, done.code\n"
        "print('distributed' in sys.modules, 'dask' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "False False"


@pytest.mark.slow
def test_check_on_a_local_cluster_gives_the_same_bytes_in_every_format_and_the_same_caches(tmp_path):
    series = corpus_copy(tmp_path)
    outputs = {}
    for name, extra in (("alone", ()), ("cluster", ("--cluster", "local:2"))):
        env = {"COMPARATOR_CACHE_DIR": str(tmp_path / name)}
        for fmt in ("json", "terminal", "markdown", "github"):  # the first run is cold, the others read its digests
            result = comparator("check", str(series), "--format", fmt, *extra, env={**env, "GITHUB_STEP_SUMMARY": ""})
            assert result.returncode == 0, result.stderr
            outputs[name, fmt] = result.stdout
    for fmt in ("json", "terminal", "markdown", "github"):
        assert outputs["alone", fmt] == outputs["cluster", fmt], fmt
    assert json.loads(outputs["cluster", "json"])["series"]
    for db, table in (("embeddings.sqlite", "embeddings"), ("digests.sqlite", "digests")):
        assert table_rows(tmp_path / "alone" / db, table) == table_rows(tmp_path / "cluster" / db, table), db


@pytest.mark.slow
def test_build_on_a_local_cluster_gives_the_same_site(tmp_path):
    series = corpus_copy(tmp_path)
    sites = {}
    for name, extra in (("alone", ()), ("cluster", ("--cluster", "local:2"))):
        out = tmp_path / f"site-{name}"
        result = comparator("build", str(series), "-o", str(out), *extra, env={"COMPARATOR_CACHE_DIR": str(tmp_path / name)})
        assert result.returncode == 0, result.stderr
        sites[name] = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert sites["alone"] == sites["cluster"]
    assert any(page.startswith(series.name) and "/pairs/" in page for page in sites["cluster"])


@pytest.mark.slow
def test_check_on_a_scheduler_and_two_workers_started_as_separate_processes(tmp_path):
    series = corpus_copy(tmp_path)
    alone = comparator("check", str(series), "--format", "json", env={"COMPARATOR_CACHE_DIR": str(tmp_path / "alone")})
    assert alone.returncode == 0, alone.stderr
    address_file = tmp_path / "scheduler.json"
    dask = str(BIN / "dask")
    started = [subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(address_file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )]
    try:
        for _ in range(600):
            if address_file.exists() and address_file.read_text(encoding="utf-8").strip():
                break
            time.sleep(0.1)
        address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for _ in range(2):
            started.append(subprocess.Popen(
                [dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard", "--death-timeout", "60"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))
        remote = comparator(
            "check", str(series), "--format", "json", "--cluster", address, "--cluster-timeout", "60",
            env={"COMPARATOR_CACHE_DIR": str(tmp_path / "remote")},
        )
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == alone.stdout


# --- issue 12, item 7: the local fork pool never outlives `check` --------------------------------

POOL_SCRIPT = """
import sys, time
sys.path.insert(0, {tests!r})
from conftest import StandInEmbedder
from test_cluster import chain_of
import comparator.compare
from comparator.series.batch import digest_pairs
from comparator.cli.app import Stopped, stop_on_signals
from comparator.series.policy import default_policy

real = comparator.compare.compare_statements

def slow(*args, **kwargs):
    time.sleep(60)  # a worker busy for longer than the test waits
    return real(*args, **kwargs)

comparator.compare.compare_statements = slow
pairs = chain_of(70)
stop_on_signals()  # as the CLI does: a signal becomes an exception that stops the pool
try:
    for _ in digest_pairs(pairs, StandInEmbedder(), None, default_policy().watch, workers=2):
        pass
except Stopped as e:
    sys.exit(128 + e.signum)
"""


def children(pid: int) -> set[int]:
    """The live child processes of ``pid``."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_forked_workers_do_not_outlive_their_parent(sig):
    assert batch.PARALLEL_PAIRS <= 70
    parent = subprocess.Popen([sys.executable, "-c", POOL_SCRIPT.format(tests=str(ROOT / "tests"))], cwd=ROOT, stderr=subprocess.PIPE)
    workers: set[int] = set()
    try:
        for _ in range(600):
            workers = children(parent.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.1)
        assert len(workers) >= 2, "the pool never started"
        time.sleep(1)  # the workers are inside the slow comparison
        parent.send_signal(sig)
        parent.wait(timeout=30)
        for _ in range(100):
            if not any(alive(w) for w in workers):
                break
            time.sleep(0.1)
        assert not any(alive(w) for w in workers), "forked workers outlived their parent"
        if sig == signal.SIGTERM:
            assert parent.returncode == 128 + signal.SIGTERM
            assert b"Traceback" not in parent.stderr.read()
    finally:
        parent.kill()
        parent.wait()
        for worker in workers:
            if alive(worker):
                os.kill(worker, signal.SIGKILL)
