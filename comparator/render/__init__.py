"""Renderers: each takes a Comparison (``check``: a check report) and returns a string; printing is the caller's job."""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    """Output formats of ``compare``."""

    TERMINAL = "terminal"
    """A readable summary for people, coloured when the terminal allows."""
    JSON = "json"
    """The versioned machine contract (schema ``comparator/compare/v1``)."""
    MARKDOWN = "markdown"
    """Markdown for pull-request comments and job summaries."""
    HTML = "html"
    """A self-contained HTML report."""
