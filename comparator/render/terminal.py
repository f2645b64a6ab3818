"""A terminal summary (rich): changes first, watched topics and weakened commitments on top."""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import StringIO

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from comparator.models import Change, Comparison, Edit, Kind
from comparator.render.common import alerts, clip, dates, printable, section_of, title

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


def text_console(width: int, color: bool) -> Console:
    """A console writing into a string, with ANSI styles when ``color``; read it with ``console_text``."""
    return Console(file=StringIO(), width=width, force_terminal=color, no_color=not color, color_system="standard" if color else None, highlight=False, emoji=False)


def console_text(console: Console) -> str:
    # Rich pads wrapped blocks to their width; trailing blanks only get in the way of a pipe.
    return TRAILING_BLANKS.sub(r"\1", console.file.getvalue())


def render_terminal(comparison: Comparison, color: bool = True, width: int = 100) -> str:
    """The summary as text, with ANSI styles when ``color``."""
    console = text_console(width, color)
    old_date, new_date = dates(comparison)
    console.print(Text(printable(f"{title(comparison)}: {old_date} → {new_date}"), style="bold"))
    console.print(Text(printable(f"old: {comparison.old.source.path}\nnew: {comparison.new.source.path}\nmodel: {comparison.model}"), style="dim"))
    counts = comparison.counts()
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
    shown = [c for c in comparison.changes if c.is_change]
    if shown:
        console.print()
        console.print(Text("Changes", style="bold underline"))
    for change in shown:
        console.print()
        head, *body = change_lines(change, color)
        console.print(head)
        for line in body:
            console.print(Padding(line, (0, 0, 0, 4), expand=False))
    quiet = len(comparison.changes) - len(shown)
    if quiet:
        console.print()
        console.print(Text(f"= {quiet} unchanged point{'s' if quiet != 1 else ''} not shown", style="dim"))
    return console_text(console)


def alert_line(change: Change, width: int) -> Text:
    """One line per alert: verdict, topics, and as much of the sentence as fits."""
    word = change.verdict
    line = Text("  ")
    line.append(f"{word.upper():<13}", style=STYLES[word])
    line.append(f"[{', '.join(change.topics)}] ", style="bold")
    room = max(20, width - len(line.plain) - 1)
    line.append(clip(printable((change.new or change.old)[0].text), room))
    return line


def change_lines(change: Change, color: bool) -> list[Text]:
    word = change.verdict
    head = Text(f"{MARK[change.kind.value]} ")
    head.append(change.kind.value.upper(), style=STYLES.get(word, "bold"))
    if change.kind is Kind.REWORDED:
        head.append(f" ({word})", style=STYLES[word])
    if change.moved:
        head.append(" moved", style=STYLES["moved"])
    if change.review:
        head.append(" needs review", style="bold yellow")
    if section_of(change):
        head.append(printable(f"  {section_of(change)}"), style="dim")
    if change.similarity is not None and change.kind is Kind.REWORDED:
        head.append(f"  similarity {change.similarity:.2f}", style="dim")
    lines = [head]
    if change.kind is Kind.REWORDED:
        lines.append(diff_text(change.edits, color))
    else:
        for s in change.new or change.old:
            lines.append(Text(printable(s.text), style="red" if change.kind is Kind.DROPPED else ""))
    if change.reasons:
        lines.append(Text(printable("why: " + "; ".join(change.reasons)), style="italic"))
    if change.topics:
        lines.append(Text("topics: " + ", ".join(change.topics), style="bold"))
    return lines


def diff_text(edits: Sequence[Edit], color: bool) -> Text:
    """The new wording with deletions struck and insertions marked; bracket markers without colour."""
    text = Text()
    for edit in edits:
        old, new = printable(edit.old), printable(edit.new)
        if edit.op == "equal":
            text.append(new)
            continue
        if old:
            text.append(old if color else f"[-{old}-]", style="red strike")
        if new:
            text.append(new if color else f"{{+{new}+}}", style="green underline")
    return text
