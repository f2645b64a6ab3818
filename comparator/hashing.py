"""SHA-256 and BLAKE2b from CPython's own implementations, the same digests as ``hashlib``'s.

``import hashlib`` loads OpenSSL's libcrypto: 6-9 ms of every warm ``compare``,
which hashes only a statement and its sentences.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any


def _first(name: str, modules: tuple[str, ...]) -> Any:
    for module in modules:
        try:
            return getattr(import_module(module), name)
        except (ImportError, AttributeError):
            continue
    raise ImportError(name)


sha256 = _first("sha256", ("_sha2", "_sha256", "hashlib"))  # _sha2 from CPython 3.12; hashlib where neither is built
blake2b = _first("blake2b", ("_blake2", "hashlib"))
