"""The series side: statement folders under CI, built on the pipeline.

``manifest`` records a series' files; ``extract`` turns downloads into text;
``batch`` compares every pair of a series in one embedding batch (``cluster``
does it on Dask); ``policy`` and ``check`` judge the changes; ``timeline``
follows one topic; ``site`` builds the report site; ``provenance`` reads
where a statement came from.
"""
