"""Command line: ``compare OLD NEW`` and the ``comparator`` app. Arguments in, library call, text out.

Exit status: 0 success; 1 with ``--exit-code`` when anything changed (like
``git diff --exit-code``); 2 on any trouble, reported as one line on stderr.
Heavy imports (numpy, the model) happen inside commands so ``--help`` is fast.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

try:  # typer >= 0.29 vendors click privately
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_exceptions

from comparator.render import Format

app = typer.Typer(
    name="comparator",
    help="Track what changed between successive ministerial statements.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def comparator_app() -> None:
    """Track what changed between successive ministerial statements."""


class Trouble(Exception):
    """A user-facing failure: printed as one line, exit status 2."""


OldArg = Annotated[str, typer.Argument(help="The earlier statement (a text file, or - for stdin).", show_default=False)]
NewArg = Annotated[str, typer.Argument(help="The later statement (a text file, or - for stdin).", show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.", dir_okay=False)]
ModelOpt = Annotated[Optional[str], typer.Option("--model", "-m", metavar="NAME_OR_PATH", help="Any sentence-transformers model name or path. [default: the packaged all-MiniLM-L6-v2]")]
WatchOpt = Annotated[Optional[Path], typer.Option("--watch", "-w", metavar="FILE", help="Watch list (TOML) of topics to tag. [default: the shipped Japan-U.S. defense list]")]
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
    from comparator.topics import WatchListError, load_watch_list

    if old == "-" and new == "-":
        raise Trouble("only one of OLD and NEW can be - (stdin)")
    try:
        sources = read_source(old), read_source(new)
        watch_list = load_watch_list(watch)
    except (InputError, WatchListError) as e:
        raise Trouble(str(e)) from None

    from comparator.align import TooLargeError
    from comparator.cache import EmbeddingCache
    from comparator.compare import compare_statements
    from comparator.embed import EmbeddingError, load_embedder
    from comparator.segment import segment

    statements = [segment(source) for source in sources]
    for statement in statements:
        if not statement.sentences:
            raise Trouble(f"{statement.source.path}: no statement sentences found, only a header or headings")
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
        from comparator.provenance import provenance_for
        from comparator.render.html import render_html

        return render_html(comparison, provenance_for(comparison.old.source.path), provenance_for(comparison.new.source.path))
    from comparator.render.terminal import render_terminal

    width = shutil.get_terminal_size((100, 24)).columns if to_terminal else 100
    return render_terminal(comparison, color=to_terminal and stdout_wants_color(), width=width)


def refuse_overwriting_inputs(output: Path | None, inputs: tuple[str, str]) -> None:
    """Input files are never modified: ``-o`` may not name one of them."""
    if output is not None and any(name != "-" and Path(name).resolve() == output.resolve() for name in inputs):
        raise Trouble(f"refusing to write the output over an input statement: {output}")


def emit(text: str, output: Path | None) -> None:
    from comparator.write import write_text_atomic

    try:
        write_text_atomic(output or "-", text)
    except BrokenPipeError:
        raise
    except OSError as e:
        raise Trouble(f"cannot write {output}: {e.strerror or e}") from None


def stdout_wants_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def one_line(error: BaseException | str) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def run(command, prog: str) -> None:
    """Run a click command; usage errors and Trouble become one line on stderr and exit 2."""
    try:
        status = command.main(prog_name=prog, standalone_mode=False)
    except typer.Exit as e:
        status = e.exit_code
    except typer.Abort:
        print(f"{prog}: aborted", file=sys.stderr)
        status = 2
    except click_exceptions.NoArgsIsHelpError as e:
        print(e.ctx.get_help(), file=sys.stderr)
        status = 2
    except click_exceptions.ClickException as e:
        print(f"{prog}: error: {one_line(e.format_message())}", file=sys.stderr)
        status = 2
    except Trouble as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        status = 2
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        status = 130
    except BrokenPipeError:
        status = 0
    sys.exit(status or 0)


def main() -> None:
    """Entry point of ``comparator``."""
    run(typer.main.get_command(app), "comparator")


def compare_main() -> None:
    """Entry point of ``compare`` (the same as ``comparator compare``)."""
    standalone = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    standalone.command()(compare_command)
    run(typer.main.get_command(standalone), "compare")


from comparator import cli_series  # noqa: E402,F401  (registers the series subcommands)
