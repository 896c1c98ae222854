"""Reading the register: its rows, and the printable book of a year."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem, RegisterError
from ..ooxml.package import atomic_write
from ..vn import nfc
from .db import Tx, load_workspace, open_register
from .models import ArchivedFile, Entry, entry_from_row


def files_by_entry(tx: Tx, ids, root: Path, agency: str | None = None) -> dict[int, list[ArchivedFile]]:
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
    ws = load_workspace(workspace)
    reg = open_register(ws, db_url)
    with reg.reading() as tx:
        rows = tx.entries(ws.config.agency.name, year=year, series=nfc(series) or None)
        files = files_by_entry(tx, [r.id for r in rows], ws.root, agency=ws.config.agency.name) if rows else {}
    return [entry_from_row(r, files.get(r.id, ())) for r in rows]


def export(workspace, year: int, out, series: str | None = None, db_url: str | None = None) -> Path:
    """The register of `year` as a printable book (Decree 30 PL IV): .xlsx or .docx."""
    # Not `from . import export`: that name is the package's public function.
    from . import book as ex

    ws = load_workspace(workspace)
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
