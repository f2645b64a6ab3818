"""Markdown for pull-request comments and CI job summaries."""

from __future__ import annotations

import re

from comparator.models import Change, Comparison, Kind
from comparator.render.common import alerts, clip, dates, section_of, title

SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")
LIST_START = re.compile(r"^(-|=|\d+(?=\.))")


def escape(text: str) -> str:
    """Statement text as inert Markdown on one line: no markup, no HTML, no list or heading start.

    Runs of white space become one space, kept at the ends so escaped pieces still join as words.
    """
    flat = " ".join(text.split())
    if flat and text[:1].isspace():
        flat = " " + flat
    if flat and text[-1:].isspace():
        flat += " "
    safe = SPECIAL.sub(r"\\\1", flat.replace("&", "&amp;").replace("<", "&lt;"))
    return LIST_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), safe)


def render_markdown(comparison: Comparison) -> str:
    """A summary table, watched-topic alerts, then every change that is not a quiet unchanged point."""
    old_date, new_date = dates(comparison)
    out = [f"### {escape(title(comparison))}: {escape(old_date)} → {escape(new_date)}", ""]
    out += ["| reworded | new | dropped | unchanged | moved |", "| ---: | ---: | ---: | ---: | ---: |"]
    counts = comparison.counts()
    out.append(
        f"| {counts[Kind.REWORDED]} | {counts[Kind.NEW]} | {counts[Kind.DROPPED]} "
        f"| {counts[Kind.UNCHANGED]} | {comparison.moved} |"
    )
    flagged = alerts(comparison)
    if flagged:
        out += ["", "#### Watched topics", ""]
        out += [f"- **{c.verdict}** ({', '.join(c.topics)}): {escape(clip((c.new or c.old)[0].text, 120))}" for _, c in flagged]
    shown = [c for c in comparison.changes if c.is_change]
    if shown:
        out += ["", "#### Changes", ""]
        for change in shown:
            out += change_block(change)
    out += ["", f"<sub>model: {escape(comparison.model)}</sub>", ""]
    return "\n".join(out)


def change_block(change: Change) -> list[str]:
    word = change.verdict
    head = f"- **{change.kind.value}**"
    if change.kind is Kind.REWORDED:
        head += f" ({word})"
    if change.moved:
        head += " · moved"
    if change.review:
        head += " · **needs review**"
    if section_of(change):
        head += f" · _{escape(section_of(change))}_"
    lines = [head]
    if change.kind is Kind.REWORDED:
        lines.append("  " + edits_markdown(change.edits))
    else:
        lines += ["  " + escape(s.text) for s in (change.new or change.old)]
    if change.reasons:
        lines.append("  <br>why: " + escape("; ".join(change.reasons)))
    if change.topics:
        lines.append("  <br>topics: " + ", ".join(f"`{t}`" for t in change.topics))
    return lines


def edits_markdown(edits) -> str:
    """A rewording's edits as Markdown: deletions struck through, insertions bold."""
    return "".join(edit_markdown(e.op, e.old, e.new) for e in edits)


def edit_markdown(op: str, old: str, new: str) -> str:
    if op == "equal":
        return escape(new)
    parts = []
    if old.strip():
        parts.append(f"~~{escape(old.strip())}~~")
    if new.strip():
        parts.append(f"**{escape(new.strip())}**")
    lead = " " if (old or new)[:1].isspace() else ""
    trail = " " if (old or new)[-1:].isspace() else ""
    return lead + " ".join(parts) + trail
