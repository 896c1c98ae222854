"""`cchc validate`'s unit-list warnings: communes and findings against the workspace's list.

A code means a unit only together with its list's date (18160 was Sơn Lĩnh in 2024 and is
Sơn Hồng since 1 July 2025), so every code and name of data/ is compared with the list the
workspace declares (`units = "2025-07"` or `"legacy"` in cchc.toml); a pre-2025 name or code
in a 2025 workspace is flagged with the 2025 commune it became part of.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InputError, Problem
from ..vn import match_key, nfc
from ..vn.units import is_village
from . import catalogue



def _rows(path: Path) -> list[dict]:
    if not path.is_file():  # .xlsx or missing: the dataset reader reports it
        return []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return [{k.strip().lower(): nfc(v) for k, v in r.items() if k} for r in csv.DictReader(fh)]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _successor_text(code: str | None = None, name: str | None = None) -> str:
    if code is not None:
        s = catalogue.successor(code)
        found = [s] if s else []
    else:
        found = catalogue.successors_of_name(name or "")
    return ", ".join(f"{u.title} ({u.code})" for u in found)


def check_communes(root: Path, date: str) -> list[Problem]:
    """Warnings for data/communes.csv rows whose code or name is not in the workspace's list."""
    path = root / "data" / "communes.csv"
    try:
        listed = catalogue.listed(date)
    except InputError as exc:
        return exc.problems
    other = catalogue.legacy_communes() if date == catalogue.CURRENT else {}
    out: list[Problem] = []
    known_names = {match_key(u.name) for u in listed.values()}
    for n, row in enumerate(_rows(path), start=2):
        code, name, kind = row.get("code", ""), row.get("name", ""), row.get("type", "")
        if not code or is_village(kind):
            continue  # thôn, tổ dân phố: the commune's own list, no national one
        where = dict(file=str(path), row=n, column="code")
        unit = listed.get(code)
        if unit is not None and match_key(unit.name) == match_key(name):
            continue
        old = other.get(code)
        if old is not None and match_key(old.name) == match_key(name):
            succ = _successor_text(code=code)
            now = f"mã này là {unit.title}" if unit else "không có mã này"
            msg = f"mã {code} ({name}) là mã của danh mục trước 1/7/2025; trong danh mục {date} {now}"
            out.append(Problem(msg, hint=f"đơn vị kế thừa: {succ}" if succ else "kiểm tra lại mã", **where))
        elif unit is not None:
            out.append(Problem(f"mã {code} trong danh mục {date} là {unit.title}, không phải '{name}'",
                               hint="sửa tên hoặc mã cho đúng danh mục", **where))
        elif date == catalogue.CURRENT or match_key(name) not in known_names:
            if date == catalogue.LEGACY and not _covered(listed, row):
                continue  # the shipped legacy list covers three districts only
            succ = _successor_text(name=name) if date == catalogue.CURRENT else ""
            out.append(Problem(f"mã {code} ({name}) không có trong danh mục {date}",
                               hint=(f"'{name}' là đơn vị trước 1/7/2025, nay thuộc {succ}" if succ else
                                     "kiểm tra lại mã theo danh mục của năm đợt kiểm tra"), **where))
    return out


def _covered(listed: dict, row: dict) -> bool:
    """Whether the legacy list covers this row's district (it ships three of Hà Tĩnh)."""
    district = match_key(row.get("district", ""))
    return bool(district) and any(match_key(u.district) == district for u in listed.values())


def check_findings(root: Path, date: str) -> list[Problem]:
    """Hints for findings naming a pre-2025 unit in a 2025 workspace (`Sơn Long` → its commune)."""
    if date != catalogue.CURRENT:
        return []
    path = root / "data" / "findings.csv"
    names = {match_key(r.get("name", "")) for r in _rows(root / "data" / "communes.csv")}
    codes = {r.get("code", "") for r in _rows(root / "data" / "communes.csv")}
    out = []
    for n, row in enumerate(_rows(path), start=2):
        value = row.get("commune", "")
        if not value or value in codes or match_key(value) in names:
            continue
        succ = _successor_text(code=value) if value.isdigit() else _successor_text(name=value)
        if succ:
            out.append(Problem(f"'{value}' là đơn vị trước 1/7/2025, không có trong danh mục {catalogue.CURRENT}",
                               file=str(path), row=n, column="commune", hint=f"nay thuộc {succ}"))
    return out


def unit_warnings(root: Path, date: str) -> list[Problem]:
    """`date`: the workspace's unit list (Config.units, from cchc.toml)."""
    return check_communes(root, date) + check_findings(root, date)


def other_list_hint(code: str) -> str:
    """`mã 18178 là xã Sơn Châu của danh mục trước 1/7/2025, nay thuộc xã Tứ Mỹ (18202)`, or ""."""
    old = catalogue.legacy_communes().get(code)
    if old is None:
        return ""
    succ = _successor_text(code=code)
    return (f"mã {code} là {old.title} của danh mục trước 1/7/2025"
            + (f", nay thuộc {succ}" if succ else ""))
