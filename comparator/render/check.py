"""Renderers of a check report: terminal, JSON (``comparator/check/v1``), Markdown and GitHub annotations."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import Enum
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.render.common import clip
from comparator.render.markdown import escape
from comparator.series.policy import Severity

# `comparator --help` imports CheckFormat from here: the report's modules (which read series) only for types.
if TYPE_CHECKING:
    from comparator.series.batch import Item
    from comparator.series.check import CheckReport, SeriesReport, Violation

CHECK_SCHEMA = "comparator/check/v1"


class CheckFormat(str, Enum):
    """Output formats of ``check``."""

    TERMINAL = "terminal"
    """A readable report, coloured when the terminal allows."""
    JSON = "json"
    """The machine contract ``comparator/check/v1``."""
    MARKDOWN = "markdown"
    """Markdown for pull-request comments and job summaries."""
    GITHUB = "github"
    """GitHub Actions annotations (``::error file=...::``) plus a Markdown job summary."""


def render_check(report: CheckReport, fmt: CheckFormat, color: bool = False) -> str:
    """Render a check report; for ``github`` only the annotations (see ``render_check_markdown``)."""
    if fmt is CheckFormat.JSON:
        return render_check_json(report)
    if fmt is CheckFormat.MARKDOWN:
        return render_check_markdown(report)
    if fmt is CheckFormat.GITHUB:
        return render_check_github(report)
    return render_check_terminal(report, color)


def check_dict(report: CheckReport) -> dict:
    """The JSON-ready dictionary of a check report."""
    return {
        "schema": CHECK_SCHEMA,
        "exit_code": report.exit_code,
        "series": [
            {
                "folder": s.folder,
                "policy": s.policy,
                "acknowledgements": s.acks,
                "statements": s.statements,
                "failed": s.failed,
                "findings": [{"level": f.level.value, "code": f.code, "file": f.file, "message": f.message} for f in s.findings],
                "pairs": [
                    {"old": p.old.file, "new": p.new.file, "old_date": p.old.date, "new_date": p.new.date, "counts": asdict(p.digest.counts)}
                    for p in s.pairs
                ],
                "violations": [_violation_dict(v) for v in s.violations],
                "stale_acknowledgements": [{"key": a.key, "reason": a.reason} for a in s.stale],
            }
            for s in report.series
        ],
    }


def render_check_json(report: CheckReport) -> str:
    return json.dumps(check_dict(report), ensure_ascii=False, indent=2) + "\n"


def render_check_terminal(report: CheckReport, color: bool = False, width: int = 100) -> str:
    """A readable report: per series its integrity findings, policy results and stale acknowledgements."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=StringIO(), width=width, force_terminal=color, no_color=not color, highlight=False, emoji=False, soft_wrap=True)
    for s in report.series:
        console.print(Text(f"{s.folder}: {s.statements} statements, {len(s.pairs)} pairs", style="bold"))
        console.print(Text(f"  policy: {s.policy}; acknowledgements: {s.acks or 'none'}", style="dim"))
        for f in s.findings:
            line = Text("  ")
            line.append(f"{f.level.value:<8}", style="bold red" if f.is_error else "yellow")
            line.append(f"{f.code:<18}")
            line.append(f.message)
            console.print(line)
        for v in (*s.failures, *s.warnings):
            line = Text("  ")
            line.append(f"{'FAIL' if v.severity is Severity.FAIL else 'warn':<8}", style="bold red" if v.severity is Severity.FAIL else "yellow")
            line.append(event(v), style="bold")
            line.append(f"  {v.old.date} → {v.new.date}  {v.file}:{v.line}")
            console.print(line)
            console.print(Text(f"          {_excerpt(v.item)}"))
            console.print(Text(f"          key {v.key}", style="dim"))
        if s.acknowledged:
            console.print(Text(f"  {len(s.acknowledged)} acknowledged change(s) pass", style="dim"))
        for a in s.stale:
            console.print(Text(f"  note    acknowledgement {a.key} matches no change any more (text changed?)", style="yellow"))
        if s.failures:
            console.print(Text(f"  To accept a change, add to {_ack_target(s)}:", style="dim"))
            console.print(Text("\n".join("    " + line for line in ack_snippet(s.failures[0]).splitlines()), style="dim"))
    console.print(Text(_verdict_line(report), style="bold red" if report.exit_code else "bold green"))
    return console.file.getvalue()


