"""Series commands of the ``comparator`` app: ``corpus init|add``, ``check``, ``build`` and ``timeline``.

Each command parses its arguments, calls the library and maps expected
failures to ``Trouble`` (one line on stderr, exit status 2). ``check`` exits
1 when it finds integrity errors or unacknowledged policy failures.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from comparator import one_line
from comparator.cli.app import ModelOpt, Trouble, app, emit, stdout_wants_color, typer_app
from comparator.render.check import CheckFormat
from comparator.render.timeline import TimelineFormat

# `comparator --help` imports this module: everything heavy is imported inside the commands.
if TYPE_CHECKING:
    from comparator.series.batch import Progress
    from comparator.series.cluster import Cluster

corpus_app = typer_app(name="corpus", help="Record statements in a series folder's manifest.toml.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

SeriesArg = Annotated[Path, typer.Argument(metavar="DIR", help="A series folder, or a folder of series folders.", show_default=False)]
ClusterOpt = Annotated[Optional[str], typer.Option("--cluster", metavar="ADDRESS", envvar="COMPARATOR_CLUSTER", help="Run on a Dask cluster: tcp://HOST:PORT of a scheduler, or local[:N] for N local worker processes. Needs comparator[dask].", show_default=False)]
ClusterTimeoutOpt = Annotated[float, typer.Option("--cluster-timeout", metavar="SECONDS", min=0.1, help="How long to wait for the scheduler and a first worker.")]
PolicyOpt = Annotated[Optional[Path], typer.Option("--policy", metavar="FILE", help="Policy TOML for every series. [default: DIR/policy.toml, else every topic of DIR/watch.toml reported, else the shipped policy]", dir_okay=False)]


@corpus_app.command("init")
def corpus_init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The series folder.", show_default=False)],
    rehash: Annotated[bool, typer.Option("--rehash", help="Re-record the hashes of recorded files edited since.")] = False,
) -> None:
    """Record every statement file of a series folder in DIR/manifest.toml (idempotent)."""
    from comparator.series.folder import init_series
    from comparator.series.manifest import MANIFEST

    with _troubles():
        result = init_series(folder, rehash)
    for _, why in result.skipped:
        print(f"comparator: skipped {why}", file=sys.stderr)
    print(
        f"comparator: {len(result.manifest.entries)} statements in {folder / MANIFEST} "
        f"({len(result.added)} added, {len(result.rehashed)} re-hashed)",
        file=sys.stderr,
    )


@corpus_app.command("add")
def corpus_add(
    location: Annotated[str, typer.Argument(metavar="FILE|URL", help="A .txt, .html or .pdf file, or an http(s) URL.", show_default=False)],
    series: Annotated[Path, typer.Option("--series", metavar="DIR", help="The series folder to add to.", show_default=False)],
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="The statement's date. [default: from the file name or the text]")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Title. [default: the statement's first header line]")] = None,
    provenance: Annotated[Optional[str], typer.Option("--provenance", metavar="TEXT", help="How far the text can be trusted, e.g. 'official text'.")] = None,
    source_url: Annotated[Optional[str], typer.Option("--source-url", metavar="URL", help="Where the statement was published. [default: the URL added]")] = None,
    deadline: Annotated[Optional[float], typer.Option("--deadline", metavar="SECONDS", min=0.1, help="Give up on a download that takes longer than this in all. [default: 120]")] = None,
) -> None:
    """Add a statement to a series as UTF-8 text and record it; prints the new file's path."""
    from comparator.series.extract import DEADLINE, load_document
    from comparator.series.folder import add_statement

    with _troubles():
        document = load_document(location, deadline=DEADLINE if deadline is None else deadline)
        entry = add_statement(
            series, document.text, date=date, name=document.name, title=title, provenance=provenance, source_url=source_url or document.url,
        )
    print(series / entry.file)


