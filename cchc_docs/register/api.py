"""The outgoing register's operations: issue, void, list, export, verify.

Kept apart from `__init__` so that importing the package (as the CLI does to build its
help) costs nothing: SQLAlchemy and lxml load only when a register operation runs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import workspace as ws_mod
from ..errors import DocumentError, InputError, Problem, RegisterError
from ..ooxml.package import PackageError, atomic_write, package_bytes, read_parts
from ..vn import format_date_short, nfc
from . import archive as arc
from .db import DEFAULT_SERIES, Register, Tx, resolve_url
from .draft import read_draft
from .stamp import number_text, stamp

DOCUMENT = "word/document.xml"


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
        from .draft import lower_title

        summary = self.summary if self.type_name == "Công văn" else lower_title(self.summary)
        return f"{self.type_name} {summary}".strip()

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


# ---------------------------------------------------------------- helpers

_REGISTERS: dict[tuple[int, str], Register] = {}


def _workspace(workspace) -> ws_mod.Workspace:
    if isinstance(workspace, ws_mod.Workspace):
        return workspace
    return ws_mod.load(workspace)


def open_register(ws: ws_mod.Workspace, db_url: str | None = None) -> Register:
    """The register of this workspace; the schema is checked once per process and URL."""
    url = resolve_url(ws.root, db_url)
    key = (os.getpid(), url)
    reg = _REGISTERS.get(key)
    if reg is None:
        reg = _REGISTERS[key] = Register(url)
    return reg


def _lines(text: str) -> tuple[str, ...]:
    return tuple(t for t in (text or "").split("\n") if t)


def _entry(row, files=()) -> Entry:
    return Entry(
        number=row.number, symbol=row.symbol, year=row.year, series=row.series,
        date=row.issued_on, type_name=row.type_name, summary=row.summary, signer=row.signer,
        recipients=_lines(row.recipients),
        keep_units=tuple(u.strip() for u in row.keep_units.split(",") if u.strip()),
        copies=row.copies, status=row.status, void_reason=row.void_reason,
        backdate_reason=row.backdate_reason, sha256=row.sha256, source_name=row.source_name,
        archives=tuple(files),
    )


def _describe(row) -> str:
    text = (f"{number_text(row.number)}/{row.symbol} ngày {format_date_short(row.issued_on)} "
            f"(sổ '{row.series}' năm {row.year})")
    if row.status == "voided":
        text += f", đã thu hồi: {row.void_reason}"
    return text


def _keep_units(draft) -> str:
    """Column 6 as the Lưu line has it: `VT, NV (2)` (copies only when more than one)."""
    return ", ".join(u if draft.keep_copies.get(u, 1) == 1 else f"{u} ({draft.keep_copies[u]})"
                     for u in draft.keep_units)


def _before_commit(number: int, staged: arc.Staged) -> None:
    """Called between allocating the number (archive files staged) and the commit.
    Does nothing; tests replace it to simulate a clerk's machine dying at the worst time."""


# ---------------------------------------------------------------- issue

