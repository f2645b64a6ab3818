"""The command line: ``app`` (the typer app and its exit-status contract), ``compare`` (``compare OLD NEW`` and the
entry points) and ``series`` (``corpus``, ``check``, ``build``, ``timeline``)."""

import gc
import os

# Before numpy loads: the pipeline's matrix products are small (a few hundred sentences a side), and starting
# OpenBLAS's thread pool costs more than it saves: 2-3 ms of a warm compare on an idle machine, up to 60 ms when
# another process holds a core.
# A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# A command runs once and exits: the collector looks at young objects every 50,000 allocations instead of every 700,
# which takes 10 ms off a warm compare (a tenth of its time above the floor) and keeps at most a few MB of garbage longer.
gc.set_threshold(50_000, *gc.get_threshold()[1:])
