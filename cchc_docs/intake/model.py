"""What reading returns produces: raw returns (cells by role), entries, returns, the intake.

Counting rule (see `Intake.outcome`): a shortfall counts as remedied or in progress only
when the commune's return says so in a recognisable way; anything else in a return
(blank, unknown or ambiguous status, a missing row) counts as not remedied, so a report
to the Sở never overstates progress. Shortfalls of a commune with no usable return count
as not reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import Problem
from ..statuses import NOT_REMEDIED, NOT_REPORTED

from ..vn.dates import VN_TZ  # noqa: E402,F401 - times shown in messages are Vietnam's


class FileRefused(Exception):
    """This file cannot or must not be read; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class RawRow:
    row: int  # spreadsheet row, or table row in a Word form (header = 1)
    cells: dict  # role → value (str, or date for Excel date cells)
    columns: dict  # role → column label for messages


@dataclass(frozen=True)
class RawReturn:
    name: str
    kind: str  # "xlsx", "docx", or "" when unreadable
    mtime: float
    code: str = ""
    code_where: tuple = (None, None)  # (row, column) of the commune code, for messages
    commune_name: str = ""
    reported: object = None  # `Ngày báo cáo` as written: str, date or None
    rows: tuple = ()
    problems: tuple = ()
    readable: bool = True


@dataclass(frozen=True)
class Entry:
    """What a return says about one shortfall."""

    key: str
    status: str  # one of STATUSES (unresolved statuses count as NOT_REMEDIED)
    resolved: bool  # False when the status was blank, unknown or ambiguous
    written: str  # the status as the commune wrote it, for the appendix's notes
    done: dt.date | None
    result: str
    note: str
    row: int


@dataclass(frozen=True)
class Return:
    raw: RawReturn
    commune: object  # dataset.Commune or None
    received: dt.date | None  # the return's own date (`Ngày báo cáo` or its date line); None: undated
    late: bool
    used: bool  # False: unreadable, unknown commune, or an older duplicate
    entries: dict = field(default_factory=dict)  # finding key → Entry
    problems: tuple = ()
    superseded_by: str = ""

    @property
    def name(self) -> str:
        return self.raw.name

    def count(self, status: str) -> int:
        return sum(1 for e in self.entries.values() if e.status == status)


@dataclass(frozen=True)
class Intake:
    folder: str
    deadline: dt.date
    returns: tuple  # every file, by name
    by_commune: dict  # commune code → the Return used
    expected: tuple  # communes with at least one shortfall, in data order
    findings: tuple  # dataset findings

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.returns for p in r.problems]

    @property
    def usable(self) -> bool:
        return bool(self.by_commune)

    def outcome(self, finding) -> str:
        ret = self.by_commune.get(finding.commune.code)
        if ret is None:
            return NOT_REPORTED
        entry = ret.entries.get(finding.key)
        return entry.status if entry else NOT_REMEDIED

    def entry(self, finding) -> Entry | None:
        ret = self.by_commune.get(finding.commune.code)
        return ret.entries.get(finding.key) if ret else None

    @property
    def missing(self) -> list:
        return [c for c in self.expected if c.code not in self.by_commune]

    @property
    def late(self) -> list:
        return [self.by_commune[c.code] for c in self.expected
                if c.code in self.by_commune and self.by_commune[c.code].late]

    @property
    def undated(self) -> list:
        """Used returns that carry no date of their own: not late, and said so."""
        return [self.by_commune[c.code] for c in self.expected
                if c.code in self.by_commune and self.by_commune[c.code].received is None]