def issue(workspace, path, date: dt.date | None = None, series: str | None = None,
          db_url: str | None = None, *, backdate: str | None = None,
          copies: int | None = None) -> IssuedDocument:
    ws = _workspace(workspace)
    src = Path(path).expanduser().resolve()
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    today = dt.date.today()
    date = date or today
    if date > today + dt.timedelta(days=1):
        # A mistyped future date would become the series' last date and make every
        # correct date after it look backdated.
        raise RegisterError(f"ngày ban hành {format_date_short(date)} ở tương lai (hôm nay "
                            f"{format_date_short(today)}); văn bản chỉ được cấp số sau khi đã ký")
    series = nfc(series) or DEFAULT_SERIES
    backdate = nfc(backdate) or None
    try:
        parts = read_parts(src)
    except PackageError as exc:
        raise DocumentError(Problem(str(exc), file=str(src))) from None
    draft = read_draft(parts[DOCUMENT], name=str(src))
    agency = ws.config.agency.name
    reg = open_register(ws, db_url)
    _recover(ws.root, reg)
    draft_sha = arc.content_sha256(parts)

    if draft.number is not None:
        _refuse_numbered(reg, agency, draft, src)
    notes: list[str] = []
    abbr = ws.config.agency.abbr
    if abbr and abbr not in draft.symbol.split("-"):
        notes.append(f"ký hiệu {draft.symbol} không có tên viết tắt của cơ quan ({abbr}): "
                     "kiểm tra đây đúng là văn bản của cơ quan mình")

    units = list(dict.fromkeys(arc.safe_component(u) for u in draft.keep_units))
    year_dir = arc.archive_root(ws.root) / str(date.year)
    where = arc.origin(ws.root)
    staged: arc.Staged | None = None
    recorded = False
    from sqlalchemy.exc import IntegrityError

    try:
        with reg.transaction() as tx:
            number = tx.allocate(agency, series, date.year, date, backdate)
            # Checked under the series lock, so a clerk issuing the same draft at the same
            # moment sees the other's committed row.
            prior = tx.by_draft(agency, draft_sha)
            if prior is not None:
                raise RegisterError(Problem(
                    f"bản dự thảo này đã được cấp số {_describe(prior)}; không cấp số lần nữa",
                    file=str(src)))
            clash = tx.by_number(agency, number, year=date.year, symbol=draft.symbol)
            if clash:
                raise RegisterError(
                    f"số {number_text(number)}/{draft.symbol} năm {date.year} đã có ở sổ "
                    f"'{clash[0].series}': số và ký hiệu phải là duy nhất trong năm; "
                    "hãy cấp số trong sổ đó (--series)")
            xml, warnings = stamp(draft, number, date)
            new_parts = dict(parts)
            new_parts[DOCUMENT] = xml
            data = package_bytes(new_parts)
            sha = arc.sha256_bytes(data)
            name = arc.file_name(number_text(number), draft.symbol, draft.summary)
            finals = [year_dir / unit / name for unit in units]
            staged = arc.stage(finals, data)
            _before_commit(number, staged)
            tx.record(
                dict(agency=agency, series=series, year=date.year, number=number,
                     symbol=draft.symbol, issued_on=date, type_name=draft.type_name,
                     summary=draft.summary, signer=draft.signer,
                     recipients="\n".join(draft.recipients), keep_units=_keep_units(draft),
                     copies=copies, source_name=src.name, draft_sha256=draft_sha, sha256=sha,
                     backdate_reason=backdate),
                [dict(unit=unit, origin=where, path=arc.relative(ws.root, final), sha256=sha,
                      size=len(data)) for unit, final in zip(units, finals)],
            )
            recorded = True
    except BaseException as exc:
        if staged is not None and recorded:
            # The commit itself failed: it may still have reached the database (a
            # connection lost after COMMIT was sent). Let the database decide: publish if
            # the row is there, remove if not; if it cannot be asked now, the temporary
            # files stay for the next issue or verify to settle.
            try:
                _recover(ws.root, reg)
            except Exception:  # noqa: BLE001 - best effort; the original error is the one to report
                pass
        elif staged is not None:
            staged.discard()
        if isinstance(exc, IntegrityError):
            # Only a concurrent issue of the same draft, or a hand-edited database, gets here.
            raise RegisterError(Problem(
                "sổ đăng ký từ chối ghi (bản dự thảo hoặc số, ký hiệu đã có trong sổ); "
                "xem 'cchc register list'", file=str(src))) from None
        raise
    try:
        staged.publish()
    except OSError as exc:
        raise RegisterError(Problem(
            f"đã cấp số {number_text(number)}/{draft.symbol} nhưng chưa chuyển xong tệp lưu ({exc})",
            file=str(src), hint="chạy 'cchc register verify' để hoàn tất")) from None
    # The clerk's copy becomes the issued document, written the reproducible way.
    issued_path = src
    try:
        atomic_write(src, data)
    except OSError as exc:
        # Numbered and archived already: the archive copy is the issued document.
        issued_path = staged.finals[0]
        notes.append(f"không ghi lại được {src} ({exc.strerror or exc}); "
                     f"bản đã cấp số là {issued_path}")
    return IssuedDocument(number=number, symbol=draft.symbol, date=date, series=series,
                          type_name=draft.type_name, summary=draft.summary, path=issued_path,
                          archived=tuple(staged.finals), sha256=sha,
                          warnings=tuple(notes + warnings))


