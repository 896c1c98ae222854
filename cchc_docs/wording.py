"""Decree 30 phrases every document shares: the number, the date line, the lists of Kính
gửi and Nơi nhận, the subject of the remediation exchange. One definition each, used by
the letter, the forms, the report and the register."""

from __future__ import annotations

import datetime as dt

from .vn import format_date_line, match_key

DRAFT_BLANK = "     "  # the room a clerk leaves for the number: `Số:      /UBND-NV`


def number_text(number: int | None) -> str:
    """Decree 30: numbers below 10 are written with a leading zero (`05`); None is a draft."""
    return DRAFT_BLANK if number is None else f"{number:02d}"


def date_line(place: str, date: dt.date | None, year: int) -> str:
    """`Hương Sơn, ngày 05 tháng 7 năm 2024` (blank day and month in a draft)."""
    return f"{place}, {format_date_line(date, year)}"


def list_lines(items: list[str], first_dash=True) -> list[str]:
    """`- a;` … `- z.`: the punctuation of Kính gửi and Nơi nhận lists."""
    out = []
    for k, item in enumerate(items):
        item = item.rstrip(";.")
        end = "." if k == len(items) - 1 else ";"
        out.append(f"- {item}{end}" if first_dash else f"{item}{end}")
    return out


def noi_nhan(copies, keeper: str, skip: str = "") -> list[str]:
    """Nơi nhận: `- Như trên;`, each copy, `- Lưu: VT, <keeper>.` (the văn thư and the
    drafting office keep one copy each). A copy naming `skip` (the addressee, who already
    receives the document) is left out rather than listed twice."""
    skip_key = match_key(skip) if skip else None
    others = [c.rstrip(";.") for c in copies
              if not (skip_key and skip_key.startswith(match_key(c.split("(")[0])))]
    return ["- Như trên;"] + [f"- {c};" for c in others] + [f"- Lưu: VT, {keeper}."]


def remediation_subject(period: str) -> str:
    """Trích yếu of the communes' forms and of the consolidated report."""
    return f"Kết quả khắc phục tồn tại, hạn chế trong thực hiện CCHC {period}"
