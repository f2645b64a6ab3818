"""A terminal summary (rich): changes first, watched topics and weakened commitments on top."""

from __future__ import annotations

import re
from io import StringIO

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from comparator.models import Change, Comparison, Kind
from comparator.render.common import alerts, dates, printable, section_of, verdict

STYLES = {
    "weakened": "bold red",
    "dropped": "red",
    "altered": "yellow",
    "strengthened": "green",
    "new": "green",
    "neutral": "cyan",
    "moved": "magenta",
    "unchanged": "dim",
}
TRAILING_BLANKS = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
MARK = {"reworded": "~", "new": "+", "dropped": "-", "unchanged": "="}


def render_terminal(comparison: Comparison, color: bool = True, width: int = 100) -> str:
    """The summary as text, with ANSI styles when ``color``."""
    console = Console(file=StringIO(), width=width, force_terminal=color, no_color=not color, color_system="standard" if color else None, highlight=False, emoji=False)
    old_date, new_date = dates(comparison)
    title = comparison.new.title or comparison.old.title or "Statement"
    console.print(Text(printable(f"{title}: {old_date} → {new_date}"), style="bold"))
    console.print(Text(printable(f"old: {comparison.old.source.path}\nnew: {comparison.new.source.path}\nmodel: {comparison.model}"), style="dim"))
    counts = {k: comparison.count(k) for k in Kind}
    console.print(Text(
        f"{counts[Kind.REWORDED]} reworded · {counts[Kind.NEW]} new · {counts[Kind.DROPPED]} dropped · "
        f"{counts[Kind.UNCHANGED]} unchanged · {comparison.moved} moved"
    ))
    flagged = alerts(comparison)
    if flagged:
        console.print()
        console.print(Text(f"Watched topics ({len(flagged)})", style="bold underline"))
        for _, change in flagged:
            console.print(alert_line(change, width))
    shown = [c for c in comparison.changes if c.kind is not Kind.UNCHANGED or c.moved]
    if shown:
        console.print()
        console.print(Text("Changes", style="bold underline"))
    for change in shown:
        console.print()
        head, *body = change_lines(change, color)
        console.print(head)
        for line in body:
            console.print(Padding(line, (0, 0, 0, 4), expand=False))
    quiet = sum(1 for c in comparison.changes if c.kind is Kind.UNCHANGED and not c.moved)
    if quiet:
        console.print()
        console.print(Text(f"= {quiet} unchanged point{'s' if quiet != 1 else ''} not shown", style="dim"))
    # Rich pads wrapped blocks to their width; trailing blanks only get in the way of a pipe.
    return TRAILING_BLANKS.sub(r"\1", console.file.getvalue())


def alert_line(change: Change, width: int) -> Text:
    """One line per alert: verdict, topics, and as much of the sentence as fits."""
    word = verdict(change)
    line = Text("  ")
    line.append(f"{word.upper():<13}", style=STYLES[word])
    line.append(f"[{', '.join(change.topics)}] ", style="bold")
    room = max(20, width - len(line.plain) - 1)
    excerpt = printable((change.new or change.old)[0].text)
    line.append(excerpt if len(excerpt) <= room else excerpt[: room - 1] + "…")
    return line


def change_lines(change: Change, color: bool) -> list[Text]:
    word = verdict(change)
    head = Text(f"{MARK[change.kind.value]} ")
    head.append(change.kind.value.upper(), style=STYLES.get(word, "bold"))
    if change.kind is Kind.REWORDED:
        head.append(f" ({word})", style=STYLES[word])
    if change.moved:
        head.append(" moved", style=STYLES["moved"])
    if section_of(change):
        head.append(printable(f"  {section_of(change)}"), style="dim")
    if change.similarity is not None and change.kind is Kind.REWORDED:
        head.append(f"  similarity {change.similarity:.2f}", style="dim")
    lines = [head]
    if change.kind is Kind.REWORDED:
        lines.append(diff_text(change, color))
    else:
        for s in change.new or change.old:
            lines.append(Text(printable(s.text), style="red" if change.kind is Kind.DROPPED else ""))
    if change.reasons:
        lines.append(Text(printable("why: " + "; ".join(change.reasons)), style="italic"))
    if change.topics:
        lines.append(Text("topics: " + ", ".join(change.topics), style="bold"))
    return lines


def diff_text(change: Change, color: bool) -> Text:
    """The new wording with deletions struck and insertions marked; bracket markers without colour."""
    text = Text()
    for edit in change.edits:
        old, new = printable(edit.old), printable(edit.new)
        if edit.op == "equal":
            text.append(new)
            continue
        if old:
            text.append(old if color else f"[-{old}-]", style="red strike")
        if new:
            text.append(new if color else f"{{+{new}+}}", style="green underline")
    return text
