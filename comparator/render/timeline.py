"""Renderers of topic timelines: terminal, JSON (``comparator/timeline/v1``) and Markdown."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from enum import Enum

from comparator.series.timeline import TIMELINE_SCHEMA, Status, Timeline


class TimelineFormat(str, Enum):
    """Output formats of ``timeline``."""

    TERMINAL = "terminal"
    """A readable lineage, coloured when the terminal allows."""
    JSON = "json"
    """The machine contract ``comparator/timeline/v1``."""
    MARKDOWN = "markdown"
    """Markdown for notes and job summaries."""


STATUS_STYLES = {
    Status.INTRODUCED: "green", Status.KEPT: "dim", Status.REWORDED: "cyan",
    Status.DROPPED: "bold red", Status.REAPPEARED: "green", Status.ABSENT: "dim",
}


def render_timeline(timelines: Sequence[Timeline], fmt: TimelineFormat, color: bool = False) -> str:
    if fmt is TimelineFormat.JSON:
        return render_timeline_json(timelines)
    if fmt is TimelineFormat.MARKDOWN:
        return render_timeline_markdown(timelines)
    return render_timeline_terminal(timelines, color)


def render_timeline_json(timelines: Sequence[Timeline]) -> str:
    data = {
        "schema": TIMELINE_SCHEMA,
        "timelines": [
            {
                "series": t.series, "topic": t.topic, "label": t.label,
                "stops": [{**asdict(s), "status": s.status.value, "shift": s.shift} for s in t.stops],
            }
            for t in timelines
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_timeline_terminal(timelines: Sequence[Timeline], color: bool = False, width: int = 100) -> str:
    """Each stop: date, status (with the step's most serious shift) and file; indented below, provenance, diffs, sentences."""
    from rich.padding import Padding
    from rich.text import Text

    from comparator.render.common import printable
    from comparator.render.terminal import STYLES, console_text, diff_text, text_console

    console = text_console(width, color)
    for t in timelines:
        console.print(Text(printable(f"{t.label} ({t.topic}) in {t.series}: {len(t.stops)} statements"), style="bold"))
        for stop in t.stops:
            head = Text(f"{stop.date}  ")
            head.append(f"{stop.status.value:<11}", style=STATUS_STYLES[stop.status])
            if stop.shift:
                head.append(f" {stop.shift}", style=STYLES.get(stop.shift, ""))
            head.append(printable(f"  {stop.file}"), style="dim")
            body = [Text(printable(f"provenance: {stop.provenance or 'not recorded'}"), style="dim")]
            for change in stop.shown_changes:
                body.append(Text(f"{change.verdict}:", style=STYLES.get(change.verdict, "")))
                if change.edits:
                    body.append(diff_text(change.edits, color))
                else:
                    body += [Text(printable(p.text), style="" if change.new else "red") for p in change.new or change.old]
            body += [Text(printable(p.text)) for p in stop.quoted]
            console.print()
            console.print(head)
            for line in body:
                console.print(Padding(line, (0, 0, 0, 4), expand=False))
        console.print()
    return console_text(console)


def render_timeline_markdown(timelines: Sequence[Timeline]) -> str:
    from comparator.render.markdown import edits_markdown, escape

    out = []
    for t in timelines:
        out += [f"### {escape(t.label)} in {escape(t.series)}", "", "| date | status | provenance |", "| --- | --- | --- |"]
        for stop in t.stops:
            status = stop.status.value + (f" ({stop.shift})" if stop.shift else "")
            out.append(f"| {escape(stop.date)} | {status} | {escape(stop.provenance or 'not recorded')} |")
        for stop in t.stops:
            if stop.status is Status.ABSENT:
                continue
            out += ["", f"#### {escape(stop.date)}: {stop.status.value}", ""]
            for change in stop.shown_changes:
                body = edits_markdown(change.edits) or " ".join(escape(p.text) for p in change.new or change.old)
                out.append(f"- **{change.verdict}**: {body}")
            out += [f"- {escape(p.text)}" for p in stop.quoted]
        out.append("")
    return "\n".join(out)
