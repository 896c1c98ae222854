"""A returned Word form: a paragraph `Mã đơn vị: 18205` (optionally `Ngày báo cáo: …`) and a
table with `Mã` (indicator code) … `Tình trạng`, perhaps split into one tick column per status."""

from __future__ import annotations

import re

from ..ooxml.ns import W
from ..ooxml.safety import parse_xml, read_member
from ..ooxml.tables import grid_rows, paragraph_text
from ..vn import fold_header, nfc
from .layout import LABEL_CODE, LABEL_DATE, find_header, no_table, role_of
from .model import FileRefused, RawReturn, RawRow

MAX_TABLE_ROWS = 5000
_DOCUMENT = "word/document.xml"


def read_docx(zf, name: str, mtime: float) -> RawReturn:
    root = parse_xml(read_member(zf, zf.getinfo(_DOCUMENT)), _DOCUMENT)
    body = root.find(f"{W}body")
    if body is None:
        raise FileRefused("văn bản Word không có nội dung")
    code, reported, agency = _labels(body)
    for tbl in body.iter(f"{W}tbl"):
        grid = _grid(tbl)
        header_row, roles = find_header(
            (k, {c: v for c, v in enumerate(cells)}) for k, cells in enumerate(grid[:4], start=1))
        if header_row is None:
            continue
        return _docx_return(grid, header_row, roles, name, mtime, code, reported, agency)
    if code:
        # The form of a commune with no shortfall has no table: a valid, empty return.
        # (A commune that does have shortfalls and deleted the table is then told that
        # each of them is missing, which says more than "no table".)
        return RawReturn(name=name, kind="docx", mtime=mtime, code=code, reported=reported,
                         commune_name=agency)
    return no_table(name, mtime, "docx")


# The date line of the returned report: `Kim Hoa, ngày 05 tháng 9 năm 2024`.
# Only a paragraph that is a date line (`<địa danh>, ngày …`), not a date cited in the body.
_DATE_LINE = re.compile(r"^[^,]{1,60},\s*(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})\.?$", re.I)
# The issuing agency in the header: `ỦY BAN NHÂN DÂN XÃ KIM HOA`, `UBND PHƯỜNG ...`.
_AGENCY = re.compile(r"^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+((?:xã|phường|thị trấn|đặc khu)\s+.+)$", re.I)


def _labels(body):
    """`Mã đơn vị: …` and `Ngày báo cáo: …` wherever the commune left them; else the
    date of the report's own date line. Plus the commune the header names."""
    code, reported, date_line, agency = "", None, None, ""
    for p in body.iter(f"{W}p"):
        text = nfc(paragraph_text(p))
        if date_line is None and (m := _DATE_LINE.match(text)):
            date_line = m.group(1)
        if not agency and len(text) <= 80 and (m := _AGENCY.match(text)):  # a header, not a sentence
            agency = m.group(1)
        head, sep, tail = text.partition(":")
        if not sep or not tail.strip():
            continue
        label = fold_header(head)
        if label in LABEL_CODE and not code:
            code = nfc(tail)
        elif label in LABEL_DATE and reported is None:
            reported = nfc(tail)
    return code, (reported if reported is not None else date_line), agency


def _grid(tbl) -> list[list[str]]:
    grid: list[list[str]] = []
    for row in grid_rows(tbl, clean=nfc):
        grid.append(row)
        if len(grid) > MAX_TABLE_ROWS:
            raise FileRefused("bảng quá lớn cho một phiếu báo cáo")
    return grid


def _docx_return(grid, header_row, roles, name, mtime, code, reported, agency="") -> RawReturn:
    header = grid[header_row - 1]
    start = header_row
    # A second header row of tick columns under a merged `Tình trạng` heading.
    if start < len(grid):
        ticks = {c: r for c, v in enumerate(grid[start]) if (r := role_of(v)) and r.startswith("tick:")}
        # Two or more status names side by side: headings, not a data row's status.
        if len(set(ticks.values())) >= 2:
            roles = {c: r for c, r in roles.items() if r != "status"} | ticks
            start += 1
    labels = {role: nfc(grid[header_row - 1][c]) if not role.startswith("tick:") else role[5:]
              for c, role in roles.items()}
    rows = []
    for k in range(start, len(grid)):
        cells = grid[k]
        if [cells[c] for c in range(min(len(cells), len(header)))] == header:
            continue  # a header row Word repeated after a page break inside the table
        values = {role: (cells[c] if c < len(cells) else "") for c, role in roles.items()}
        rows.append(RawRow(k + 1, values, dict(labels)))
    return RawReturn(name=name, kind="docx", mtime=mtime, code=code, code_where=(None, None),
                     commune_name=agency, reported=reported, rows=tuple(rows))
