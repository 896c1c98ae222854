"""Which commune each return belongs to, which of two returns counts, and when it arrived.

Returns are matched by the code written in the form, never by file name; of two returns
from one commune the newer counts. A return is dated by its `Ngày báo cáo`, else by the
file's modification time.
"""

from __future__ import annotations

import datetime as dt

from ..dataset import _Lookup
from ..errors import Problem
from ..vn import nfc
from ..vn.dates import format_date_short
from .entries import read_entries
from .model import VN_TZ, Intake, RawReturn, Return
from .values import parse_vn_date


UNDATED = "không ghi ngày"


def received_date(raw: RawReturn) -> tuple[dt.date | None, Problem | None]:
    """The return's own date; (None, None) when it has none, (None, problem) when it is
    not a date. Never the file's modification time."""
    if raw.reported in (None, ""):
        return None, None
    try:
        value = parse_vn_date(raw.reported)
    except ValueError:
        return None, Problem(f"ngày báo cáo '{nfc(raw.reported)}' không phải là ngày: coi như "
                             f"{UNDATED}", file=raw.name,
                             hint="ghi ngày dạng 27/8/2024 hoặc 'ngày 27 tháng 8 năm 2024'")
    return value, None


def resolve(raws: list[RawReturn], dataset, deadline: dt.date, folder: str = "") -> Intake:
    by_code = {c.code: c for c in dataset.communes}
    by_number = {int(c.code): c for c in dataset.communes if c.code.isdigit()}
    shortfalls = {c.code: dataset.shortfalls(c) for c in dataset.communes}
    first: list[tuple[RawReturn, object, list[Problem]]] = []
    for raw in raws:
        problems = list(raw.problems)
        commune = None
        if raw.readable:
            commune, problem = _match_commune(raw, by_code, by_number, dataset)
            if problem:
                problems.append(problem)
        first.append((raw, commune, problems))
    chosen = _newest_per_commune(first)
    returns = []
    for raw, commune, problems in first:
        received, p = received_date(raw)
        if p:
            problems.append(p)
        late = bool(received and received > deadline)
        if commune is not None and raw.readable:
            other = _named_other(raw, commune, dataset)
            if other is not None:
                problems.append(Problem(
                    f"bỏ qua tệp: mã đơn vị {commune.code} là của {commune.title} nhưng phiếu ghi "
                    f"tên '{raw.commune_name}' ({other.title}, mã {other.code}); không tính cho đơn vị nào",
                    file=raw.name, row=raw.code_where[0], column=raw.code_where[1],
                    hint="đề nghị đơn vị kiểm tra lại mã và tên trên phiếu rồi gửi lại"))
                returns.append(Return(raw, None, received, late, used=False, problems=tuple(problems)))
                continue
        if commune is None or not raw.readable:
            returns.append(Return(raw, commune, received, late, used=False, problems=tuple(problems)))
            continue
        winner = chosen[commune.code]
        if winner is not raw:
            problems.append(Problem(
                f"{commune.title} gửi {_count_of(first, commune)} bản; {_why_other(raw, winner)}",
                file=raw.name))
            returns.append(Return(raw, commune, received, late, used=False, problems=tuple(problems),
                                  superseded_by=winner.name))
            continue
        entries, row_problems = read_entries(raw, commune, shortfalls[commune.code])
        returns.append(Return(raw, commune, received, late, used=True, entries=entries,
                              problems=tuple(problems + row_problems)))
    by_commune = {r.commune.code: r for r in returns if r.used}
    expected = tuple(c for c in dataset.communes if shortfalls[c.code])
    return Intake(folder=folder, deadline=deadline, returns=tuple(returns), by_commune=by_commune,
                  expected=expected, findings=tuple(dataset.findings))


