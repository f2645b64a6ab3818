"""The JSON contract, version 1: see README "JSON output" and ``schema/compare-v1.schema.json``."""

from __future__ import annotations

import json
from typing import Any

from comparator.models import Change, Comparison, Sentence, Statement

SCHEMA = "comparator/compare/v1"


def statement_header(statement: Statement) -> dict[str, Any]:
    source = statement.source
    return {
        "path": source.path,
        "sha256": source.sha256,
        "encoding": source.encoding,
        "title": statement.title,
        "date": statement.date,
    }


def sentence_dict(sentence: Sentence) -> dict[str, Any]:
    label = sentence.label
    return {
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "section": sentence.section,
        "label": {"text": label.text, "start": label.start, "end": label.end} if label else None,
    }


def change_dict(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind.value,
        "moved": change.moved,
        "similarity": change.similarity,
        "shift": change.shift.value if change.shift else None,
        "reasons": list(change.reasons),
        "topics": list(change.topics),
        "confidence": change.confidence,
        "review": change.review,
        "old": [sentence_dict(s) for s in change.old],
        "new": [sentence_dict(s) for s in change.new],
        "edits": [{"op": e.op, "old": e.old, "new": e.new} for e in change.edits],
    }


def summary(comparison: Comparison) -> dict[str, int]:
    return {**{kind.value: n for kind, n in comparison.counts().items()}, "moved": comparison.moved}


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The JSON-ready dictionary of a comparison."""
    return {
        "schema": SCHEMA,
        "old": statement_header(comparison.old),
        "new": statement_header(comparison.new),
        "model": comparison.model,
        "summary": summary(comparison),
        "changes": [change_dict(c) for c in comparison.changes],
    }


def render_json(comparison: Comparison) -> str:
    """Deterministic, indented JSON text ending in a newline."""
    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2) + "\n"
