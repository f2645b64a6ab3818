"""Atomic writes: a failure at any point leaves the target as it was and no temporary file behind."""

from __future__ import annotations

import os
import stat

import pytest

from comparator import write
from comparator.write import write_text_atomic


def test_failure_after_the_temporary_file_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("previous report", encoding="utf-8")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space"):
        write_text_atomic(target, "new report")
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_written_file_is_readable_by_others_under_the_usual_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "out.json", "{}\n")
    finally:
        os.umask(previous)
    mode = stat.S_IMODE((tmp_path / "out.json").stat().st_mode)
    assert mode == 0o644
