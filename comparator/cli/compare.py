"""Command line: ``compare OLD NEW`` and the entry points. Arguments in, library call, text out.

The app and its error contract live in ``cli.app``, the series commands in
``cli.series`` (imported by ``main`` only: ``compare`` never pays for them).
Heavy imports (numpy, the model) happen inside commands so ``--help`` is fast.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from comparator.cli.app import ModelOpt, Trouble, VersionOpt, app, emit, run, stdout_wants_color, typer_app
from comparator.render import Format

OldArg = Annotated[str, typer.Argument(metavar="OLD", help="The earlier statement (a text file, or - for stdin).", show_default=False)]
NewArg = Annotated[str, typer.Argument(metavar="NEW", help="The later statement (a text file, or - for stdin).", show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.", dir_okay=False)]
WatchOpt = Annotated[Optional[Path], typer.Option("--watch", "-w", metavar="FILE", help="Watch list (TOML) of topics to tag. [default: watch.toml beside NEW, else the shipped Japan-U.S. defense list]")]
ExitCodeOpt = Annotated[bool, typer.Option("--exit-code", help="Exit with 1 when anything changed, like git diff --exit-code.")]


@app.command("compare")
def compare_command(
    old: OldArg,
    new: NewArg,
    fmt: FormatOpt = Format.TERMINAL,
    output: OutputOpt = None,
    model: ModelOpt = None,
    watch: WatchOpt = None,
    exit_code: ExitCodeOpt = False,
    version: VersionOpt = False,
) -> None:
    """Compare two statements: what is unchanged, reworded, new, dropped or moved."""
    refuse_overwriting_inputs(output, (old, new))
    comparison = run_comparison(old, new, model, watch)
    text = render(comparison, fmt, to_terminal=output is None and sys.stdout.isatty())
    emit(text, output)
    raise typer.Exit(1 if exit_code and comparison.changed else 0)


def run_comparison(old: str, new: str, model: str | None, watch: Path | None):
    """Read, check and compare two statements; every expected failure becomes Trouble."""
    from comparator.read import InputError, read_source
    from comparator.series.provenance import alike, with_record
    from comparator.topics import WatchListError, load_watch_list, series_watch_path

    if old == "-" and new == "-":
        raise Trouble("only one of OLD and NEW can be - (stdin)")
    try:
        sources = alike(with_record(read_source(old)), with_record(read_source(new)))
        watch_list = load_watch_list(watch or series_watch_path(new))
    except (InputError, WatchListError) as e:
        raise Trouble(str(e)) from None

    from comparator.segment import segment

    statements = [segment(source) for source in sources]
    for statement in statements:
        if not statement.sentences:
            raise Trouble(f"{statement.source.path}: no statement sentences found, only a header or headings")

    from comparator.align import TooLargeError
    from comparator.cache import EmbeddingCache
    from comparator.compare import compare_statements
    from comparator.embed import EmbeddingError, load_embedder

    with EmbeddingCache() as cache:
        try:
            return compare_statements(*statements, load_embedder(model), cache, watch_list)
        except (EmbeddingError, TooLargeError) as e:
            raise Trouble(str(e)) from None


def render(comparison, fmt: Format, to_terminal: bool) -> str:
    if fmt is Format.JSON:
        from comparator.render.json import render_json

        return render_json(comparison)
    if fmt is Format.MARKDOWN:
        from comparator.render.markdown import render_markdown

        return render_markdown(comparison)
    if fmt is Format.HTML:
        from comparator.render.html import render_html
        from comparator.series.provenance import provenance_for

        return render_html(comparison, provenance_for(comparison.old.source.path), provenance_for(comparison.new.source.path))
    from comparator.render.terminal import render_terminal

    width = shutil.get_terminal_size((100, 24)).columns if to_terminal else 100
    return render_terminal(comparison, color=to_terminal and stdout_wants_color(), width=width)


def refuse_overwriting_inputs(output: Path | None, inputs: tuple[str, str]) -> None:
    """Input files are never modified: ``-o`` may not name one of them."""
    if output is not None and any(name != "-" and Path(name).resolve() == output.resolve() for name in inputs):
        raise Trouble(f"refusing to write the output over an input statement: {output}")


def main() -> None:
    """Entry point of ``comparator``."""
    from comparator.cli import series  # noqa: F401  (registers the series subcommands, after `compare` so help lists it first)

    run(typer.main.get_command(app), "comparator")


def compare_main() -> None:
    """Entry point of ``compare`` (the same as ``comparator compare``)."""
    standalone = typer_app()
    standalone.command()(compare_command)
    run(typer.main.get_command(standalone), "compare")

