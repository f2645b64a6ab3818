"""A series folder on disk: recording its statement files in the manifest, and checking its integrity.

The manifest file itself (its format, reading and writing it) is ``comparator.series.manifest``:
``compare`` reads a statement's entry there on every run, so what only the series
commands need lives here.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from comparator.models import Source
from comparator.read import InputError, read_source
from comparator.segment import segment
from comparator.series.manifest import (
    MANIFEST,
    Entry,
    Manifest,
    SeriesError,
    iso_date,
    legacy_entries,
    load_manifest,
    name_date,
    sorted_entries,
    write_manifest,
)
from comparator.write import write_bytes_atomic

STATEMENT_SUFFIX = ".txt"


class Level(str, Enum):
    """How serious an integrity finding is."""

    ERROR = "error"
    """Fails ``comparator check``."""
    WARNING = "warning"
    """Reported; does not fail the check."""


@dataclass(frozen=True)
class Finding:
    """One integrity problem: ``code`` is stable (missing, modified, unrecorded, ...), ``file`` the path shown."""

    level: Level
    code: str
    file: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR


@dataclass(frozen=True)
class SeriesState:
    """A series as found on disk: its manifest, its readable statements and what is wrong with it."""

    folder: Path
    manifest: Manifest | None
    sources: dict[str, Source]
    findings: tuple[Finding, ...]

    @property
    def name(self) -> str:
        return self.folder.resolve().name

    def chain(self) -> list[tuple[Entry, Source]]:
        """Recorded, dated, readable statements in series order, each source knowing its recorded title and date."""
        entries = self.manifest.entries if self.manifest else ()
        return [
            (e, replace(self.sources[e.file], known_title=e.title, known_date=e.date))
            for e in entries
            if e.date and e.file in self.sources
        ]


@dataclass(frozen=True)
class InitResult:
    """What ``init_series`` did: the manifest written and the files added, re-hashed or skipped (with why)."""

    manifest: Manifest
    added: tuple[str, ...]
    rehashed: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]


def statement_files(folder: Path) -> list[Path]:
    """Return the statement files of a series folder, sorted by name."""
    return sorted(p for p in folder.glob(f"*{STATEMENT_SUFFIX}") if p.is_file() and not p.name.startswith("."))


def escapes(root: Path, path: Path) -> bool:
    """Say whether ``path`` resolves (through symlinks or ``..``) to somewhere outside ``root``, the series folder
    resolved (once for all its files: resolving is most of the time a warm ``check`` spends here).

    Such a file is never read: a series under review must not publish a file
    from elsewhere on the machine (a pull request can add a symlink).
    """
    return not path.resolve().is_relative_to(root)


def _escape_message(shown: str) -> str:
    return f"{shown}: resolves outside the series folder (a symlink?); refusing to read it"


def is_series(folder: Path) -> bool:
    return (folder / MANIFEST).is_file() or bool(statement_files(folder))


def require_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise SeriesError(f"{folder}: is a file, expected a series folder")
    if not folder.is_dir():
        raise SeriesError(f"{folder}: no such folder")


def find_series(folder: Path) -> list[Path]:
    """Return the series under ``folder``: itself if it is one, else its sub-folders that are."""
    require_folder(folder)
    if is_series(folder):
        return [folder]
    found = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and is_series(p))
    if not found:
        raise SeriesError(f"{folder}: no statement files or {MANIFEST} here or in its sub-folders")
    return found


def recorded_series(folder: Path) -> list[SeriesState]:
    """Read every series under ``folder`` for a command that needs their records (timeline, build).

    Unlike ``inspect_series``, a series without a usable manifest is a SeriesError
    naming its folder, before any series is read.
    """
    paths = find_series(folder)
    manifests = [load_manifest(path) for path in paths]
    return [_inspect(path, manifest, []) for path, manifest in zip(paths, manifests)]


def init_series(folder: Path, rehash: bool = False) -> InitResult:
    """Record every statement file of ``folder`` in its manifest, keeping what is already recorded.

    Metadata comes from the existing entry, then a legacy ``manifest.json``,
    then the file (date from a YYYY-MM-DD name prefix or the statement's date
    line; title from its header). With ``rehash``, recorded files whose bytes
    changed get their new hash; otherwise recorded hashes are never touched.
    """
    require_folder(folder)
    old = load_manifest(folder) if (folder / MANIFEST).exists() else Manifest(())
    legacy = legacy_entries(folder)
    entries = {e.file: e for e in old.entries}
    added, rehashed, skipped = [], [], []
    files, root = statement_files(folder), folder.resolve()
    for path in files:
        if escapes(root, path):
            raise SeriesError(_escape_message(str(path)))
    for path in files:
        try:
            source = read_source(str(path))
        except InputError as e:
            skipped.append((path.name, str(e)))
            continue
        known = entries.get(path.name)
        if known is None:
            entries[path.name] = _fill(Entry(path.name, source.sha256), legacy.get(path.name, {}), source)
            added.append(path.name)
        elif rehash and known.sha256 != source.sha256:
            entries[path.name] = replace(known, sha256=source.sha256)
            rehashed.append(path.name)
        else:
            entries[path.name] = _fill(known, legacy.get(path.name, {}), source)
    manifest = Manifest(sorted_entries(entries.values()))
    if manifest != old or not (folder / MANIFEST).exists():
        write_manifest(folder, manifest)
    return InitResult(manifest, tuple(added), tuple(rehashed), tuple(skipped))


def add_statement(
    folder: Path,
    text: str,
    *,
    date: str | None = None,
    name: str | None = None,
    title: str | None = None,
    provenance: str | None = None,
    source_url: str | None = None,
) -> Entry:
    """Write a statement text (normalised by ``extract``) into the series as ``DATE.txt`` and record it.

    The date is ``date``, else a YYYY-MM-DD prefix of ``name`` (the original
    file or URL name), else the statement's own date line.
    """
    if date is not None and iso_date(date) is None:
        raise SeriesError(f"--date {date!r} is not YYYY-MM-DD")
    manifest = _manifest_for_adding(folder)
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    twin = _twin(folder, manifest, text)
    if twin is not None:
        raise SeriesError(f"{folder / twin}: the same statement is already recorded")
    statement = segment(Source(path=name or "statement", text=text, sha256=sha, encoding="utf-8"))
    when = date or name_date(name or "") or statement.date
    if when is None:
        raise SeriesError(f"cannot tell the date of {name or 'the statement'}; pass --date YYYY-MM-DD")
    entry = Entry(
        file=_free_name(folder, manifest, when),
        sha256=sha,
        date=when,
        title=title or statement.title,
        provenance=provenance,
        source_url=source_url,
    )
    folder.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(folder / entry.file, data)
    write_manifest(folder, Manifest(sorted_entries([*manifest.entries, entry])))
    return entry


def inspect_series(folder: Path) -> SeriesState:
    """Read a series and report integrity findings; never raises for a broken series."""
    findings: list[Finding] = []
    try:
        manifest: Manifest | None = load_manifest(folder)
    except SeriesError as e:
        manifest = None
        findings.append(Finding(Level.ERROR, "manifest", str(folder / MANIFEST), str(e)))
    return _inspect(folder, manifest, findings)


def _inspect(folder: Path, manifest: Manifest | None, findings: list[Finding]) -> SeriesState:
    """Read a series whose manifest is loaded (None when unusable), adding its integrity findings to ``findings``."""
    on_disk = {p.name for p in statement_files(folder)}
    recorded = {e.file: e for e in manifest.entries} if manifest else {}
    sources: dict[str, Source] = {}
    root = folder.resolve()
    for name in sorted(on_disk | set(recorded)):
        shown = str(folder / name)
        if name not in on_disk:
            findings.append(Finding(Level.ERROR, "missing", shown, f"{shown}: recorded in {MANIFEST} but missing"))
            continue
        if escapes(root, folder / name):
            findings.append(Finding(Level.ERROR, "outside", shown, _escape_message(shown)))
            continue
        try:
            sources[name] = read_source(shown)
        except InputError as e:
            findings.append(Finding(Level.ERROR, "undecodable", shown, str(e)))
    for name, entry in recorded.items():
        shown = str(folder / name)
        if name in sources and sources[name].sha256 != entry.sha256:
            findings.append(Finding(
                Level.ERROR, "modified", shown,
                f"{shown}: edited since it was recorded (recorded sha256 {entry.sha256}, file sha256 "
                f"{sources[name].sha256}); restore it, or re-record it with `comparator corpus init --rehash {folder}`",
            ))
        if entry.date is None:
            findings.append(Finding(Level.ERROR, "no-date", shown, f"{shown}: no date in {MANIFEST}; add date = \"YYYY-MM-DD\""))
    if manifest is not None:
        for name in sorted(on_disk - set(recorded)):
            shown = str(folder / name)
            findings.append(Finding(
                Level.ERROR, "unrecorded", shown,
                f"{shown}: not recorded in {MANIFEST}; record it with `comparator corpus init {folder}`",
            ))
    findings += _duplicates(folder, sources, manifest)
    return SeriesState(folder, manifest, sources, tuple(findings))


def _duplicates(folder: Path, sources: dict[str, Source], manifest: Manifest | None) -> list[Finding]:
    """Findings for files with the same bytes (error) and statements recorded on the same date (warning)."""
    findings = []
    by_hash: dict[str, list[str]] = defaultdict(list)
    for name, source in sources.items():
        by_hash[source.sha256].append(name)
    for names in by_hash.values():
        if len(names) > 1:
            shown = str(folder / names[1])
            findings.append(Finding(Level.ERROR, "duplicate-content", shown, f"same contents: {', '.join(str(folder / n) for n in names)}"))
    by_date: dict[str, list[str]] = defaultdict(list)
    for entry in manifest.entries if manifest else ():
        if entry.date:
            by_date[entry.date].append(entry.file)
    for when, names in sorted(by_date.items()):
        if len(names) > 1:
            findings.append(Finding(
                Level.WARNING, "duplicate-date", str(folder / names[1]),
                f"same date {when}: {', '.join(str(folder / n) for n in names)} (compared in file-name order)",
            ))
    return findings


def _twin(folder: Path, manifest: Manifest, text: str) -> str | None:
    """Return the recorded file holding ``text`` once both are normalised, if any."""
    # Imported here: comparator.series.extract pulls in the http client, and only `corpus add` needs it.
    from comparator.series.extract import normalise_text

    root = folder.resolve()
    for entry in manifest.entries:
        if escapes(root, folder / entry.file):
            continue
        try:
            if normalise_text(read_source(str(folder / entry.file)).text) == text:
                return entry.file
        except InputError:
            continue
    return None


def _manifest_for_adding(folder: Path) -> Manifest:
    """The manifest to add to; a missing or empty folder starts a new series."""
    if (folder / MANIFEST).exists():
        return load_manifest(folder)
    if folder.exists() and statement_files(folder):
        raise SeriesError(f"{folder}: has statements but no {MANIFEST}; run `comparator corpus init {folder}` first")
    return Manifest(())


def _free_name(folder: Path, manifest: Manifest, when: str) -> str:
    """Return ``DATE.txt``, or ``DATE-2.txt``... when that name is taken."""
    taken = {e.file for e in manifest.entries} | {p.name for p in statement_files(folder)}
    name, number = f"{when}{STATEMENT_SUFFIX}", 1
    while name in taken:
        number += 1
        name = f"{when}-{number}{STATEMENT_SUFFIX}"
    return name


def _fill(entry: Entry, legacy: dict, source: Source) -> Entry:
    """Fill an entry's missing metadata from the legacy manifest, then from the statement itself."""
    known = {k: getattr(entry, k) or _text(legacy.get(k)) for k in ("date", "title", "provenance", "source_url")}
    if known["date"] is None or known["title"] is None:
        statement = segment(source)
        known["date"] = known["date"] or name_date(entry.file) or statement.date
        known["title"] = known["title"] or statement.title
    if known["date"] is not None and iso_date(known["date"]) is None:
        known["date"] = None
    return replace(entry, **known)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


