"""The outgoing register as a printable book, in the layout of Decree 30 PL IV §I.

(Named book.py, not export.py: `register.export` is the public function.)

An electronic register must be printable with every field and bound (Điều 16), so the
export is made for paper: A4 landscape, the header row repeated on every page, a cover
with the agency, the year and the range of numbers and dates. Both formats are
reproducible: the same register gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from ..ooxml.ns import DCTERMS
from ..ooxml.package import package_bytes, read_parts
from ..ooxml.splice import set_texts
from ..vn import format_date_short
from ..wording import number_text

TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
# PL IV §I: at least these ten columns, in this order.
COLUMNS = (
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)


@dataclass(frozen=True)
class Book:
    agency: object  # workspace.Agency
    year: int
    entries: list  # models.Entry, ordered by series and number

    def cover_lines(self) -> list[str]:
        first = min(e.date for e in self.entries)
        last = max(e.date for e in self.entries)
        lines = [f"Năm {self.year}",
                 f"Từ ngày {format_date_short(first)} đến ngày {format_date_short(last)}"]
        by_series: dict[str, list[int]] = {}
        for e in self.entries:
            by_series.setdefault(e.series, []).append(e.number)
        for series, numbers in by_series.items():
            suffix = f" (sổ {series})" if len(by_series) > 1 else ""
            lines.append(f"Từ số {number_text(min(numbers))} đến số {number_text(max(numbers))}{suffix}")
        lines.append("Quyển số: 01")
        return lines

    def stamp(self) -> dt.datetime:
        # Document metadata from the register's own content, never from the clock.
        last = max(e.date for e in self.entries)
        return dt.datetime(last.year, last.month, last.day)


def row_values(e) -> list[str]:
    return [
        e.label,
        format_date_short(e.date),
        e.title,
        e.signer,
        "\n".join(e.recipients),
        ", ".join(e.keep_units),
        str(e.copies) if e.copies else "",
        "",  # Ngày chuyển, Ký nhận: written by hand on the printed book
        "",
        e.notes,
    ]


# ---------------------------------------------------------------- xlsx

XLSX_WIDTHS = (14, 11, 46, 18, 34, 14, 8, 11, 12, 22)  # characters


def xlsx_bytes(book: Book) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    font = Font(name="Times New Roman", size=12)
    bold = Font(name="Times New Roman", size=12, bold=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    last_col = get_column_letter(len(COLUMNS))

    def a4_landscape(ws):
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.print_options.horizontalCentered = True

    cover = wb.active
    cover.title = "Bìa"
    a4_landscape(cover)
    for k, width in enumerate(XLSX_WIDTHS, start=1):
        cover.column_dimensions[get_column_letter(k)].width = width
    lines = [(book.agency.parent.upper(), Font(name="Times New Roman", size=14)),
             (book.agency.name.upper(), Font(name="Times New Roman", size=14, bold=True)),
             ("", font), ("", font),
             (TITLE, Font(name="Times New Roman", size=24, bold=True)), ("", font)]
    lines += [(line, Font(name="Times New Roman", size=14, bold=k == 0))
              for k, line in enumerate(book.cover_lines())]
    for r, (value, f) in enumerate(lines, start=2):
        cover.merge_cells(f"A{r}:{last_col}{r}")
        cell = cover.cell(row=r, column=1, value=value or None)
        cell.font = f
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cover.row_dimensions[r].height = 36 if value == TITLE else 22

    ws = wb.create_sheet("Sổ đăng ký")
    a4_landscape(ws)
    for k, (title, width) in enumerate(zip(COLUMNS, XLSX_WIDTHS), start=1):
        ws.column_dimensions[get_column_letter(k)].width = width
        head = ws.cell(row=1, column=k, value=title)
        head.font, head.alignment, head.border = bold, centre, box
        num = ws.cell(row=2, column=k, value=f"({k})")
        num.font, num.alignment, num.border = font, centre, box
    for r, e in enumerate(book.entries, start=3):
        for k, value in enumerate(row_values(e), start=1):
            cell = ws.cell(row=r, column=k, value=value or None)
            cell.font, cell.alignment, cell.border = font, wrap, box
    # Header and column numbers on every printed page (PL IV's book is read page by page).
    ws.print_title_rows = "1:2"
    ws.freeze_panes = "A3"
    ws.oddFooter.center.text = "Trang &P/&N"
    wb.properties.creator = book.agency.name
    wb.properties.title = f"{TITLE} NĂM {book.year}"
    wb.properties.created = book.stamp()

    buf = io.BytesIO()
    wb.save(buf)
    return _reproducible(buf.getvalue(), book.stamp())


def _reproducible(data: bytes, stamp: dt.datetime) -> bytes:
    """openpyxl writes the clock into docProps/core.xml and the zip entries; pin both."""
    parts = read_parts(data, require_docx=False)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = parts.get("docProps/core.xml")
    if core is not None:
        parts["docProps/core.xml"] = set_texts(
            core, {f"{DCTERMS}created": iso, f"{DCTERMS}modified": iso}, "docProps/core.xml")
    return package_bytes(parts)


# ---------------------------------------------------------------- docx

# Landscape A4 text width with the project's margins: 16838 - 1701 - 1134 twips.
DOCX_WIDTHS = (1700, 1200, 2400, 1300, 2200, 1200, 800, 900, 800, 1503)


def docx_bytes(book: Book) -> bytes:
    from ..ooxml import wordml as ox
    from ..ooxml import skeleton

    def cell_paras(value: str, **fmt) -> str:
        lines = value.split("\n") if value else [""]
        return "".join(ox.text_para(line, sz=24, **fmt) for line in lines)

    blocks = []
    if book.agency.parent:
        blocks.append(ox.text_para(book.agency.parent.upper(), sz=28, jc="center"))
    blocks.append(ox.text_para(book.agency.name.upper(), b=True, sz=28, jc="center"))
    blocks.append(ox.text_para(TITLE, b=True, sz=44, jc="center", before=2400, after=480))
    for k, line in enumerate(book.cover_lines()):
        blocks.append(ox.text_para(line, b=k == 0, sz=28, jc="center", before=120))
    blocks.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    header = [ox.cell(cell_paras(t, b=True, jc="center"), w) for t, w in zip(COLUMNS, DOCX_WIDTHS)]
    numbers = [ox.cell(cell_paras(f"({k})", jc="center"), w) for k, w in enumerate(DOCX_WIDTHS, start=1)]
    rows = [header, numbers]
    for e in book.entries:
        rows.append([ox.cell(cell_paras(v), w) for v, w in zip(row_values(e), DOCX_WIDTHS)])
    # header_rows=2 marks both rows w:tblHeader: Word repeats them on every page.
    blocks.append(ox.table(rows, list(DOCX_WIDTHS), borders=True, header_rows=2))
    xml = ox.document(blocks, ox.sect_pr(landscape=True))
    parts = skeleton.parts(xml)
    parts["docProps/core.xml"] = skeleton.core_xml(
        title=f"{TITLE} NĂM {book.year}", creator=book.agency.name,
        stamp=book.stamp().strftime("%Y-%m-%dT%H:%M:%SZ")).encode()
    return package_bytes(parts)
