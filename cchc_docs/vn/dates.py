"""Dates written the Decree 30 way (PL I §II.4).

Days below 10 and the months January and February take a leading zero; months 3 to 12
do not: `ngày 05 tháng 01 năm 2020`, `ngày 29 tháng 6 năm 2019`.
"""

from __future__ import annotations

import datetime as dt
import re

_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?\s*$")


def _day(d: dt.date) -> str:
    return f"{d.day:02d}"


def _month(d: dt.date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def format_date_line(d: dt.date | None, year: int | None = None) -> str:
    """`ngày 05 tháng 7 năm 2024`; a draft (no date) leaves day and month blank."""
    if d is None:
        # Drafts go to signature with room for the clerk to write day and month.
        return f"ngày      tháng      năm {year if year else '     '}"
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def format_date_short(d: dt.date) -> str:
    """`30/8/2024`, `10/01/2024`: the inline form of the same rule."""
    return f"{_day(d)}/{_month(d)}/{d.year}"


def parse_date(value: object) -> dt.date | None:
    """A date from a spreadsheet cell or option: a date, `2024-08-30` or `30/8/2024`.

    Returns None for an empty value; raises ValueError for anything else that is not a date.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or text.lower() in {"nan", "nat", "none"}:
        return None
    m = _YMD.match(text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.match(text)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    raise ValueError(f"'{text}' không phải là ngày (viết 30/8/2024 hoặc 2024-08-30)")


# Vietnam keeps one zone, UTC+7, with no daylight saving: a fixed offset is exact and needs
# no tz database (Windows has none without the tzdata package).
VN_TZ = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")


def today() -> dt.date:
    """Today in Vietnam, whatever the machine's zone (a server in UTC is a day behind
    between 00:00 and 07:00 in Hà Nội)."""
    return dt.datetime.now(VN_TZ).date()


def check_issue_date(date: dt.date | None, year: int) -> str | None:
    """Why a document date cannot be right for a campaign of `year`, or None."""
    if date is None:
        return None
    if date.year < year:
        return (f"ngày ban hành {format_date_short(date)} trước năm của đợt ({year}) trong cchc.toml: "
                f"công văn về đợt năm {year} không thể ban hành trước năm đó")
    if date.year > year + 1:
        return (f"ngày ban hành {format_date_short(date)} sau năm của đợt ({year}) hơn một năm: "
                f"kiểm tra lại --date hoặc năm [campaign] year trong cchc.toml")
    return None