@app.command("check")
def check_command(
    folder: SeriesArg,
    policy: PolicyOpt = None,
    ack: Annotated[Optional[Path], typer.Option("--ack", metavar="FILE", help="Acknowledgements TOML for every series. [default: DIR/acknowledgements.toml]", dir_okay=False)] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)] = CheckFormat.TERMINAL,
    model: ModelOpt = None,
    cluster: ClusterOpt = None,
    cluster_timeout: ClusterTimeoutOpt = 5.0,
) -> None:
    """Check series: file integrity, changes since each previous statement, policy. Exit 1 on failures."""
    from comparator.embed import load_embedder
    from comparator.render.check import render_check, render_check_markdown
    from comparator.series.check import run_check

    with _troubles(), _cluster(cluster, cluster_timeout) as engine, _progress() as progress:
        report = run_check(folder, load_embedder(model), policy, ack, progress, engine)
    emit(render_check(report, fmt, color=stdout_wants_color()))
    if fmt is CheckFormat.GITHUB:
        _job_summary(render_check_markdown(report))
    raise typer.Exit(report.exit_code)


@app.command("build")
def build_command(
    folder: SeriesArg,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="The site folder to (re)build.", file_okay=False, show_default=False)],
    policy: PolicyOpt = None,
    model: ModelOpt = None,
    cluster: ClusterOpt = None,
    cluster_timeout: ClusterTimeoutOpt = 5.0,
) -> None:
    """Build a static report site: series indexes, pair reports and topic timelines; only changed pages are rebuilt."""
    from comparator.embed import load_embedder
    from comparator.series.site import build_site

    with _troubles(), _cluster(cluster, cluster_timeout) as engine, _progress() as progress:
        result = build_site(folder, output, load_embedder(model), policy, progress, engine)
    print(
        f"comparator: {output}: {len(result.written)} written, {len(result.unchanged)} unchanged, {len(result.removed)} removed",
        file=sys.stderr,
    )


@app.command("timeline")
def timeline_command(
    folder: SeriesArg,
    topic: Annotated[str, typer.Option("--topic", "-t", help="A topic of the watch list, e.g. senkaku.", show_default=False)],
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)] = TimelineFormat.TERMINAL,
    policy: PolicyOpt = None,
    model: ModelOpt = None,
) -> None:
    """Trace a commitment: its sentences in each statement, and whether each step kept, reworded or dropped it."""
    from comparator.embed import load_embedder
    from comparator.render.timeline import render_timeline
    from comparator.series.timeline import run_timeline

    with _troubles():
        timelines = run_timeline(folder, topic, load_embedder(model), policy)
    emit(render_timeline(timelines, fmt, color=stdout_wants_color()))


@contextmanager
def _troubles() -> Iterator[None]:
    """Turn the library's expected failures into one-line Trouble."""
    from comparator.series.extract import ExtractError
    from comparator.series.manifest import SeriesError
    from comparator.series.policy import PolicyError

    try:
        yield
    except (SeriesError, PolicyError, ExtractError) as e:
        raise Trouble(str(e)) from None
    except (OSError, ValueError, RuntimeError, ImportError) as e:
        raise Trouble(one_line(e)) from None


@contextmanager
def _cluster(address: str | None, timeout: float) -> Iterator[Cluster | None]:
    """Yield the Dask cluster at ``address`` (stopped afterwards), or None without one; distributed is imported only then."""
    if not address:
        yield None
        return
    from comparator.embed import usable_cpus
    from comparator.series.cluster import connect, parse_cluster

    with connect(parse_cluster(address, usable_cpus()), timeout) as cluster:
        yield cluster


@contextmanager
def _progress() -> Iterator[Progress | None]:
    """Yield a progress callback drawing rich bars on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bars

    with Bars(console=Console(stderr=True), transient=True) as bars:
        tasks: dict[str, object] = {}

        def tell(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bars.add_task(stage, total=total)
            bars.update(tasks[stage], completed=done, total=total)

        yield tell


def _job_summary(markdown: str) -> None:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY, or print it after the annotations."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        emit("\n" + markdown)
        return
    try:
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(markdown)
    except OSError as e:
        raise Trouble(f"cannot write the job summary {target}: {e.strerror or e}") from None
