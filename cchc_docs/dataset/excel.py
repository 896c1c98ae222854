"""Excel tables for the data reader: each visible sheet as rows of cells as typed.

A cell keeps what its number format says (a `%` cell is a percentage), a formula gives
the result Excel saved (none saved: an error naming the cell), an error cell is an error,
merged cells count once per row (filled down, never across), hidden rows and columns are
marked so that the reader can refuse them. Limits come first: the package goes through
ooxml.safety before openpyxl inflates anything.
"""

from __future__ import annotations

import io
import re
from decimal import ROUND_HALF_UP, Context, Decimal

from ..errors import InputError, Problem
from .read import ExcelBool, Number, _blank

MAX_SHEET_BYTES = 16 * 1024 * 1024  # of sheet XML: some 100 000 cells, far beyond a district
_EXCEL = Context(prec=15)


def xlsx_grids(data: bytes, name: str):
    """({sheet: [(row number, cells)]} of the visible sheets, problems, the same of the
    hidden ones), merged cells filled."""
    from ..ooxml.safety import PackageError, read_members

    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise InputError(Problem(
            "tệp là Excel cũ (.xls) được đổi đuôi thành .xlsx, hoặc bị đặt mật khẩu", file=name,
            hint="mở bằng Excel, bỏ mật khẩu nếu có, Lưu thành > Excel Workbook (.xlsx)"))
    try:
        parts = read_members(data)  # the one set of zip limits, before openpyxl inflates anything
    except PackageError as exc:
        raise InputError(Problem(f"tệp Excel bị từ chối: {exc}", file=name,
                                 hint="tệp không phải bảng số liệu bình thường; mở bằng Excel, lưu lại "
                                      "thành .xlsx rồi chạy lại")) from None
    if "xl/vbaProject.bin" in parts:
        raise InputError(Problem("tệp Excel có macro: không mở vì lý do an toàn", file=name,
                                 hint="lưu lại thành .xlsx (Excel Workbook) không có macro"))
    big = [p for p, b in parts.items() if p.startswith("xl/worksheets/") and len(b) > MAX_SHEET_BYTES]
    if big:
        raise InputError(Problem(
            f"trang tính {big[0]} quá lớn ({len(parts[big[0]]) // (1024 * 1024)} MB) cho một bảng dữ liệu",
            file=name, hint="bảng số liệu của các xã chỉ vài trăm dòng; kiểm tra lại tệp"))
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl's English warnings (unsupported extensions...) say nothing to a clerk.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
            # The cached results are a second read, needed only when there are formulas.
            formulas = any(b"<f" in b for p, b in parts.items() if p.startswith("xl/worksheets/"))
            cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True) if formulas else book
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise InputError(Problem("tệp Excel hỏng, không đọc được", file=name,
                                 hint="mở tệp bằng Excel, lưu lại thành .xlsx rồi chạy lại")) from None
    grids, problems = {}, []
    hidden = {}
    for ws in book.worksheets:
        target = grids if ws.sheet_state == "visible" else hidden
        target[ws.title] = _sheet_grid(ws, cached[ws.title], name, problems)

    if not grids:
        raise InputError(Problem("tệp Excel không có trang tính nào đang hiện", file=name))
    return grids, problems, hidden


class _Grid(list):
    """A sheet's rows, and which columns Excel hides."""

    hidden_columns: set = set()


def openpyxl_index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letter)


