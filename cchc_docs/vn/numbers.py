"""Numbers as a Vietnamese document writes them: decimal comma, `%` always present."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

FLAG_WORDS = {"x", "có", "co", "yes", "y", "true", "✓"}
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")


def parse_value(value: object) -> tuple[Decimal | None, bool]:
    """Parse a cell: (number, written_as_percent). A flag (`x`, `có`) or blank gives None.

    `15,58%`, `15.58` and `15,58` are all 15.58. Thousands separators are not accepted:
    a count of dossiers never needs one, and `1.234` would be ambiguous.
    Raises ValueError for text that is neither a number nor a flag.
    """
    if value is None:
        return None, False
    if isinstance(value, bool):
        return None, False
    if isinstance(value, (int, float, Decimal)):
        if value != value:  # NaN: an empty spreadsheet cell
            return None, False
        return Decimal(str(value)), False
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not text or text.lower() in {"nan", "none"}:
        return None, False
    if text.lower() in FLAG_WORDS:
        return None, False
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    if not _NUMBER.match(text):
        raise ValueError(f"'{value}' không phải là số")
    try:
        return Decimal(text.replace(",", ".")), percent
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise ValueError(f"'{value}' không phải là số") from exc


def format_decimal(value: Decimal | float | int, places: int = 2) -> str:
    """`15.58` → `15,58`; `75.0` → `75`; at most `places` decimals, no trailing zeros."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    text = format(q, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_percent(value: Decimal | float | int) -> str:
    return format_decimal(value) + "%"


def format_count(value: Decimal | float | int) -> str:
    """Counts below 10 take a leading zero, as in `05 hồ sơ`, consistently."""
    n = int(Decimal(str(value)))
    return f"{n:02d}" if 0 <= n < 10 else str(n)
