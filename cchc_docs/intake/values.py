"""A status and a date as communes write them in a return."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from ..statuses import IN_PROGRESS, NOT_REMEDIED, REMEDIED, STATUSES
from ..vn import fold_header, nfc, parse_date
from ..vn.text import strip_diacritics

BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
STATUS_WORDS = {
    REMEDIED: ("dakhacphuc", "dakp", "dakhacphucxong"),
    IN_PROGRESS: ("dangkhacphuc", "dangkp"),
    NOT_REMEDIED: ("chuakhacphuc", "chuakp"),
}
_STATUS_BY_FOLD = {w: s for s, words in STATUS_WORDS.items() for w in words}
TICKS = {"x", "v", "✓", "✔", "☑", "☒", "co", "1", "+"}
ALLOWED_HINT = f"ghi một trong: {', '.join(STATUSES)}"

_VN_LONG_DATE = re.compile(r"^ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})$")
_SHORT_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2})$")


def parse_vn_date(value: object) -> dt.date | None:
    """A date as communes write it: a real date, `15/8/2024`, `2024-08-15`, `15.8.2024`,
    `ngày 15/8/2024`, `ngày 15 tháng 8 năm 2024`. None when blank; ValueError otherwise."""
    if isinstance(value, (dt.date, dt.datetime)) or value is None:
        return parse_date(value)
    text = nfc(value)
    plain = strip_diacritics(text).lower().rstrip(".")
    m = _VN_LONG_DATE.match(plain)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    plain = re.sub(r"^ngay\s*", "", plain)
    try:
        m = _SHORT_YEAR.match(plain)  # `20/8/24`, as a hurried clerk writes it
        return dt.date(2000 + int(m[3]), int(m[2]), int(m[1])) if m else parse_date(plain)
    except ValueError:
        raise ValueError(text) from None


def parse_status(raw_status: object) -> tuple[str | None, str | None, str | None]:
    """(status, problem, hint). A blank, unknown or ambiguous value has no status."""
    text = nfc(raw_status if raw_status is not None else "")
    if not text:
        return None, "bỏ trống tình trạng", ALLOWED_HINT
    folded = fold_header(BRACKETS.sub(" ", text))
    status = _STATUS_BY_FOLD.get(folded)
    if status:
        return status, None, None
    if folded in TICKS or text in TICKS:
        return None, f"'{text}' ở cột tình trạng không cho biết là tình trạng nào", ALLOWED_HINT
    near = difflib.get_close_matches(folded, list(_STATUS_BY_FOLD), n=1, cutoff=0.75)
    hint = f"có phải '{_STATUS_BY_FOLD[near[0]]}'? Ghi một trong: {', '.join(STATUSES)}" if near else ALLOWED_HINT
    return None, f"tình trạng '{text}' không hợp lệ", hint


def tick_status(cells: dict) -> tuple[str | None, str | None, str | None]:
    """(status, problem, hint) from a row's tick columns (`tick:<status>` roles)."""
    ticked = [role[5:] for role, v in cells.items()
              if role.startswith("tick:") and nfc(v) and fold_header(v) not in ("khong", "0")]
    if len(ticked) == 1:
        return ticked[0], None, None
    hint = "đánh dấu x vào đúng một cột tình trạng"
    if not ticked:
        return None, "không đánh dấu tình trạng nào", hint
    return None, f"đánh dấu nhiều tình trạng cùng lúc ({', '.join(ticked)})", hint