def _why_other(raw: RawReturn, winner: RawReturn) -> str:
    """Why `winner` counts and not `raw`, by what decided it: the returns' own dates when
    they differ (a file time then says nothing, and shown it would contradict the choice),
    else the files' modification times."""
    mine, theirs = received_date(raw)[0], received_date(winner)[0]
    if mine != theirs:
        return (f"dùng bản có ngày báo cáo mới hơn '{winner.name}' ({_day(theirs)}), "
                f"bỏ qua bản này ({_day(mine)})")
    same = f"cùng {_day(mine)}; " if mine else ""
    return (f"{same}dùng bản mới hơn '{winner.name}' (sửa lúc {_stamp(winner.mtime)}), "
            f"bỏ qua bản này (sửa lúc {_stamp(raw.mtime)})")


def _day(day: dt.date | None) -> str:
    return f"ngày báo cáo {format_date_short(day)}" if day else UNDATED


def _stamp(mtime: float) -> str:
    t = dt.datetime.fromtimestamp(mtime, VN_TZ)
    return f"{t:%H:%M} {format_date_short(t.date())}"


def _count_of(first, commune) -> int:
    return sum(1 for _, c, _ in first if c is not None and c.code == commune.code)


def _recency(raw: RawReturn):
    return (received_date(raw)[0] or dt.date.min, raw.mtime, raw.name)


def _newest_per_commune(first) -> dict:
    chosen: dict[str, RawReturn] = {}
    for raw, commune, _ in first:
        if commune is None or not raw.readable:
            continue
        current = chosen.get(commune.code)
        # Newer by the return's own date, then by the file's modification time; the name
        # breaks a tie, so the choice never depends on the order the folder lists files in.
        if current is None or _recency(raw) > _recency(current):
            chosen[commune.code] = raw
    return chosen


def _match_commune(raw: RawReturn, by_code, by_number, dataset):
    row, col = raw.code_where
    # `18205`, `'18205` (Excel's text prefix), `18205 (xã Sơn Long)`: the code is the first word.
    code = (nfc(raw.code).lstrip("'").split(" ") or [""])[0].strip(".;,")
    if not code:
        return None, Problem("bỏ qua tệp: phiếu không ghi mã đơn vị" + (
            " (ô B2)" if raw.kind == "xlsx" else " (dòng 'Mã đơn vị: …')"), file=raw.name,
            row=row, column=col, hint=_name_hint(raw, dataset) or "ghi lại mã đơn vị đúng như phiếu gốc")
    commune = by_code.get(code)
    if commune is None and code.isdigit():
        # Excel drops the leading zeros of a code typed as a number (00004 → 4).
        commune = by_number.get(int(code))
    if commune is None:
        return None, Problem(f"bỏ qua tệp: mã đơn vị '{code}' không có trong danh sách đơn vị",
                             file=raw.name, row=row, column=col,
                             hint=_name_hint(raw, dataset) or code_hint(code) or "kiểm tra lại mã đơn vị trên phiếu")
    return commune, None


def _named(text: str, dataset) -> list:
    lookup = _Lookup(dataset.communes, lambda c: c.code, lambda c: c.name)
    words = nfc(text).split(" ")
    for k in range(len(words)):
        found = lookup.find(" ".join(words[k:]))
        if found:
            return found
    return []


def _named_other(raw: RawReturn, commune, dataset):
    """The other commune the form's name names, when it names exactly one and not this one."""
    if not raw.commune_name:
        return None
    found = _named(raw.commune_name, dataset)
    if len(found) == 1 and found[0].code != commune.code:
        return found[0]
    return None


def code_hint(code: str) -> str:
    """A code of the other unit list (pre-2025 form in a 2025 workspace): name its successor."""
    from ..units.checks import other_list_hint

    return other_list_hint(code)


def _name_hint(raw: RawReturn, dataset) -> str:
    if not raw.commune_name:
        return ""
    lookup = _Lookup(dataset.communes, lambda c: c.code, lambda c: c.name)
    words = raw.commune_name.split(" ")
    # `Sơn Long`, `xã Sơn Long`, `UBND xã Sơn Long`: the name is what remains at the end.
    for k in range(len(words)):
        found = lookup.find(" ".join(words[k:]))
        if len(found) == 1:
            return f"phiếu ghi tên '{raw.commune_name}': mã đúng là {found[0].code}?"
    return ""