def _sheet_grid(ws, values, name, problems):
    # Only the cells the file holds are visited: openpyxl's iter_rows pads every row out to
    # the sheet's last column and every column down to its last row, so one formatted empty
    # cell at XFD1048576 (a clerk formatting whole rows and columns) would mean 17 billion
    # cells. Empty cells (style only) are not data.
    present: dict[int, dict[int, object]] = {}
    for (r, c), cell in ws._cells.items():  # noqa: SLF001 - the cells the sheet really has
        if cell.value is not None:
            present.setdefault(r, {})[c] = cell
    # A merged cell counts once per row: filled down (a commune's name merged over its
    # indicator rows belongs to each), never across (a header merged over two columns is
    # one column, not a duplicated one). Only rows that hold data of their own are filled:
    # a merge reaching past the table adds no rows.
    fill = {}
    for rng in ws.merged_cells.ranges:
        top = ws._cells.get((rng.min_row, rng.min_col))  # noqa: SLF001
        if top is None or top.value is None:
            continue
        for r in [r for r in present if rng.min_row < r <= rng.max_row]:
            fill[(r, rng.min_col)] = top
    grid = _Grid()
    grid.hidden_columns = {
        openpyxl_index(letter) - 1 for letter, dim in ws.column_dimensions.items() if dim.hidden}
    for letter, dim in ws.column_dimensions.items():
        if dim.hidden and dim.min and dim.max:  # one <col> element may hide a range
            grid.hidden_columns |= set(range(dim.min - 1, min(dim.max, 16384)))
    for r in sorted(present):
        cells = present[r]
        width = max(max(cells), max((c for (fr, c) in fill if fr == r), default=0))
        row = []
        for c in range(1, width + 1):
            if (r, c) in fill:
                row.append(_cell(fill[(r, c)], values, ws.title))
            elif c in cells:
                row.append(_cell(cells[c], values, ws.title))
            else:
                row.append("")
        if ws.row_dimensions[r].hidden and any(not _blank(c) for c in row):
            row = [Problem("dòng đang bị ẩn trong Excel: không đọc dòng ẩn vì không ai kiểm tra được "
                           "số liệu trên đó",
                           hint="hiện lại dòng (Unhide) hoặc bỏ lọc; nếu không dùng thì xóa hẳn dòng")
                   for _ in row]
        grid.append((r, row))
    return grid


def _cell(cell, values, sheet):
    ref = cell.coordinate
    kind, value, fmt = cell.data_type, cell.value, cell.number_format or ""
    formula = kind == "f"
    if formula:
        shown = values[ref]
        if shown.value is None:
            return Problem(f"ô {ref} có công thức ({value}) nhưng tệp không lưu kết quả tính",
                           hint="mở tệp bằng Excel (để Excel tính lại), lưu rồi chạy lại; "
                                "hoặc thay công thức bằng giá trị")
        kind, value = shown.data_type, shown.value
    if value is None:
        return ""
    if kind == "e" or (isinstance(value, str) and value.startswith("#") and value.rstrip("!?0/").upper()
                       in {"#N/A", "#DIV", "#VALUE", "#REF", "#NAME", "#NUM", "#NULL"}):
        return Problem(f"ô {ref} có lỗi Excel {value}", hint="sửa công thức hoặc nhập giá trị thật vào ô")
    if isinstance(value, bool):
        return ExcelBool("có" if value else "không", value)
    if isinstance(value, (int, float)):
        # Excel keeps 15 significant digits: 68,09% is stored as 0.6809000000000001 by
        # some writers; rounding to 15 digits gives back exactly what the clerk typed.
        number = _EXCEL.create_decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        percent = "%" in re.sub(r'"[^"]*"|\\.', "", fmt)
        if percent:
            number *= 100
        places = _shown_places(fmt) if formula else None
        # Never to no decimals: a count =AVERAGE(...) of 12,6 shown as 13 stays 12,6 (refused).
        if places:
            # A formula's figure is its result as the sheet shows it: =A2/B2 is
            # 0.155844155844156 and the clerk reads (and checks) 15,58%. A number typed
            # is kept to every decimal typed.
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return Number(number, percent)
    if hasattr(value, "isoformat"):
        return value.date() if hasattr(value, "date") else value
    return str(value)


def _shown_places(fmt: str) -> int | None:
    """Decimals a number format shows (`0.00%` 2, `#,##0` 0); None for General."""
    first = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt.split(";")[0])
    if not re.search(r"[0#?]", first) or "general" in first.lower():
        return None
    after = re.search(r"\.([0#?]+)", first)
    return len(after.group(1)) if after else 0