def issue_new(workspace, make_draft, date: dt.date | None = None, series: str | None = None,
              db_url: str | None = None, out_dir=None, **kwargs) -> IssuedDocument:
    """Make a draft and issue it in one step (`cchc letter --issue`, `cchc report --issue`).

    `make_draft(folder) -> Path` writes the draft into a private folder; it is issued
    there and only then moved to `out_dir` (default output/). A refusal (already issued,
    backdated) therefore leaves the documents in `out_dir` as they were, instead of
    replacing an issued letter with a fresh draft.
    """
    import shutil
    import tempfile
    from dataclasses import replace

    from ..errors import CchcError

    ws = _workspace(workspace)
    target_dir = Path(out_dir).expanduser().resolve() if out_dir else ws.output_dir
    target_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".cchc-issue-", dir=target_dir))
    try:
        draft = Path(make_draft(scratch))
        final = target_dir / draft.name
        try:
            issued = issue(ws, draft, date=date, series=series, db_url=db_url, **kwargs)
        except CchcError as exc:
            # Name the file the clerk knows, not the scratch copy.
            exc.problems = [replace(p, file=str(final)) if p.file == str(draft) else p
                            for p in exc.problems]
            raise
        if issued.path == draft:
            os.replace(draft, final)
            issued = replace(issued, path=final)
        return issued
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _refuse_numbered(reg: Register, agency: str, draft, src: Path) -> None:
    from .archive import sha256_file

    with reg.reading() as tx:
        row = tx.by_sha(agency, sha256_file(src))
        if row is None:
            year = draft.date_written[2]
            rows = tx.by_number(agency, draft.number, year=year, symbol=draft.symbol)
            row = rows[0] if rows else None
    label = f"{number_text(draft.number)}/{draft.symbol}"
    if row is not None:
        message = f"văn bản đã được cấp số {_describe(row)}; không cấp số lần nữa"
    else:
        message = (f"văn bản đã có số {label} (không do sổ đăng ký này cấp); "
                   "chỉ cấp số cho bản dự thảo có dòng số để trống")
    raise RegisterError(Problem(message, file=str(src)))


# ---------------------------------------------------------------- recovery

def _recover(root: Path, reg: Register) -> tuple[list[Path], list[Path]]:
    """Finish or undo what a killed `issue` left behind (see archive.py)."""
    orphans = arc.find_temps(root)
    recovered: list[Path] = []
    removed: list[Path] = []
    if not orphans:
        return recovered, removed
    where = arc.origin(root)
    with reg.reading() as tx:
        rows = {o.temp: tx.file_at(where, arc.relative(root, o.final)) for o in orphans}
    for o in orphans:
        row = rows[o.temp]
        try:
            if row is not None and not o.final.exists() and arc.sha256_file(o.temp) == row.sha256:
                os.replace(o.temp, o.final)
                recovered.append(o.final)
            else:
                o.temp.unlink()
                removed.append(o.temp)
        except FileNotFoundError:
            pass  # another clerk's process cleaned it first
    return recovered, removed


# ---------------------------------------------------------------- void, list

_NUMBER_ARG = re.compile(r"^\s*(\d+)\s*(?:/\s*(\S+))?\s*$")


