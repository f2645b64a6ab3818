"""The command line: ``app`` (the typer app and its exit-status contract), ``compare`` (``compare OLD NEW`` and the
entry points) and ``series`` (``corpus``, ``check``, ``build``, ``timeline``)."""
