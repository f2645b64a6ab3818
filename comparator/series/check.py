"""``comparator check``: integrity, changes and policy for one series or a folder of series.

Changes come from the cached pair digests of ``comparator.series.batch``; reports
are rendered by ``comparator.render.check``.

Exit status (``CheckReport.exit_code``): 0 when clean, 1 when an integrity
error or an unacknowledged policy failure was found; the CLI uses 2 for
trouble (unreadable policy, no series).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.series.batch import DigestCache, Item, PairDigest, Progress, chain_digests
from comparator.series.folder import Finding, SeriesState, find_series, inspect_series
from comparator.series.manifest import Entry
from comparator.series.policy import Ack, Policy, Severity, ack_key, load_acks, series_files, series_policy
from comparator.topics import WatchList

if TYPE_CHECKING:
    from comparator.cache import EmbeddingCache
    from comparator.embed import Embedder
    from comparator.series.cluster import Cluster


@dataclass(frozen=True)
class PairResult:
    """A statement, its predecessor and the digest of their comparison."""

    old: Entry
    new: Entry
    digest: PairDigest


@dataclass(frozen=True)
class Violation:
    """A change on a watched topic that the policy fails or warns about; ``ack`` when accepted."""

    severity: Severity
    topic: str
    key: str
    file: str
    line: int
    old: Entry
    new: Entry
    item: Item
    ack: Ack | None


@dataclass(frozen=True)
class SeriesReport:
    """The check of one series."""

    folder: str
    policy: str
    acks: str | None
    statements: int
    findings: tuple[Finding, ...]
    pairs: tuple[PairResult, ...]
    violations: tuple[Violation, ...]
    stale: tuple[Ack, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def failures(self) -> list[Violation]:
        return [v for v in self.violations if v.severity is Severity.FAIL and v.ack is None]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity is Severity.WARN and v.ack is None]

    @property
    def acknowledged(self) -> list[Violation]:
        return [v for v in self.violations if v.ack is not None]

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.failures)


@dataclass(frozen=True)
class CheckReport:
    """The check of every series found; owns the exit status."""

    series: tuple[SeriesReport, ...]

    @property
    def exit_code(self) -> int:
        """0 when clean; 1 for any integrity error or unacknowledged policy failure."""
        return 1 if any(s.failed for s in self.series) else 0


def run_check(
    folder: Path,
    embedder: Embedder,
    policy_path: Path | None = None,
    ack_path: Path | None = None,
    progress: Progress | None = None,
    cluster: Cluster | None = None,
) -> CheckReport:
    """Check every series under ``folder``: integrity, changes against the predecessor, policy; comparisons on ``cluster`` if given."""
    from comparator.cache import EmbeddingCache

    with EmbeddingCache() as cache, DigestCache() as store:
        return CheckReport(tuple(
            check_series(inspect_series(path), embedder, cache, store, policy_path, ack_path, progress, cluster)
            for path in find_series(folder)
        ))


def check_series(
    state: SeriesState,
    embedder: Embedder,
    cache: EmbeddingCache | None,
    store: DigestCache | None,
    policy_path: Path | None = None,
    ack_path: Path | None = None,
    progress: Progress | None = None,
    cluster: Cluster | None = None,
) -> SeriesReport:
    """Check one series that has been read from disk."""
    ack_file = series_files(state.folder, policy_path, ack_path)[1]
    policy, acks = series_policy(state.folder, policy_path), load_acks(ack_file)
    pairs = series_pairs(state, embedder, policy.watch, cache, store, progress, cluster)
    violations, stale = evaluate(pairs, policy, acks, state.folder)
    return SeriesReport(
        str(state.folder), policy.source, str(ack_file) if ack_file else None, len(state.chain()),
        state.findings, tuple(pairs), violations, stale,
    )


def series_pairs(
    state: SeriesState,
    embedder: Embedder,
    watch: WatchList,
    cache: EmbeddingCache | None,
    store: DigestCache | None,
    progress: Progress | None = None,
    cluster: Cluster | None = None,
) -> list[PairResult]:
    """Return each statement of a series with its predecessor and their digest."""
    chain = state.chain()
    digests = chain_digests([source for _, source in chain], embedder, watch, cache, store, progress, cluster=cluster)
    return pair_results([entry for entry, _ in chain], digests)


def pair_results(entries: Sequence[Entry], digests: Sequence[PairDigest]) -> list[PairResult]:
    """Pair each statement after the first with its predecessor and their digest."""
    return [PairResult(a, b, d) for a, b, d in zip(entries, entries[1:], digests)]


def evaluate(pairs: Sequence[PairResult], policy: Policy, acks: dict[str, Ack], folder: Path) -> tuple[tuple[Violation, ...], tuple[Ack, ...]]:
    """Return the changes the policy fails or warns about, and the acknowledgements that matched none."""
    violations = []
    for pair in pairs:
        for item in pair.digest.items:
            judged = policy.judge(item.topics, item.verdict)
            if judged is None:
                continue
            severity, topic = judged
            key = ack_key(pair.old.date or "", pair.new.date or "", tuple(p.text for p in item.old), tuple(p.text for p in item.new))
            entry, point = (pair.new, item.new[0]) if item.new else (pair.old, item.old[0])
            violations.append(Violation(severity, topic, key, str(folder / entry.file), point.line, pair.old, pair.new, item, acks.get(key)))
    used = {v.key for v in violations}
    return tuple(violations), tuple(a for k, a in acks.items() if k not in used)
