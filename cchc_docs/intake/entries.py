"""A return's rows read against its commune's shortfalls: one entry per shortfall."""

from __future__ import annotations

from ..errors import Problem
from ..statuses import NOT_REMEDIED
from ..vn import fold_header, nfc
from .model import Entry, RawReturn, RawRow
from .values import parse_status, parse_vn_date, tick_status


def read_entries(raw: RawReturn, commune, shortfalls) -> tuple[dict, list[Problem]]:
    """The return's rows against the commune's shortfalls: entries by key, and problems."""
    wanted = {f.key: f for f in shortfalls}
    by_name = {fold_header(f.indicator.name): f for f in shortfalls}
    entries: dict[str, Entry] = {}
    seen_row: dict[str, int] = {}
    problems: list[Problem] = []
    for row in raw.rows:
        where = dict(file=raw.name, row=row.row)
        key = _row_key(row, commune)
        if not key:
            named = by_name.get(fold_header(row.cells.get("name") or ""))
            if named is not None and named.key not in seen_row:
                key = named.key  # the code was cleared but the shortfall is unmistakable
            elif _has_content(row, raw.kind):
                label = row.columns.get("key") or row.columns.get("code")
                what = nfc(row.cells.get("name") or "") or nfc(row.cells.get("result") or "")
                problems.append(Problem(
                    f"dòng thêm không có mã{': ' + repr(what[:60]) if what else ''} — không thuộc phiếu, bỏ qua",
                    column=label, hint="mỗi dòng của phiếu ứng với một tồn tại đã nêu; "
                                       "ghi nội dung bổ sung vào cột Ghi chú", **where))
                continue
            else:
                continue
        if key not in wanted:
            label = row.columns.get("key") or row.columns.get("code")
            problems.append(Problem(
                f"'{key}' không phải là tồn tại của {commune.title} trong phiếu — bỏ qua dòng này",
                column=label, **where))
            continue
        if key in seen_row:
            problems.append(Problem(f"dòng '{key}' trùng với dòng {seen_row[key]} — bỏ qua dòng này",
                                    column=row.columns.get("key") or row.columns.get("code"), **where))
            continue
        seen_row[key] = row.row
        entry, row_problems = _entry(row, key, raw.name)
        entries[key] = entry
        problems += row_problems
    for f in shortfalls:
        if f.key not in entries:
            problems.append(Problem(
                f"thiếu dòng '{f.key}' ({f.indicator.name}) của phiếu — tính là chưa khắc phục",
                file=raw.name))
    return entries, problems


def _row_key(row: RawRow, commune) -> str:
    key = nfc(row.cells.get("key") or "").lower().replace(" ", "")
    if key:
        return key
    code = nfc(row.cells.get("code") or "").lower().replace(" ", "")
    if not code:
        return ""
    return code if code.startswith(f"{commune.code}-") else f"{commune.code}-{code}"


def _has_content(row: RawRow, kind: str) -> bool:
    # In a Word table every filled cell of an added row counts; below an Excel table only
    # what a form row would hold does (free notes and signatures are not rows).
    roles = ("status", "done", "result") if kind == "xlsx" else tuple(r for r in row.cells if r != "tt")
    return any(nfc(row.cells.get(r) or "") for r in roles) or any(
        nfc(v) for r, v in row.cells.items() if r.startswith("tick:"))


def _entry(row: RawRow, key: str, file: str) -> tuple[Entry, list[Problem]]:
    problems = []
    if "status" in row.cells:
        status, problem, hint = parse_status(row.cells.get("status"))
        column, written = row.columns.get("status"), nfc(row.cells.get("status") or "")
    else:
        status, problem, hint = tick_status(row.cells)
        column, written = "Tình trạng", ""
    if problem:
        problems.append(Problem(f"{problem}: tính là chưa khắc phục", file=file, row=row.row,
                                column=column, hint=hint))
    done = None
    raw_done = row.cells.get("done")
    try:
        done = parse_vn_date(raw_done) if raw_done not in (None, "") else None
    except ValueError:
        problems.append(Problem(f"'{nfc(raw_done)}' không phải là ngày — bỏ qua ngày hoàn thành",
                                file=file, row=row.row, column=row.columns.get("done"),
                                hint="ghi ngày theo dạng 15/8/2024"))
    return Entry(key=key, status=status or NOT_REMEDIED, resolved=status is not None, written=written, done=done,
                 result=nfc(row.cells.get("result") or ""), note=nfc(row.cells.get("note") or ""),
                 row=row.row), problems
