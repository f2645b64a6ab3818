"""A self-contained HTML report: header, alerts, an aligned view, a redline view, filters in vanilla JS.

Python builds the whole view model (plain dicts); the Jinja templates in
``comparator/templates`` only loop over it. Statement text reaches the page
only through autoescaping, and a Content-Security-Policy with the hashes of
the one inline style and script forbids everything else, network included.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping
from functools import cache
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from comparator.models import Change, Comparison, Edit, Kind, Sentence, Shift, Statement
from comparator.render.common import alerts, title
from comparator.sections import section_correspondence
from comparator.series.provenance import provenance_of

ICONS = {
    "new": "+", "dropped": "−", "reworded": "~", "unchanged": "=", "moved": "↕",
    "weakened": "▼", "strengthened": "▲", "altered": "◆", "neutral": "≈",
}
KINDS = ("new", "dropped", "reworded", "moved", "unchanged")
SHIFTS = tuple(s.value for s in Shift)
LEGEND = {
    "new": "in the later statement only",
    "dropped": "in the earlier statement only",
    "reworded": "the same point, said differently",
    "moved": "now stands in another place or section",
    "unchanged": "the same words",
    "weakened": "softer or vaguer: a weaker verb, a hedge, a named element left out",
    "strengthened": "firmer or more specific: a stronger verb, a deadline, a named element added",
    "altered": "substance changed, no clear direction: a date, number, party or scope",
    "neutral": "a paraphrase, as strong and as specific as before",
}
# Past this many points the side-by-side view folds runs of unchanged points
# (the redline keeps their text): a 5 MB pair then stays a few MB, not tens.
FOLD_ABOVE = 2000
EXCERPT = 100
NO_SECTION = "Opening"



def template_environment(*folders: str) -> Environment:
    """A Jinja environment over the package's ``folders`` (first match wins): autoescaped, strict about missing names."""
    return Environment(
        loader=ChoiceLoader([PackageLoader("comparator", folder) for folder in folders]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


_ENV = template_environment("templates")


def render_html(
    comparison: Comparison,
    provenance_old: Mapping[str, Any] | None = None,
    provenance_new: Mapping[str, Any] | None = None,
    fold_above: int = FOLD_ABOVE,
) -> str:
    """The report as one HTML document; the same inputs give the same bytes."""
    css, js = report_assets()
    page = view_model(comparison, provenance_old, provenance_new, len(comparison.changes) > fold_above)
    page["css"], page["js"] = Markup(css), Markup(js)
    page["csp"] = content_security_policy(css, js)
    return _ENV.get_template("base.html").render(page)


@cache
def report_assets() -> tuple[str, str]:
    """The report's stylesheet and script, the same for every report a process writes."""
    return _ENV.get_template("report.css").render(), _ENV.get_template("report.js").render()


def content_security_policy(css: str, js: str | None = None) -> str:
    """A policy allowing only the page's own inline style (and script): nothing loads, nothing is sent."""
    script = f"script-src '{csp_hash(js)}'; " if js is not None else ""
    return f"default-src 'none'; style-src '{csp_hash(css)}'; {script}base-uri 'none'; form-action 'none'"


def csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def view_model(
    comparison: Comparison,
    provenance_old: Mapping[str, Any] | None,
    provenance_new: Mapping[str, Any] | None,
    fold: bool = False,
) -> dict[str, Any]:
    """Everything the templates show, as plain dicts and lists in display order."""
    changes = comparison.changes
    old, new = statement_view("Earlier", comparison.old, provenance_old), statement_view("Later", comparison.new, provenance_new)
    sections = section_correspondence(
        ((c.old[0].section, c.new[0].section) for c in changes if c.old and c.new), comparison.new.sections
    )
    topic_counts = Counter(t for c in changes for t in c.topics)
    tag_counts = Counter(t for c in changes for t in tags(c))
    shift_counts = Counter(c.shift.value for c in changes if c.shift)
    stamp = hashlib.sha256(
        f"{comparison.old.source.sha256}\n{comparison.new.source.sha256}\n{comparison.model}".encode()
    ).hexdigest()[:16]
    return {
        "title": title(comparison),
        "old": old,
        "new": new,
        "caution": [s for s in (old, new) if s["status"] == "caution"],
        "model": comparison.model,
        "stamp": stamp,
        "counts": [count_view(k, tag_counts[k]) for k in KINDS],
        "shift_counts": [count_view(s, shift_counts[s]) for s in SHIFTS],
        "topics": [{"name": t, "count": n} for t, n in sorted(topic_counts.items())],
        "alerts": [alert_view(k, c) for k, c in alerts(comparison)],
        "total": len(changes),
        "changed": sum(1 for c in changes if c.is_change),
        "review": sum(1 for c in changes if c.review),
        "folded": fold,
        "aligned": aligned_items(changes, sections, fold),
        "redline": redline_items(changes, sections),
        "legend": [{"name": k, "icon": ICONS[k], "text": LEGEND[k]} for k in (*KINDS, *SHIFTS)],
    }


def statement_view(role: str, statement: Statement, provenance: Mapping[str, Any] | None) -> dict[str, Any]:
    source = statement.source
    origin = provenance_of(provenance)
    return {
        "role": role,
        "title": statement.title or "(untitled)",
        "date": statement.date or "undated",
        "path": "standard input" if source.path == "-" else source.path,
        "sha256": source.sha256,
        "encoding": source.encoding,
        "sentences": len(statement.sentences),
        "status": origin.status,
        "label": origin.label,
        "icon": {"official": "✓", "caution": "⚠", "unknown": "?"}[origin.status],
        "note": origin.note,
        "source_url": origin.source_url,
    }


def count_view(name: str, n: int) -> dict[str, Any]:
    return {"name": name, "icon": ICONS[name], "count": n}


def tags(change: Change) -> list[str]:
    """The filter tags of a change: its kind, plus 'moved'."""
    return [change.kind.value, "moved"] if change.moved else [change.kind.value]


def alert_view(position: int, change: Change) -> dict[str, Any]:
    word = change.verdict
    text = " ".join(s.text for s in change.new or change.old)
    return {
        "href": f"#c{position + 1}",
        "number": position + 1,
        "verdict": word,
        "icon": ICONS[word],
        "topics": list(change.topics),
        "excerpt": text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…",
        "reason": change.reasons[0] if change.reasons else "",
    }


def heading_of(change: Change, sections: Mapping[str | None, str | None]) -> str | None:
    """The later statement's section a change belongs under; a dropped point goes by its old section's counterpart."""
    if change.new:
        return change.new[0].section
    return sections.get(change.old[0].section, change.old[0].section)


def heading_view(name: str | None, sections: Mapping[str | None, str | None]) -> dict[str, Any]:
    was = sorted(src for src, dst in sections.items() if dst == name and src != name and src is not None)
    return {"type": "heading", "title": name or NO_SECTION, "was": was}


def aligned_items(changes: tuple[Change, ...], sections: Mapping[str | None, str | None], fold: bool = False) -> list[dict[str, Any]]:
    """Headings, change rows and 'moved from here' markers in reading order of the later statement.

    With ``fold``, each run of unchanged points under one heading becomes a single fold row.
    """
    before, after = origin_slots(changes)
    marked = {k for slots in (before, after) for moved in slots.values() for k in moved}
    items: list[dict[str, Any]] = []
    current: object = object()
    for position, change in enumerate(changes):
        heading = heading_of(change, sections)
        if heading != current:
            items.append(heading_view(heading, sections))
            current = heading
        items.extend(origin_view(k, k > position) for k in before.get(position, ()))
        quiet = fold and not change.is_change
        if quiet and items[-1]["type"] == "fold":
            items[-1] = fold_view(items[-1]["first"], change, items[-1]["count"] + 1)
        elif quiet:
            items.append(fold_view(change, change, 1))
        else:
            items.append(row_view(position, change, position in marked))
        items.extend(origin_view(k, k > position) for k in after.get(position, ()))
    return items


def fold_view(first: Change, last: Change, count: int) -> dict[str, Any]:
    """``count`` consecutive unchanged points, ``first`` to ``last``, shown as one line."""
    return {
        "type": "fold",
        "first": first,
        "count": count,
        "old_where": where("earlier", (first.old[0], last.old[-1])),
        "new_where": where("later", (first.new[0], last.new[-1])),
    }


def origin_slots(changes: tuple[Change, ...]) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Where each moved change used to stand, as {row: moved changes} just before and just after rows.

    The anchor is the nearest unmoved old sentence in the moved point's old
    section, the one before it first; a marker right next to its own row would
    say nothing, so there is none.
    """
    row_of_old = {s.index: k for k, c in enumerate(changes) for s in c.old}
    section_of_old = {s.index: s.section for c in changes for s in c.old}
    before: dict[int, list[int]] = {}
    after: dict[int, list[int]] = {}
    for k, change in enumerate(changes):
        if not change.moved:
            continue
        prev = neighbour(change.old[0].index, -1, changes, row_of_old)
        succ = neighbour(change.old[-1].index, 1, changes, row_of_old)
        anchors = [(i, slots, offset) for i, slots, offset in ((prev, after, 1), (succ, before, -1)) if i is not None]
        in_section = [a for a in anchors if section_of_old[a[0]] == change.old[0].section]
        for i, slots, offset in (in_section or anchors)[:1]:
            if row_of_old[i] + offset != k:
                slots.setdefault(row_of_old[i], []).append(k)
    for slots in (before, after):
        for moved in slots.values():
            moved.sort(key=lambda m: changes[m].old[0].index)
    return before, after


def neighbour(index: int, step: int, changes: tuple[Change, ...], row_of_old: Mapping[int, int]) -> int | None:
    """The nearest old sentence from ``index`` in direction ``step`` whose row did not move."""
    index += step
    while index in row_of_old and changes[row_of_old[index]].moved:
        index += step
    return index if index in row_of_old else None


def origin_view(position: int, down: bool) -> dict[str, Any]:
    """A marker where moved point ``position`` used to stand."""
    return {
        "type": "origin",
        "id": f"from-c{position + 1}",
        "target": f"c{position + 1}",
        "number": position + 1,
        "arrow": "↓" if down else "↑",
        "direction": "further down" if down else "further up",
    }


def row_view(position: int, change: Change, has_origin: bool) -> dict[str, Any]:
    word = change.verdict
    old_side, new_side = sides(change)
    badges = [badge(change.kind.value, change.kind.value.capitalize())]
    if change.shift:
        badges.append(badge(change.shift.value, change.shift.value))
    if change.moved:
        badges.append(badge("moved", "moved"))
    if len(change.old) > 1 or len(change.new) > 1:
        shape = "split" if len(change.old) < len(change.new) else "merged" if len(change.old) > len(change.new) else "regrouped"
        badges.append(badge("shape", f"{shape} {len(change.old)} → {len(change.new)} sentences", icon="⇉"))
    if change.review:
        badges.append(badge("review", "needs review", icon="?"))
    hover = f"confidence {change.confidence:.2f}"
    if change.similarity is not None:
        hover = f"similarity {change.similarity:.2f} · {hover}"
    return {
        "type": "change",
        "id": f"c{position + 1}",
        "number": position + 1,
        "tags": " ".join(tags(change)),
        "shift": change.shift.value if change.shift else "",
        "topics": list(change.topics),
        "is_change": change.is_change,
        "review": change.review,
        "verdict": word,
        "badges": badges,
        "hover": hover,
        "sides": [
            {"name": "old", "pieces": old_side, "where": where("earlier", change.old) or "not in the earlier statement"},
            {"name": "new", "pieces": new_side, "where": where("later", change.new) or "not in the later statement"},
        ],
        "why": word if change.reasons else "",
        "reasons": list(change.reasons),
        "moved_from": moved_note(position, change, has_origin) if change.moved else None,
    }


def badge(name: str, label: str, icon: str | None = None) -> dict[str, str]:
    return {"name": name, "label": label, "icon": icon or ICONS[name]}


def where(side: str, sentences: tuple[Sentence, ...]) -> str:
    if not sentences:
        return ""
    first, last = sentences[0].index + 1, sentences[-1].index + 1
    place = f"{side} sentence {first}" if first == last else f"{side} sentences {first}–{last}"
    # The paragraph number is shown here, never in the compared text.
    label = sentences[0].label
    return f"{place}, paragraph {label.text.rstrip('.')}" if label else place


def moved_note(position: int, change: Change, has_origin: bool) -> dict[str, str]:
    section = change.old[0].section
    text = f"Moved: it stood as earlier sentence {change.old[0].index + 1}" + (f", under “{section}”" if section else "")
    return {"text": text, "href": f"#from-c{position + 1}" if has_origin else ""}


def sides(change: Change) -> tuple[list[dict[str, str]] | None, list[dict[str, str]] | None]:
    """The old and new text as runs of pieces: plain, ``del`` on the old side, ``ins`` on the new side."""
    if change.kind is Kind.REWORDED:
        olds = [piece(e.old, "" if e.op == "equal" else "del") for e in change.edits if e.old]
        news = [piece(e.new, "" if e.op == "equal" else "ins") for e in change.edits if e.new]
        return olds, news
    old = [piece(" ".join(s.text for s in change.old), "")] if change.old else None
    new = [piece(" ".join(s.text for s in change.new), "")] if change.new else None
    return old, new


def piece(text: str, mark: str) -> dict[str, str]:
    """A run of text; a mark never covers the white space at its ends, so strikes stop at words."""
    core = text.strip()
    if not mark or not core:
        return {"mark": "", "lead": "", "text": text, "trail": ""}
    start = text.index(core)
    return {"mark": mark, "lead": text[:start], "text": core, "trail": text[start + len(core):]}


def redline_items(changes: tuple[Change, ...], sections: Mapping[str | None, str | None]) -> list[dict[str, Any]]:
    """The later statement as tracked changes: headings and paragraphs of spans."""
    items: list[dict[str, Any]] = []
    heading: object = object()
    paragraph: object = object()
    for position, change in enumerate(changes):
        name = heading_of(change, sections)
        if name != heading:
            items.append(heading_view(name, sections))
            heading, paragraph = name, object()
        if change.new and change.new[0].paragraph != paragraph:
            paragraph = change.new[0].paragraph
            items.append({"type": "paragraph", "spans": []})
        elif items[-1]["type"] != "paragraph":
            items.append({"type": "paragraph", "spans": []})
        items[-1]["spans"].append(span_view(position, change))
    return items


def span_view(position: int, change: Change) -> dict[str, Any]:
    """One change in the redline; an unchanged point in place is plain text with no anchor."""
    if change.kind is Kind.REWORDED:
        pieces = [p for e in change.edits for p in redline_pieces(e)]
    elif change.kind is Kind.DROPPED:
        pieces = [piece(" ".join(s.text for s in change.old), "del")]
    elif change.kind is Kind.NEW:
        pieces = [piece(" ".join(s.text for s in change.new), "ins")]
    else:
        pieces = [piece(" ".join(s.text for s in change.new), "")]
    word = change.verdict
    return {
        "id": f"r{position + 1}",
        "row": f"c{position + 1}",
        "number": position + 1,
        "verdict": word,
        "is_change": change.is_change,
        "moved": change.moved,
        "pieces": pieces,
    }


def redline_pieces(edit: Edit) -> list[dict[str, str]]:
    if edit.op == "equal":
        return [piece(edit.new, "")]
    return [piece(text, mark) for text, mark in ((edit.old, "del"), (edit.new, "ins")) if text]
