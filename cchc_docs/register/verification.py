"""Checking the archive against the register: every file there and unchanged, every
series numbered 1..N without a gap, and the leftovers of an interrupted issue settled.

(Named verification.py, not verify.py: `register.verify` is the public function.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import archive as arc
from .db import load_workspace, open_register
from ..wording import number_text


@dataclass
class VerifyReport:
    checked: int = 0
    missing: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    numbering: list[str] = field(default_factory=list)  # gaps or duplicates
    recovered: list[Path] = field(default_factory=list)  # renames finished after a crash
    removed: list[Path] = field(default_factory=list)  # orphan temp files deleted
    elsewhere: int = 0  # files archived on another machine (shared register), not checked
    bad: list[tuple[Path, str]] = field(default_factory=list)  # (path, "missing"|"changed"), register order

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.numbering)


def verify(workspace, db_url: str | None = None, all_origins: bool = False) -> VerifyReport:
    """Re-hash every archived file; check numbers run 1..N with no gap; tidy crash leftovers."""
    ws = load_workspace(workspace)
    reg = open_register(ws, db_url)
    report = VerifyReport()
    report.recovered, report.removed = arc.recover(ws.root, reg)
    agency = ws.config.agency.name
    where = arc.origin(ws.root)
    with reg.reading() as tx:
        files = tx.files(agency=agency)
        rows = tx.entries(agency)
        series = tx.series_rows(agency)
    for f in files:
        if f.origin != where and not all_origins:
            report.elsewhere += 1
            continue
        report.checked += 1
        path = ws.root / f.path
        if not path.is_file():
            report.missing.append(path)
            report.bad.append((path, "missing"))
        elif arc.sha256_file(path) != f.sha256:
            report.changed.append(path)
            report.bad.append((path, "changed"))
    numbers: dict[tuple[str, int], list[int]] = {}
    for r in rows:
        numbers.setdefault((r.series, r.year), []).append(r.number)
    for s in series:
        got = sorted(numbers.get((s.series, s.year), []))
        expected = list(range(1, s.last_number + 1))
        if got != expected:
            missing = sorted(set(expected) - set(got))
            extra = sorted(n for n in set(got) if got.count(n) > 1 or n > s.last_number)
            what = []
            if missing:
                what.append("thiếu số " + ", ".join(number_text(n) for n in missing))
            if extra:
                what.append("số trùng hoặc vượt " + ", ".join(number_text(n) for n in extra))
            report.numbering.append(f"sổ '{s.series}' năm {s.year}: " + "; ".join(what))
    return report
