"""What the register hands back: an issued document, a register row and its files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .draft import lower_title
from ..wording import number_text


def title(type_name: str, summary: str) -> str:
    """`Công văn V/v …`, `Báo cáo kết quả …`: type and trích yếu as the register writes them,
    the one spelling the issue message, `register list` and the exported book share."""
    summary = summary if type_name == "Công văn" else lower_title(summary)
    return f"{type_name} {summary}".strip()


@dataclass(frozen=True)
class IssuedDocument:
    number: int
    symbol: str  # UBND-NV
    date: dt.date
    series: str
    type_name: str  # Công văn, Báo cáo
    summary: str  # V/v … or the report's subject
    path: Path  # the document itself, now numbered and dated
    archived: tuple[Path, ...]  # one copy per unit of the Lưu line
    sha256: str
    warnings: tuple[str, ...] = ()

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def label(self) -> str:
        """`01/UBND-NV`: số and ký hiệu as the document shows them."""
        return f"{number_text(self.number)}/{self.symbol}"

    @property
    def title(self) -> str:
        return title(self.type_name, self.summary)


@dataclass(frozen=True)
class ArchivedFile:
    unit: str
    path: Path
    sha256: str


@dataclass(frozen=True)
class Entry:
    """One row of the outgoing register."""

    number: int
    symbol: str
    year: int
    series: str
    date: dt.date
    type_name: str
    summary: str
    signer: str
    recipients: tuple[str, ...]
    keep_units: tuple[str, ...]
    copies: int | None
    status: str  # issued | voided
    void_reason: str | None
    backdate_reason: str | None
    sha256: str
    source_name: str
    archives: tuple[ArchivedFile, ...] = ()

    @property
    def label(self) -> str:
        return f"{number_text(self.number)}/{self.symbol}"

    @property
    def voided(self) -> bool:
        return self.status == "voided"

    @property
    def title(self) -> str:
        return title(self.type_name, self.summary)

    @property
    def notes(self) -> str:
        """Column 10 (Ghi chú): withdrawal and backdating, the two things an auditor asks."""
        notes = []
        if self.voided:
            notes.append(f"Thu hồi: {self.void_reason}")
        if self.backdate_reason:
            notes.append(f"Lùi ngày: {self.backdate_reason}")
        return "; ".join(notes)

    def as_json(self) -> dict:
        return {
            "number": self.number, "label": self.label, "symbol": self.symbol,
            "year": self.year, "series": self.series, "date": self.date.isoformat(),
            "type": self.type_name, "summary": self.summary, "signer": self.signer,
            "recipients": list(self.recipients), "keep_units": list(self.keep_units),
            "copies": self.copies, "status": self.status, "void_reason": self.void_reason,
            "backdate_reason": self.backdate_reason, "sha256": self.sha256,
            "source": self.source_name,
            "archives": [{"unit": a.unit, "path": str(a.path), "sha256": a.sha256} for a in self.archives],
        }


def _lines(text: str) -> tuple[str, ...]:
    return tuple(t for t in (text or "").split("\n") if t)


def entry_from_row(row, files=()) -> Entry:
    """An Entry from a row of the entries table and its archive files."""
    return Entry(
        number=row.number, symbol=row.symbol, year=row.year, series=row.series,
        date=row.issued_on, type_name=row.type_name, summary=row.summary, signer=row.signer,
        recipients=_lines(row.recipients),
        keep_units=tuple(u.strip() for u in row.keep_units.split(",") if u.strip()),
        copies=row.copies, status=row.status, void_reason=row.void_reason,
        backdate_reason=row.backdate_reason, sha256=row.sha256, source_name=row.source_name,
        archives=tuple(files),
    )
