"""Vietnamese specifics, pure functions with no I/O: text, dates, numbers, unit types."""

from .dates import format_date_line, format_date_short, parse_date
from .numbers import format_count, format_decimal, format_percent, parse_value
from .text import collation_key, fold_header, match_key, nfc, slugify, vn_sorted
from .units import UNIT_TYPES, normalize_unit_type, plural_label

__all__ = [
    "UNIT_TYPES",
    "collation_key",
    "fold_header",
    "format_count",
    "format_date_line",
    "format_date_short",
    "format_decimal",
    "format_percent",
    "match_key",
    "nfc",
    "normalize_unit_type",
    "parse_date",
    "parse_value",
    "plural_label",
    "slugify",
    "vn_sorted",
]
