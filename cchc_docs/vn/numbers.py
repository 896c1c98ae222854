"""Numbers as a Vietnamese document writes them: decimal comma, `.` or a space between
thousands, `%` always present.

Reading rules (`parse_number`), the same for every column that holds a figure:

* `,` is the decimal separator: `15,58` is fifteen point five eight.
* `.` and a space (also a no-break or narrow no-break space) separate thousands, and only
  in groups of exactly three digits: `1.000` and `1 000` are one thousand, `1.234.567`
  and `1.234,5` are what they look like to a Vietnamese reader.
* Anything else with a `.` is refused as ambiguous, never guessed: `1.5`, `15.58` (an
  English decimal point?), `1,234.5` (English style), `1.23.4`.
* A trailing `%`, with or without a space before it (`15,58%`, `15,58 %`), marks a
  percentage; a leading `-` or `+` a sign (callers refuse negative figures).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

FLAG_WORDS = {"x", "có", "co", "yes", "y", "true", "✓", "✔"}
_SPACE_CHARS = "\u0020\u00a0\u202f\u2009"
_GROUPED = re.compile(r"^\d{1,3}([.](\d{3}))+(,\d+)?$")  # 1.000  1.234.567  1.234,5
_SPACED = re.compile(r"^\d{1,3}( \d{3})+(,\d+)?$")  # 1 000  1 234,5
_PLAIN = re.compile(r"^(\d+(,\d+)?|,\d+)$")  # 15  15,58  ,5


class NumberError(ValueError):
    """Text that is not a number by the rules above; the message says why, in Vietnamese."""


def parse_number(value: object) -> tuple[Decimal, bool]:
    """(number, written_with_percent) from text typed by a Vietnamese clerk; NumberError else."""
    raw = str(value)
    text = raw.strip(_SPACE_CHARS + "\t")
    for ch in _SPACE_CHARS[1:]:
        text = text.replace(ch, " ")
    percent = text.endswith("%")
    if percent:
        text = text[:-1].rstrip()
    sign = ""
    if text[:1] in "+-":
        sign, text = text[0].replace("+", ""), text[1:].lstrip()
    if not text:
        raise NumberError(f"'{raw}' không phải là số")
    if _PLAIN.match(text):
        number = text.replace(",", ".")
    elif _GROUPED.match(text):
        number = text.replace(".", "").replace(",", ".")
    elif _SPACED.match(text):
        number = text.replace(" ", "").replace(",", ".")
    elif re.fullmatch(r"[\d.,  ]+", text):
        raise NumberError(
            f"'{raw}' không rõ là số nào: dấu chấm (hoặc dấu cách) chỉ dùng để tách hàng nghìn "
            f"theo nhóm ba chữ số, dấu phẩy là dấu thập phân "
            f"(viết 15,58 cho mười lăm phẩy năm tám; 1.000 cho một nghìn)")
    else:
        raise NumberError(f"'{raw}' không phải là số")
    try:
        return Decimal(sign + number), percent
    except InvalidOperation:  # pragma: no cover - the patterns already guard
        raise NumberError(f"'{raw}' không phải là số") from None


def parse_value(value: object) -> tuple[Decimal | None, bool]:
    """A cell: (number, written_as_percent); a flag word (`x`, `có`) or a blank gives None.
    Numbers follow `parse_number`; a real number (int, float, Decimal) is taken as is."""
    if value is None or isinstance(value, bool):
        return None, False
    if isinstance(value, (int, float, Decimal)):
        if value != value:  # NaN: an empty spreadsheet cell
            return None, False
        return Decimal(repr(value) if isinstance(value, float) else str(value)), False
    text = str(value).strip()
    if not text or text.lower() in FLAG_WORDS:
        return None, False
    return parse_number(text)


def format_decimal(value: Decimal | float | int, places: int = 2) -> str:
    """`15.58` → `15,58`; `75.0` → `75`; at most `places` decimals, no trailing zeros."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    text = format(q, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_percent(value: Decimal | float | int) -> str:
    """A computed rate (a report's share): two decimals at most."""
    return format_decimal(value) + "%"


def format_typed_percent(value: Decimal) -> str:
    """A rate a clerk typed, with every decimal typed (`15,585%` stays 15,585%, never 15,58%:
    rounded, 79,996% would be printed as a shortfall of "80%" against a target of 80%)."""
    return format_decimal(value, 10) + "%"


def format_count(value: Decimal | float | int) -> str:
    """Counts below 10 take a leading zero, as in `05 hồ sơ`, consistently."""
    n = int(Decimal(str(value)))
    return f"{n:02d}" if 0 <= n < 10 else str(n)
