"""The ``comparator`` typer app and the error contract every command keeps.

Exit status: 0 success; 1 with ``--exit-code`` when anything changed (like
``git diff --exit-code``); 2 on any trouble, reported as one line on stderr.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path
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


class Stopped(BaseException):
    """Ctrl-C or a termination signal. A BaseException, as KeyboardInterrupt is, so that writers clean up
    and re-raise; not a KeyboardInterrupt, which typer would turn into a silent exit 130."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def stop_on_signals() -> None:
    """Raise ``Stopped`` in the main thread on SIGINT, SIGTERM or SIGHUP, so no temporary file outlives the run."""

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    for number in STOP_SIGNALS:
        signal.signal(number, stop)


def emit(text: str, output: Path | None = None) -> None:
    """Write the payload to ``output`` atomically, or to stdout; a failed write is Trouble naming the destination."""
    from comparator.write import write_text_atomic

    try:
        write_text_atomic(output or "-", text)
    except BrokenPipeError:
        raise
    except OSError as e:
        if output is None:
            # What could not be written must not be flushed again (and fail again) at exit.
            sys.stdout = open(os.devnull, "w", encoding="utf-8")
        raise Trouble(f"cannot write {output or 'standard output'}: {e.strerror or e}") from None


def run(command, prog: str) -> None:
    """Run a click command; usage errors and Trouble become one line on stderr and exit 2.

    Ctrl-C prints "interrupted" and exits 130; SIGTERM and SIGHUP print "terminated" and exit 128 + the signal.
    """
    stop_on_signals()
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
    except (KeyboardInterrupt, Stopped) as e:
        signum = getattr(e, "signum", signal.SIGINT)
        print(f"{prog}: {'interrupted' if signum == signal.SIGINT else 'terminated'}", file=sys.stderr)
        status = 128 + signum
    except BrokenPipeError:
        status = 0
    # What is left dies with the process: collecting it at exit took 25 ms of a 0.25 s warm compare.
    gc.freeze()
    sys.exit(status or 0)
