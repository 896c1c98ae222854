"""The Excel sheet of a commune's form: the same rows as the Word form, ready to fill.

Contract with the returns reader (cchc_docs/intake/): first sheet `Phieu`; B2 the
commune code (text), B3 its name, B4 the period, B5 `Ngày báo cáo`; headers on row 6;
rows from row 7, numbered in column A (TT) for people, with the row key in the hidden
column H (`Mã dòng`, #16: the commune never sees internal slugs). Key columns are locked,
the status is a drop-down of the three allowed values, the completion date a real date.
"""

from __future__ import annotations

import datetime as dt
import io

from .package import package_bytes, read_parts

SHEET = "Phieu"
HEADER_ROW = 6
HEADERS = ("TT", "Tồn tại, hạn chế", "Số liệu", "Kết quả khắc phục", "Tình trạng",
           "Ngày hoàn thành", "Ghi chú", "Mã dòng")
WIDTHS = (13, 48, 26, 40, 18, 16, 24, 22)
KEY_COLUMN = "H"


def workbook_bytes(commune_code: str, commune_title: str, period: str, rows, statuses,
                   stamp: dt.datetime) -> bytes:
    """One commune's sheet as .xlsx bytes; identical inputs give identical bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(name="Times New Roman", bold=True)
    plain = Font(name="Times New Roman")
    wrap = Alignment(wrap_text=True, vertical="top")
    ws["A1"] = f"PHIẾU BÁO CÁO KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ - {commune_title.upper()}"
    ws["A1"].font = bold
    for row, (label, value) in enumerate((("Mã đơn vị", commune_code), ("Tên đơn vị", commune_title),
                                          ("Đợt", period), ("Ngày báo cáo", None)), start=2):
        ws.cell(row, 1, label).font = bold
        cell = ws.cell(row, 2, value)
        cell.number_format = "@" if row < 5 else "dd/mm/yyyy"
    ws["B5"].protection = Protection(locked=False)
    for col, (title, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
        cell = ws.cell(HEADER_ROW, col, title)
        cell.font, cell.alignment = bold, Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[cell.column_letter].width = width
    last = HEADER_ROW + max(len(rows), 1)
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        values = (str(r - HEADER_ROW), row.name, row.figure, None, None, None, row.note, row.key)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col, value)
            cell.font, cell.alignment = plain, wrap
            if 4 <= col <= 7:
                cell.protection = Protection(locked=False)
        ws.cell(r, 6).number_format = "dd/mm/yyyy"
    if rows:
        status = DataValidation(type="list", formula1='"' + ",".join(statuses) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Tình trạng",
                                error="Chọn: " + ", ".join(statuses))
        status.add(f"E{HEADER_ROW + 1}:E{last}")
        dates = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                               showErrorMessage=True, error="Nhập ngày, ví dụ 20/8/2024")
        dates.add(f"F{HEADER_ROW + 1}:F{last}")
        dates.add("B5")
        ws.add_data_validation(status)
        ws.add_data_validation(dates)
    # Protection keeps codes and findings as issued; no password, so a clerk can still fix a typo.
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.column_dimensions[KEY_COLUMN].hidden = True  # read back by intake, not shown or printed
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    # One page wide (#16): fitToWidth is ignored unless the sheet is set to fit to page;
    # height 0 lets long forms run over as many pages as they need.
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    side = Side(style="thin", color="000000")
    for line in ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW + len(rows), min_col=1, max_col=len(HEADERS)):
        for cell in line:
            cell.border = Border(left=side, right=side, top=side, bottom=side)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    wb.properties.creator = "cchc-docs"
    wb.properties.created = wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps zip entries with the clock; re-zip with fixed metadata.
    return package_bytes(_fixed_times(read_parts(buf.getvalue(), require_docx=False), stamp))


def _fixed_times(parts: dict[str, bytes], stamp: dt.datetime) -> dict[str, bytes]:
    import re

    core = parts.get("docProps/core.xml")
    if core is not None:
        iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        parts["docProps/core.xml"] = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso, core)
    return parts


# ---------------------------------------------------------------- prepared, for batches

_CODE, _TITLE = "@@code@@", "@@title@@"  # ASCII markers: openpyxl writes them verbatim
_SHEET = "xl/worksheets/sheet1.xml"


def _xml_text(text: str) -> str:
    """Text escaped exactly as openpyxl writes it (non-ASCII as character references)."""
    from xml.sax.saxutils import escape

    return escape(text).encode("ascii", "xmlcharrefreplace").decode("ascii")


class PreparedWorkbook:
    """The sheet of `workbook_bytes`, made once by openpyxl, then rendered per commune.

    openpyxl costs about 20 ms per workbook, most of a 3,000-commune batch. Here it builds
    two prototypes (with and without finding rows); each commune then only gets its own
    sheetData and ranges, and the other parts are copied as compressed bytes. The result
    is byte-identical to `workbook_bytes` (a test holds it to that).
    """

    def __init__(self, period: str, statuses, stamp: dt.datetime):
        import re

        self._cache: dict = {}
        self._proto = {}
        for has_rows in (False, True):
            rows = [_ProtoRow()] if has_rows else []
            parts = read_parts(workbook_bytes(_CODE, _TITLE, period, rows, statuses, stamp), require_docx=False)
            sheet = parts[_SHEET].decode("ascii")
            head, rest = sheet.split("<sheetData>", 1)
            data, tail = rest.split("</sheetData>", 1)
            fixed = data.split(f'<row r="{HEADER_ROW + 1}"', 1)[0]
            styles = dict(re.findall(rf'<c r="([A-H]){HEADER_ROW + 1}" s="(\d+)"', data))
            self._proto[has_rows] = (parts, head, fixed, tail, styles)

    def render(self, commune_code: str, commune_title: str, rows) -> bytes:
        import re

        parts, head, fixed, tail, styles = self._proto[bool(rows)]
        last = HEADER_ROW + max(len(rows), 1)
        first = HEADER_ROW + 1
        head = head.replace(f'<dimension ref="A1:H{first}"/>', f'<dimension ref="A1:H{last}"/>')
        fixed = (fixed.replace(_CODE, _xml_text(commune_code))
                 .replace(_TITLE.upper(), _xml_text(commune_title.upper()))
                 .replace(_TITLE, _xml_text(commune_title)))
        body = "".join(self._row(r, row, styles) for r, row in enumerate(rows, start=first))
        if rows:
            tail = re.sub(r'sqref="([^"]*)"', lambda m: 'sqref="' + " ".join(
                f"{ref}:{ref[0]}{last}" if ref in (f"E{first}", f"F{first}") and last > first else ref
                for ref in m.group(1).split()) + '"', tail)
        sheet = f"{head}<sheetData>{fixed}{body}</sheetData>{tail}".encode("ascii")
        return package_bytes({**parts, _SHEET: sheet}, cache=self._cache)

    @staticmethod
    def _row(r: int, row, styles: dict) -> str:
        def text(col, value):
            if value is None:
                return f'<c r="{col}{r}" s="{styles[col]}" t="n"></c>'
            inner = f"<is><t>{_xml_text(value)}</t></is>" if value else ""
            return f'<c r="{col}{r}" s="{styles[col]}" t="inlineStr">{inner}</c>'

        cells = (("A", str(r - HEADER_ROW)), ("B", row.name), ("C", row.figure), ("D", None), ("E", None),
                 ("F", None), ("G", row.note), ("H", row.key))
        return f'<row r="{r}">' + "".join(text(c, v) for c, v in cells) + "</row>"


class _ProtoRow:
    key = name = figure = "x"
    note = ""