def render_check_markdown(report: CheckReport) -> str:
    """Markdown for a job summary or pull-request comment: failures first, warnings folded away."""
    out = [f"## comparator check: {'failed' if report.exit_code else 'passed'}", ""]
    out += ["| series | statements | integrity errors | policy failures | warnings | acknowledged |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for s in report.series:
        out.append(f"| {escape(s.folder)} | {s.statements} | {len(s.errors)} | {len(s.failures)} | {len(s.warnings)} | {len(s.acknowledged)} |")
    for s in report.series:
        if not (s.findings or s.failures or s.warnings or s.stale):
            continue
        out += ["", f"### {escape(s.folder)}", ""]
        out += [f"- **{f.level.value}** {_code(f.code)}: {escape(f.message)}" for f in s.findings]
        out += [_violation_markdown(v) for v in s.failures]
        out += [f"- stale acknowledgement {_code(a.key)}: matches no change any more" for a in s.stale]
        if s.failures:
            out += ["", f"<details><summary>Accept a change: add to {escape(_ack_target(s))}</summary>", "", "```toml"]
            out += [ack_snippet(v) for v in s.failures]
            out += ["```", "", "</details>"]
        if s.warnings:
            out += ["", f"<details><summary>{len(s.warnings)} warning(s)</summary>", ""]
            out += [_violation_markdown(v) for v in s.warnings]
            out += ["", "</details>"]
    out += ["", _verdict_line(report), ""]
    return "\n".join(out)


def _violation_markdown(v: Violation) -> str:
    word = v.severity.value
    where = _code(f"{v.file}:{v.line}")
    return (
        f"- **{word}**: {escape(event(v))}, {v.old.date} → {v.new.date} ({where}, key {_code(v.key)})  \n"
        f"  {escape(_excerpt(v.item))}"
    )


def event(v: Violation) -> str:
    """The topic and verdict of a violation; one the tool is unsure of says so, to be read first."""
    return f"{v.topic} {v.item.verdict}" + (" (needs review)" if v.item.review else "")


def _code(text: str) -> str:
    """Inline code: verbatim, so only backticks need keeping out."""
    return "`" + text.replace("`", "'") + "`"


def render_check_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands: one annotation per integrity finding and policy result."""
    lines = []
    for s in report.series:
        for f in s.findings:
            command = "error" if f.is_error else "warning"
            lines.append(_annotation(command, {"file": f.file, "title": f"comparator: {f.code}"}, f.message))
        for v in (*s.failures, *s.warnings):
            command = "error" if v.severity is Severity.FAIL else "warning"
            title = f"comparator: {event(v)}"
            message = f"{v.old.date} → {v.new.date}: {_excerpt(v.item)} (acknowledge with key {v.key})"
            lines.append(_annotation(command, {"file": v.file, "line": str(v.line), "title": title}, message))
        for a in s.stale:
            lines.append(_annotation("notice", {"title": "comparator: stale acknowledgement"}, f"{s.folder}: acknowledgement {a.key} matches no change"))
    return "".join(line + "\n" for line in lines)


def ack_snippet(v: Violation) -> str:
    """Return an ``[[ack]]`` table accepting one change, for people to paste and give a reason."""
    return (
        f'[[ack]]\nkey = "{v.key}"  # {v.topic} {v.item.verdict}, {v.old.date} -> {v.new.date}\n'
        'reason = ""\n'
    )


def _violation_dict(v: Violation) -> dict:
    return {
        "severity": v.severity.value,
        "topic": v.topic,
        "event": v.item.verdict,
        "review": v.item.review,
        "key": v.key,
        "file": v.file,
        "line": v.line,
        "old": v.old.file,
        "new": v.new.file,
        "old_date": v.old.date,
        "new_date": v.new.date,
        "old_text": [p.text for p in v.item.old],
        "new_text": [p.text for p in v.item.new],
        "reasons": list(v.item.reasons),
        "acknowledged": v.ack.reason if v.ack else None,
    }


def _annotation(command: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{k}={_escape_property(v)}" for k, v in properties.items())
    return f"::{command} {props}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _excerpt(item: Item, limit: int = 160) -> str:
    return clip(" ".join(p.text for p in item.new or item.old), limit)


def _ack_target(s: SeriesReport) -> str:
    return s.acks or str(Path(s.folder) / "acknowledgements.toml")


def _verdict_line(report: CheckReport) -> str:
    errors = sum(len(s.errors) for s in report.series)
    failures = sum(len(s.failures) for s in report.series)
    warnings = sum(len(s.warnings) + len(s.findings) - len(s.errors) for s in report.series)
    acked = sum(len(s.acknowledged) for s in report.series)
    tally = f"{errors} integrity error(s), {failures} policy failure(s), {warnings} warning(s), {acked} acknowledged"
    return f"check {'failed' if report.exit_code else 'passed'}: {tally}"
