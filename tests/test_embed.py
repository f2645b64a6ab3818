"""Tests for the embedding stage and its on-disk cache."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import CORPUS, StandInEmbedder, run_cli
from hypothesis import given
from hypothesis import strategies as st

from comparator import embed as embed_module
from comparator import hashing
from comparator.cache import DB_NAME, EmbeddingCache, embed
from comparator.cache import cache_dir as configured_cache_dir
from comparator.embed import (
    DEFAULT_MODEL,
    INT8,
    EmbeddingError,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    equal_length_batches,
    export_all,
    export_problem,
    intra_op_threads,
    load_embedder,
    mean_normalise,
    models_dir,
    onnx_path,
    prepare_model,
    record_path,
    session_options,
    weights_path,
    write_record,
)

HEAVY = ("torch", "onnxruntime", "tokenizers", "transformers", "sentence_transformers")
TEXTS = ["The Ministers met in Tokyo.", "They affirmed the Alliance.", "The Ministers met in Tokyo."]


def corpus_sentences(limit: int | None = None) -> list[str]:
    """Split the corpus crudely on '. ' into unique sentences."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            found += [s.strip() for s in line.split(". ") if s.strip()]
    return list(dict.fromkeys(found))[:limit]


def run_child(code: str, cache: Path) -> dict:
    """Run ``code`` in a fresh interpreter with its cache in ``cache``; return the JSON it prints last."""
    env = {**os.environ, "COMPARATOR_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- cache --------------------------------------------------------------------


def test_cache_dir_respects_the_environment(cache_dir):
    assert configured_cache_dir() == cache_dir
    with EmbeddingCache() as cache:
        assert cache.enabled
        embed(TEXTS, StandInEmbedder(16), cache)
    assert (cache_dir / DB_NAME).is_file()


@given(st.binary(max_size=300))
def test_digests_without_openssl_are_hashlibs(data):
    import hashlib

    assert hashing.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert hashing.blake2b(data, digest_size=8).digest() == hashlib.blake2b(data, digest_size=8).digest()


@pytest.mark.parametrize(("xdg", "home"), [(None, None), ("", None), ("/tmp/xdg-elsewhere", None), ("relative/ignored", None), (None, ""), (None, "relhome")])
def test_user_dirs_are_where_platformdirs_puts_them(monkeypatch, xdg, home):
    """comparator reads the XDG variables itself on Linux (for start-up time): the same folders as platformdirs."""
    import platformdirs

    if home is not None:
        monkeypatch.setenv("HOME", home)
    monkeypatch.delenv("COMPARATOR_CACHE_DIR", raising=False)
    monkeypatch.delenv("COMPARATOR_MODEL_DIR", raising=False)
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert configured_cache_dir() == Path(platformdirs.user_cache_dir("comparator"))
    assert models_dir() == Path(platformdirs.user_data_dir("comparator")) / "models"


def test_embed_dedupes_and_keeps_input_order(tmp_path):
    embedder = StandInEmbedder(16)
    with EmbeddingCache(tmp_path) as cache:
        rows = embed(TEXTS, embedder, cache)
    assert embedder.batches == [TEXTS[:2]]
    assert rows.dtype == np.float32 and rows.shape == (3, 16)
    np.testing.assert_array_equal(rows, StandInEmbedder(16).encode(TEXTS))


def test_warm_cache_encodes_nothing_and_returns_the_same_bits(tmp_path):
    with EmbeddingCache(tmp_path) as cache:
        cold = embed(TEXTS, StandInEmbedder(16), cache)
    embedder = StandInEmbedder(16)
    with EmbeddingCache(tmp_path) as cache:
        warm = embed(list(reversed(TEXTS)), embedder, cache)
    assert embedder.batches == []
    np.testing.assert_array_equal(warm, cold[::-1])


def test_only_misses_are_encoded_in_one_call(tmp_path):
    with EmbeddingCache(tmp_path) as cache:
        embed(TEXTS[:1], StandInEmbedder(16), cache)
        embedder = StandInEmbedder(16)
        embed(["New point.", *TEXTS, "Another new point."], embedder, cache)
    assert embedder.batches == [["New point.", "They affirmed the Alliance.", "Another new point."]]


def test_models_do_not_share_entries(tmp_path):
    class Other(StandInEmbedder):
        name = "test/other"

    with EmbeddingCache(tmp_path) as cache:
        embed(TEXTS, StandInEmbedder(16), cache)
        other = Other(16)
        embed(TEXTS, other, cache)
    assert other.batches == [TEXTS[:2]]


def test_without_cache_everything_is_encoded():
    embedder = StandInEmbedder(16)
    embed(TEXTS, embedder, None)
    embed(TEXTS, embedder, None)
    assert embedder.batches == [TEXTS[:2], TEXTS[:2]]


def test_empty_input_keeps_the_model_dimension(tmp_path):
    with EmbeddingCache(tmp_path) as cache:
        assert embed([], StandInEmbedder(16), cache).shape == (0, 16)


def test_garbage_cache_file_is_a_miss_and_gets_replaced(tmp_path):
    (tmp_path / DB_NAME).write_bytes(os.urandom(8192))
    embedder = StandInEmbedder(16)
    with EmbeddingCache(tmp_path) as cache:
        assert cache.enabled
        rows = embed(TEXTS, embedder, cache)
    assert embedder.batches == [TEXTS[:2]]
    np.testing.assert_array_equal(rows, StandInEmbedder(16).encode(TEXTS))
    again = StandInEmbedder(16)
    with EmbeddingCache(tmp_path) as cache:
        embed(TEXTS, again, cache)
    assert again.batches == []


def test_cache_corrupted_behind_a_valid_header_is_a_miss(tmp_path):
    with EmbeddingCache(tmp_path) as cache:
        embed([f"Sentence number {i}." for i in range(2000)], StandInEmbedder(16), cache)
    db = tmp_path / DB_NAME
    data = bytearray(db.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)  # keep page 1 (header and schema), trash the rest
    db.write_bytes(bytes(data))
    embedder = StandInEmbedder(16)
    with EmbeddingCache(tmp_path) as cache:
        rows = embed(TEXTS, embedder, cache)
        embed(TEXTS, embedder, cache)
    assert embedder.batches == [TEXTS[:2]]  # rewritten at once, so the second call hits
    np.testing.assert_array_equal(rows, StandInEmbedder(16).encode(TEXTS))


def test_foreign_database_is_replaced(tmp_path):
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("CREATE TABLE embeddings (x)")
        db.execute("PRAGMA user_version = 99")
    embedder = StandInEmbedder(16)
    with EmbeddingCache(tmp_path) as cache:
        embed(TEXTS, embedder, cache)
        embed(TEXTS, embedder, cache)
    assert embedder.batches == [TEXTS[:2]]


def test_unusable_cache_dir_means_no_caching(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    embedder = StandInEmbedder(16)
    with EmbeddingCache(blocker / "cache") as cache:
        assert not cache.enabled
        embed(TEXTS, embedder, cache)
        embed(TEXTS, embedder, cache)
    assert len(embedder.batches) == 2


def test_truncated_vectors_are_misses(tmp_path):
    with EmbeddingCache(tmp_path) as cache:
        embed(TEXTS, StandInEmbedder(16), cache)
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE embeddings SET vector = substr(vector, 1, 10)")
    embedder = StandInEmbedder(16)
    with EmbeddingCache(tmp_path) as cache:
        embed(TEXTS, embedder, cache)
    assert embedder.batches == [TEXTS[:2]]


# --- embedders, without the model ---------------------------------------------------


def test_load_embedder_maps_default_names_to_onnx():
    for name in (None, "all-MiniLM-L6-v2", DEFAULT_MODEL, "minilm"):
        assert isinstance(load_embedder(name), OnnxEmbedder)
        assert load_embedder(name).name == DEFAULT_MODEL
    int8 = load_embedder(INT8)
    assert isinstance(int8, OnnxEmbedder) and int8.variant == "int8"
    assert int8.name != DEFAULT_MODEL  # the cache keeps each variant's vectors apart
    other = load_embedder("sentence-transformers/all-mpnet-base-v2")
    assert isinstance(other, SentenceTransformerEmbedder)
    assert other.name == "sentence-transformers/all-mpnet-base-v2"


def test_local_model_path_is_named_by_its_real_path(tmp_path, monkeypatch):
    (tmp_path / "my-model").mkdir()
    monkeypatch.chdir(tmp_path)
    assert load_embedder("./my-model").name == str((tmp_path / "my-model").resolve())


def test_a_missing_model_folder_is_one_clear_error():
    with pytest.raises(EmbeddingError, match="no model folder at /no/such/model"):
        load_embedder("/no/such/model")


def test_equal_length_batches_never_mix_lengths():
    lengths = [5, 3, 5, 7, 3, 5, 5]
    batches = equal_length_batches(lengths, max_tokens=10)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len({lengths[i] for i in b}) == 1 for b in batches)
    assert all(len(b) * lengths[b[0]] <= 10 or len(b) == 1 for b in batches)


def test_mean_normalise_gives_unit_rows():
    hidden = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    pooled = mean_normalise(hidden)
    np.testing.assert_allclose(np.linalg.norm(pooled, axis=1), 1, rtol=1e-6)
    np.testing.assert_allclose(pooled[0], hidden[0].mean(0) / np.linalg.norm(hidden[0].mean(0)), rtol=1e-6)


def test_loading_embedders_imports_nothing_heavy(tmp_path):
    code = (
        "import json, sys\n"
        "from comparator.embed import load_embedder\n"
        "load_embedder(); load_embedder('some/model')\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    assert run_child(code, tmp_path) == []


def test_warm_embed_with_the_default_embedder_imports_no_model(tmp_path):
    fake = {t: np.full(384, i, dtype=np.float32) for i, t in enumerate(TEXTS[:2])}
    with EmbeddingCache(tmp_path) as cache:
        cache.put(DEFAULT_MODEL, fake)
    code = (
        "import json, sys\n"
        "from comparator.cache import EmbeddingCache, embed\n"
        "from comparator.embed import load_embedder\n"
        f"rows = embed({TEXTS!r}, load_embedder(), EmbeddingCache())\n"
        f"print(json.dumps({{'heavy': [m for m in {HEAVY!r} if m in sys.modules],"
        " 'firsts': rows[:, 0].tolist()}))\n"
    )
    assert run_child(code, tmp_path) == {"heavy": [], "firsts": [0.0, 1.0, 0.0]}


# --- the real model -------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference():
    """Return the packaged model as sentence-transformers runs it."""
    from sentence_transformers import SentenceTransformer

    from comparator.embed import model_dir

    return SentenceTransformer(str(model_dir()), device="cpu")


@pytest.mark.slow
def test_onnx_matches_sentence_transformers_on_the_corpus(reference):
    sentences = corpus_sentences()
    ours = load_embedder().encode(sentences)
    expected = reference.encode(sentences, normalize_embeddings=True)
    assert ours.dtype == np.float32 and ours.shape == (len(sentences), 384)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1, rtol=1e-5)
    assert (ours * expected).sum(axis=1).min() >= 0.9999


@pytest.mark.slow
def test_a_sentence_embeds_to_the_same_bits_in_any_batch():
    sentences = corpus_sentences(60)
    embedder = load_embedder()
    together = embedder.encode(sentences)
    alone = np.stack([embedder.encode([s])[0] for s in sentences])
    shuffled = np.random.default_rng(0).permutation(len(sentences))
    np.testing.assert_array_equal(alone, together)
    np.testing.assert_array_equal(embedder.encode([sentences[i] for i in shuffled]), together[shuffled])


@pytest.mark.slow
def test_long_sentences_are_truncated_like_sentence_transformers(reference):
    long = " ".join(corpus_sentences(40))  # far beyond 256 tokens
    ours = load_embedder().encode([long])
    expected = reference.encode([long], normalize_embeddings=True)
    assert float(ours[0] @ expected[0]) >= 0.9999


def test_model_dir_respects_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPARATOR_MODEL_DIR", str(tmp_path))
    assert onnx_path().parent == tmp_path


@pytest.mark.slow
def test_first_encode_prepares_the_model_once(tmp_path, monkeypatch, capfd):
    models = tmp_path / "models"
    monkeypatch.setenv("COMPARATOR_MODEL_DIR", str(models))
    vectors = OnnxEmbedder().encode(TEXTS)
    first = capfd.readouterr().err
    OnnxEmbedder().encode(TEXTS)
    assert first.count("preparing the embedding model once...") == 1
    assert "Loading weights" not in first and not re.search(r"warn", first, re.IGNORECASE)
    assert capfd.readouterr().err == ""
    # Per variant a graph, its weights and their record, and no temporary file left behind.
    assert sorted(p.suffix for p in models.iterdir()) == [".json", ".json", ".lock", ".onnx", ".onnx", ".weights", ".weights"]
    assert vectors.shape == (3, 384)


@pytest.mark.slow
def test_cold_then_warm_run_with_the_real_model(tmp_path):
    code = (
        "import json, sys\n"
        "from comparator.cache import EmbeddingCache, embed\n"
        "from comparator.embed import load_embedder\n"
        f"rows = embed({TEXTS!r}, load_embedder(), EmbeddingCache())\n"
        f"print(json.dumps({{'heavy': sorted(m for m in {HEAVY!r} if m in sys.modules), 'rows': rows.tolist()}}))\n"
    )
    prepare_model()  # measured here: the cold run embeds, it does not export
    cold = run_child(code, tmp_path)
    warm = run_child(code, tmp_path)
    assert "onnxruntime" in cold["heavy"] and "torch" not in cold["heavy"]
    assert warm["heavy"] == []
    assert warm["rows"] == cold["rows"]


# --- threads ------------------------------------------------------------------------------


def test_threads_follow_the_cpus_this_process_may_use(monkeypatch):
    monkeypatch.delenv("COMPARATOR_THREADS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3, 5})
    assert intra_op_threads() == 3
    monkeypatch.setenv("COMPARATOR_THREADS", "1")
    assert intra_op_threads() == 1


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_bad_thread_count_is_one_clear_error(monkeypatch, value):
    monkeypatch.setenv("COMPARATOR_THREADS", value)
    with pytest.raises(EmbeddingError, match="COMPARATOR_THREADS must be a whole number"):
        intra_op_threads()


def test_sessions_do_not_spin():
    assert session_options().get_session_config_entry("session.intra_op.allow_spinning") == "0"


# --- the exported files: damage is detected, healed or reported in one line --------------------


def tiny_onnx(path: Path) -> None:
    """Write a valid one-node ONNX model (x plus a constant), small enough to build in a test, with weights large enough to be saved apart."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1024])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1024])
    weights = numpy_helper.from_array(np.arange(1024, dtype=np.float32), "w")
    graph = helper.make_graph([helper.make_node("Add", ["x", "w"], ["y"])], "tiny", [x], [y], [weights])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


@pytest.fixture
def models(tmp_path, monkeypatch):
    """A models folder with a recorded (tiny) export of each variant, and exports that write tiny models."""
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("COMPARATOR_MODEL_DIR", str(folder))
    monkeypatch.setattr(embed_module, "export_onnx", lambda source, target: tiny_onnx(target))
    monkeypatch.setattr(embed_module, "quantise", lambda source, target: target.write_bytes(source.read_bytes()))
    export_all(Path("unused"), folder)
    return folder


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "garbage":
        path.write_bytes(bytes(len(data)))  # same size, different bytes
    elif how == "directory":
        path.unlink()
        path.mkdir()


DAMAGE = ["empty", "truncated", "garbage", "directory"]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_export_is_detected(models, how):
    model = onnx_path()
    assert export_problem(model) is None
    damage(model, how)
    assert export_problem(model) is not None


@pytest.mark.parametrize("how", [*DAMAGE, "missing"])
def test_damaged_weights_are_detected(models, how):
    model = onnx_path()
    assert export_problem(model) is None and weights_path(model).exists()
    if how == "missing":
        weights_path(model).unlink()
    else:
        damage(weights_path(model), how)
    assert weights_path(model).name in export_problem(model)


def test_an_export_touched_but_intact_is_trusted_after_hashing(models):
    model = onnx_path()
    os.utime(model, ns=(1, 1))
    assert export_problem(model) is None


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_export_is_exported_again(models, how, capfd):
    model = onnx_path()
    damage(model, how)
    assert prepare_model() == model
    assert export_problem(model) is None and export_problem(onnx_path("int8")) is None
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and str(model) in err and "exporting the model again" in err
    assert sorted(p.name for p in models.iterdir()) == sorted(
        [".export.lock", *(f.name for v in ("fp32", "int8") for f in (onnx_path(v), weights_path(onnx_path(v)), record_path(onnx_path(v))))]
    )


def test_a_damaged_export_that_cannot_be_redone_is_one_line_naming_the_file(models, monkeypatch):
    def no_weights(source, target):
        raise OSError("the packaged weights are gone")

    monkeypatch.setattr(embed_module, "export_onnx", no_weights)
    damage(onnx_path(), "truncated")
    with pytest.raises(EmbeddingError) as caught:
        prepare_model()
    message = str(caught.value)
    assert "\n" not in message and str(onnx_path()) in message and "python -m comparator.embed" in message


def test_temporary_files_of_a_killed_export_are_replaced_by_the_next(models):
    # What a kill -9 during an export leaves behind: its scratch folder with half-written files.
    scratch = models / ".export"
    scratch.mkdir()
    (scratch / "fp32-raw.onnx").write_bytes(b"\0" * 1000)
    (scratch / onnx_path().name).write_bytes(b"half")
    onnx_path().unlink()
    prepare_model()
    assert not scratch.exists()
    assert export_problem(onnx_path()) is None


def test_an_export_interrupted_in_process_leaves_no_temporary_file(models, monkeypatch):
    def interrupted(source, target):
        target.write_bytes(b"\0" * 1000)
        raise KeyboardInterrupt

    monkeypatch.setattr(embed_module, "export_onnx", interrupted)
    onnx_path().unlink()
    with pytest.raises(KeyboardInterrupt):
        prepare_model()
    assert not (models / ".export").exists()


def test_an_unloadable_export_is_one_line_and_exit_2(models, tmp_path):
    # Recorded as exported, yet not a model ONNX Runtime can load: no re-export helps, the user is told how to rebuild.
    model = onnx_path()
    model.write_bytes(b"not an onnx model")
    write_record(model, models)
    env = {"COMPARATOR_MODEL_DIR": str(models), "COMPARATOR_CACHE_DIR": str(tmp_path / "cache")}
    done = run_cli(str(CORPUS / "2023-10-04.txt"), str(CORPUS / "2024-07-29.txt"), env=env)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert err.count("\n") == 1 and str(model) in err and "python -m comparator.embed" in err


@pytest.mark.slow
def test_a_truncated_real_export_heals_on_the_next_compare(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(onnx_path().parent, folder, ignore=shutil.ignore_patterns("*.lock", ".export"))
    model = folder / onnx_path().name
    damage(model, "truncated")
    env = {"COMPARATOR_MODEL_DIR": str(folder), "COMPARATOR_CACHE_DIR": str(tmp_path / "cache")}
    done = run_cli(str(CORPUS / "2023-10-04.txt"), str(CORPUS / "2024-07-29.txt"), "-f", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert "exporting the model again" in done.stderr.decode()
    assert json.loads(done.stdout)["summary"]
    assert not (folder / ".export").exists()
