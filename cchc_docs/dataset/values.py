"""A figure of the findings table (or an indicator's target) checked against its kind.

Rules (README, "Data contract"):
* flag (có/không): `x`, `có`, `1`, Excel TRUE mean a shortfall; blank, `không`, `0`, `-`,
  Excel FALSE mean none. Anything else is refused.
* count: a whole number, never fractional (`1,5` is refused, and so is `1,234`, with a
  hint that one thousand two hundred thirty-four is written `1.234` or `1234`); `-` and
  `không` mean none (0, never a shortfall, even for an indicator without a target); a
  percent is refused.
* percent: `15,58%`, `15,58 %`, `15,58`, or an Excel percent cell (0.1558 shown as 15,58%);
  between 0 and 100; `-` is refused (no rate is not a rate of 0). A value between 0 and 1
  without `%` (`0,1558`, or a General-format Excel cell) is refused as ambiguous: Excel
  stores 15,58% as 0,1558, so it may be either.
* every number follows `vn.numbers.parse_number`; negative numbers and dates are refused.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..vn import fold_header
from ..vn.numbers import FLAG_WORDS, NumberError, parse_number
from .read import ExcelBool, Number

_EN_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
NONE_WORDS = {"khong", "no", "0", "", "k"}
_DASHES = {"-", "–", "—"}


def is_none_word(cell) -> bool:
    """`-` or `không` written for a figure: there is none."""
    if isinstance(cell, Number) or hasattr(cell, "isoformat") or cell is None:
        return False
    text = str(cell).strip()
    return text in _DASHES or fold_header(text) == "khong"


def _number(kind: str, cell) -> tuple[Decimal | None, str | None]:
    """(value, problem) for a count or percent cell; value None with no problem = `-`."""
    if isinstance(cell, Number):
        if cell.percent and kind == "count":
            return None, (f"ô định dạng phần trăm ({cell}) nhưng chỉ tiêu là số lượng: "
                          f"bỏ định dạng % của ô và ghi số nguyên")
        value, written_percent = cell.value, cell.percent
    elif hasattr(cell, "isoformat"):
        return None, f"ô là ngày ({cell:%d/%m/%Y}), không phải số: định dạng lại ô thành số"
    elif isinstance(cell, ExcelBool):
        return None, f"ô là giá trị {cell.excel} (đúng/sai) của Excel, không phải số: ghi số vào ô"
    else:
        text = str(cell).strip()
        if is_none_word(text):
            return None, None
        try:
            value, percent = parse_number(text)
        except NumberError as exc:
            return None, str(exc)
        written_percent = percent
        if kind == "count" and _EN_THOUSANDS.match(text):
            # `2,000` is 2 to a Vietnamese reader and two thousand to Excel in English (and
            # to LibreOffice's CSV export of a `#,##0` cell): a count is never written with
            # three decimals, so it is a thousands comma, or a typo. Never a guess.
            head, whole = text.split(",")[0], text.replace(",", "")
            return None, (f"'{text}' không rõ là {head} hay {whole} (Excel tiếng Anh dùng dấu phẩy "
                          f"tách hàng nghìn): ghi {head}, hoặc {whole} (hay {format_thousands(whole)})")
        if percent and kind == "count":
            return None, f"'{text}' là tỷ lệ phần trăm nhưng chỉ tiêu là số lượng: ghi số nguyên"
    if value < 0:
        return None, f"số liệu âm ({cell}) không hợp lệ"
    if kind == "count" and value != value.to_integral_value():
        return None, (f"'{cell}' không phải số nguyên: số lượng không thể có phần lẻ "
                      f"(dấu phẩy là dấu thập phân; một nghìn viết 1.000 hoặc 1000)")
    if kind == "percent" and value > 100:
        return None, f"tỷ lệ {cell} lớn hơn 100%"
    if kind == "percent" and 0 < value < 1 and not written_percent:
        return None, (f"'{cell}' không rõ là {cell}% hay {_times_100(value)}% (Excel lưu 15,58% là "
                      f"0,1558): ghi kèm dấu %, hoặc định dạng ô thành Percent (%)")
    return value, None


def format_thousands(digits: str) -> str:
    """`2000` → `2.000`, as a Vietnamese document groups thousands."""
    return f"{int(digits):,}".replace(",", ".")


def _times_100(value: Decimal) -> str:
    from ..vn.numbers import format_decimal

    return format_decimal(value * 100, 10)


def parse_figure(kind: str, code: str, unit: str, cell):
    """(value, is_shortfall, problem). For counts and percents is_shortfall is left to
    the indicator's target; for flags it is the flag itself."""
    if kind == "flag":
        return _flag(cell)
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, False, "thiếu số liệu"
    value, problem = _number(kind, cell)
    if problem:
        return None, False, f"{problem} (chỉ tiêu '{code}')"
    if value is None:
        if kind == "count":
            return Decimal(0), False, None
        return None, False, (f"'{cell}' không phải là tỷ lệ: ghi tỷ lệ thật (0% nếu đúng là không) "
                             f"(chỉ tiêu '{code}')")
    return value, False, None


def _flag(cell):
    if isinstance(cell, Number):
        if cell.value == 0 and not cell.percent:
            return None, False, None
        if cell.value == 1 and not cell.percent:
            return None, True, None
    else:
        text = str(cell or "").strip()
        if fold_header(text) in NONE_WORDS or text in _DASHES:
            return None, False, None
        if text.lower() in FLAG_WORDS or text == "1":
            return None, True, None
    return None, False, f"'{cell}' không hợp lệ cho chỉ tiêu có/không: ghi 'x' (có tồn tại) hoặc để trống / 'không'"


def parse_target(kind: str, cell) -> tuple[Decimal | None, str | None]:
    if kind == "flag":
        return None, None
    value, problem = _number(kind, cell)
    return value, problem
