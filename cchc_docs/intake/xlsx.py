"""A returned Excel form: sheet `Phieu` (or the first), B2 the commune code, B3 its name,
a header row with `Mã dòng` … `Tình trạng`, `Ngày hoàn thành`, one row per shortfall."""

from __future__ import annotations

from ..ooxml import sheet
from ..ooxml.safety import parse_xml
from ..vn import fold_header, nfc
from .layout import HEADER_SCAN_ROWS, LABEL_CODE, LABEL_DATE, find_header, labelled, no_table
from .model import FileRefused, RawReturn, RawRow

MAX_CELLS = 200_000


def read_xlsx(zf, name: str, mtime: float) -> RawReturn:
    sheets, epoch = sheet.sheets(zf)
    path = _pick_sheet_path(sheets)
    sheet_xml = sheet.part(zf, path)
    if sheet_xml is None:
        raise FileRefused("bảng tính thiếu trang tính")
    shared = sheet.shared_strings(zf)
    date_styles = sheet.date_styles(zf)
    root = parse_xml(sheet_xml, path)
    cells: dict[tuple[int, int], object] = {}
    for r, c, value in sheet.cells(root, shared, date_styles, epoch):
        if len(cells) >= MAX_CELLS:
            raise FileRefused("trang tính quá lớn cho một phiếu báo cáo")
        if value not in (None, ""):
            cells[(r, c)] = value
    return _xlsx_return(cells, sheet.merged_ranges(root), name, mtime)


def _pick_sheet_path(sheets) -> str:
    if not sheets:
        raise FileRefused("bảng tính không có trang tính nào")
    # The contract puts the form on the first sheet, `Phieu`; a clerk may add sheets before it.
    _, path = next((s for s in sheets if fold_header(s[0]) == "phieu"), sheets[0])
    if not path:
        raise FileRefused("bảng tính thiếu trang tính")
    return path


def _xlsx_return(cells, merges, name, mtime) -> RawReturn:
    # A merged range shows its top-left value in every cell it covers, as Excel displays it.
    for r1, c1, r2, c2 in merges:
        if (r2 - r1 + 1) * (c2 - c1 + 1) > 10_000:
            continue
        top = cells.get((r1, c1))
        if top is None:
            continue
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                cells.setdefault((r, c), top)
    by_row: dict[int, dict[int, object]] = {}
    for (r, c), v in cells.items():
        by_row.setdefault(r, {})[c] = v
    header_row, roles = find_header(
        (r, by_row[r]) for r in sorted(by_row) if r <= HEADER_SCAN_ROWS)
    if header_row is None:
        return no_table(name, mtime, "xlsx")
    labels = {role: f"{sheet.col_letters(c)} ({nfc(by_row[header_row][c])})" for c, role in roles.items()}
    above = [(r, by_row[r]) for r in sorted(by_row) if r < header_row]
    code, code_where = labelled(above, LABEL_CODE, excel=True)
    if not code:
        code, code_where = nfc(by_row.get(2, {}).get(2, "")), (2, "B")
    reported, _ = labelled(above, LABEL_DATE, excel=True, raw=True)
    name_cell = nfc(by_row.get(3, {}).get(2, ""))
    rows = []
    for r in sorted(by_row):
        if r <= header_row:
            continue
        values = {role: by_row[r].get(c) for c, role in roles.items()}
        rows.append(RawRow(r, values, labels))
    return RawReturn(name=name, kind="xlsx", mtime=mtime, code=code, code_where=code_where,
                     commune_name=name_cell, reported=reported, rows=tuple(rows))
