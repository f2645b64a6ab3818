"""Shared fixtures: corpus paths, a deterministic stand-in embedder, the CLI as a real process."""

from __future__ import annotations

import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from comparator.models import Source, Statement
from comparator.segment import segment
from comparator.series.manifest import MANIFEST

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "japan-us-defense"
GOLD = ROOT / "gold"
BIN = Path(sys.executable).parent


class StandInEmbedder:
    """Hashes words and word pairs into a fixed-size vector: deterministic, instant, no model.

    ``batches`` holds every batch it was asked to encode, in order.
    """

    name = "test/stand-in"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.batches: list[list[str]] = []

    def encode(self, texts):
        self.batches.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for feature in words + [a + " " + b for a, b in zip(words, words[1:])]:
                digest = hashlib.sha256(feature.encode()).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory) -> Path:
    """Keep the user's embedding cache out of the tests: one fresh cache per test session."""
    folder = tmp_path_factory.mktemp("embedding-cache")
    previous = os.environ.get("COMPARATOR_CACHE_DIR")
    os.environ["COMPARATOR_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["COMPARATOR_CACHE_DIR"]
    else:
        os.environ["COMPARATOR_CACHE_DIR"] = previous


@pytest.fixture
def stand_in() -> StandInEmbedder:
    return StandInEmbedder()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """An empty embedding cache for this test only."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("COMPARATOR_CACHE_DIR", str(folder))
    return folder


def run_cli(*args: str, stdin: bytes | None = None, env: dict | None = None, program: str = "compare") -> subprocess.CompletedProcess:
    """Run a console script of this venv as a real process; bytes in, text out."""
    return subprocess.run(
        [str(BIN / program), *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        timeout=300,
    )


def corpus_file(date: str) -> Path:
    return CORPUS / f"{date}.txt"


def statement_of(text: str, path: str = "test.txt") -> Statement:
    """Segment ``text`` as if read from ``path`` (UTF-8, its sha256 recorded)."""
    return segment(Source(path, text, hashlib.sha256(text.encode()).hexdigest(), "utf-8"))


def comparator(*args: str, env: dict | None = None):
    """Run the `comparator` console script; text out."""
    result = run_cli(*args, env=env, program="comparator")
    result.stdout, result.stderr = result.stdout.decode(), result.stderr.decode()
    return result


def corpus_copy(folder: Path, with_records: bool = True, name: str = "japan-us-defense") -> Path:
    """A copy of the bundled series; without records it holds only the statements and manifest.json."""
    target = folder / name
    shutil.copytree(CORPUS, target)
    if not with_records:
        for name in (MANIFEST, "acknowledgements.toml"):
            (target / name).unlink(missing_ok=True)
    return target


def assert_one_line_error(result, *fragments: str) -> None:
    """``result`` (text, as from ``comparator``) failed with exit code 2 and one line on stderr naming ``fragments``."""
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


# --- a local web server for `corpus add` ---------------------------------------------------------------------


Route = Callable[[http.server.BaseHTTPRequestHandler], None]


@contextmanager
def serve(routes: dict[str, Route]):
    """Serve ``path -> handler(request)`` on 127.0.0.1; yield the base URL. Unknown paths are 404."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            route = routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            try:
                route(self)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def body(data: bytes, length: int | None = None, pause: float = 0.0, content_type: str = "text/plain; charset=utf-8") -> Route:
    """Answer 200 with ``data``, announcing ``length`` bytes, sending a byte at a time every ``pause`` seconds if given."""

    def route(request):
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(data) if length is None else length))
        request.end_headers()
        if not pause:
            request.wfile.write(data)
            return
        for byte in data[:40]:  # bounded: the test is over long before
            request.wfile.write(bytes([byte]))
            request.wfile.flush()
            time.sleep(pause)

    return route
