"""The ``comparator`` typer app and the error contract every command keeps.

Exit status: 0 success; 1 with ``--exit-code`` when anything changed (like
``git diff --exit-code``); 2 on any trouble, reported as one line on stderr.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from comparator import one_line

try:  # typer >= 0.29 vendors click privately
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_exceptions

def typer_app(**options) -> typer.Typer:
    """A typer app as comparator's are: plain help, no shell completion, errors left to ``run``."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None, **options)


app = typer_app(name="comparator", help="Track what changed between successive ministerial statements.", no_args_is_help=True)


def show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"comparator {version('comparator')}")
        raise typer.Exit()


VersionOpt = Annotated[bool, typer.Option("--version", callback=show_version, is_eager=True, help="Show the version and exit.")]


@app.callback()
def comparator_app(version: VersionOpt = False) -> None:
    """Track what changed between successive ministerial statements."""


class Trouble(Exception):
    """A user-facing failure: printed as one line, exit status 2."""


ModelOpt = Annotated[Optional[str], typer.Option("--model", "-m", metavar="NAME_OR_PATH", help="minilm-int8 for the packaged model quantised to int8 (faster, slightly less exact), or any sentence-transformers model name or path. [default: minilm, the packaged all-MiniLM-L6-v2]")]


def stdout_wants_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


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