def void(workspace, number, reason: str, year: int | None = None, series: str | None = None,
         db_url: str | None = None) -> Entry:
    """Mark an entry withdrawn (thu hồi). It stays in the register; its number is never reused."""
    ws = _workspace(workspace)
    reason = nfc(reason)
    if not reason:
        raise InputError("cần ghi lý do thu hồi (--reason)")
    m = _NUMBER_ARG.match(str(number))
    if not m:
        raise InputError(f"'{number}' không phải số văn bản (viết 5, 05 hoặc 05/UBND-NV)")
    n, symbol = int(m[1]), (nfc(m[2]) if m[2] else None)
    year = year or dt.date.today().year
    series = nfc(series) or None
    agency = ws.config.agency.name
    reg = open_register(ws, db_url)
    with reg.transaction() as tx:
        rows = tx.by_number(agency, n, year=year, series=series, symbol=symbol)
        if not rows:
            raise RegisterError(f"sổ đăng ký không có văn bản số {number_text(n)}"
                                f"{'/' + symbol if symbol else ''} năm {year}"
                                f"{f' trong sổ {series!r}' if series else ''}")
        if len(rows) > 1:
            listed = ", ".join(f"{number_text(r.number)}/{r.symbol} (sổ '{r.series}')" for r in rows)
            raise RegisterError(f"năm {year} có nhiều văn bản số {number_text(n)}: {listed}; "
                                "chọn sổ bằng --series")
        row = rows[0]
        if row.status == "voided":
            raise RegisterError(f"văn bản {_describe(row)} — đã thu hồi từ trước")
        tx.void(row.id, reason)
        files = _files(tx, [row.id], ws.root)
    with reg.reading() as tx:
        fresh = tx.by_number(agency, n, year=year, series=row.series, symbol=row.symbol)[0]
    return _entry(fresh, files.get(row.id, ()))


def _files(tx: Tx, ids, root: Path, agency: str | None = None) -> dict[int, list[ArchivedFile]]:
    """Archive files per entry id. With `agency`, one query for the whole agency filtered
    here: a year's register has thousands of ids, more than SQLite takes in one IN list."""
    wanted = set(ids)
    rows = tx.files(agency=agency) if agency is not None else tx.files(list(wanted))
    out: dict[int, list[ArchivedFile]] = {}
    for f in rows:
        if f.entry_id in wanted:
            out.setdefault(f.entry_id, []).append(ArchivedFile(f.unit, root / f.path, f.sha256))
    return out


def list_entries(workspace, year: int | None = None, series: str | None = None,
                 db_url: str | None = None) -> list[Entry]:
    """Register rows of this workspace's agency, by year, series and number."""
    ws = _workspace(workspace)
    reg = open_register(ws, db_url)
    with reg.reading() as tx:
        rows = tx.entries(ws.config.agency.name, year=year, series=nfc(series) or None)
        files = _files(tx, [r.id for r in rows], ws.root, agency=ws.config.agency.name) if rows else {}
    return [_entry(r, files.get(r.id, ())) for r in rows]


def export(workspace, year: int, out, series: str | None = None, db_url: str | None = None) -> Path:
    """The register of `year` as a printable book (Decree 30 PL IV): .xlsx or .docx."""
    # Not `from . import export`: that name is the package's public function.
    from . import book as ex

    ws = _workspace(workspace)
    out = Path(out).expanduser().resolve()
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".docx"):
        raise InputError(Problem("chỉ xuất được sổ ra tệp .xlsx hoặc .docx", file=str(out)))
    rows = list_entries(ws, year=year, series=series, db_url=db_url)
    if not rows:
        raise RegisterError(f"sổ đăng ký năm {year} chưa có văn bản nào"
                            f"{f' trong sổ {series!r}' if series else ''}")
    book = ex.Book(agency=ws.config.agency, year=year, entries=rows)
    data = ex.xlsx_bytes(book) if suffix == ".xlsx" else ex.docx_bytes(book)
    return atomic_write(out, data)


# ---------------------------------------------------------------- verify

def verify(workspace, db_url: str | None = None, all_origins: bool = False) -> VerifyReport:
    """Re-hash every archived file; check numbers run 1..N with no gap; tidy crash leftovers."""
    ws = _workspace(workspace)
    reg = open_register(ws, db_url)
    report = VerifyReport()
    report.recovered, report.removed = _recover(ws.root, reg)
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
