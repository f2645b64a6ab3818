"""Shared fixtures: corpus paths, a deterministic stand-in embedder, the CLI as a real process."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "japan-us-defense"
GOLD = ROOT / "gold"
BIN = Path(sys.executable).parent


class StandInEmbedder:
    """Hashes words and word pairs into a fixed-size vector: deterministic, instant, no model."""

    name = "test/stand-in"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
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


@pytest.fixture(scope="session")
def model_env(session_cache) -> dict:
    """Environment for CLI runs with the real model: the session's embedding cache."""
    return {"COMPARATOR_CACHE_DIR": str(session_cache)}


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
