"""The Excel sheet of a commune's form: the same rows as the Word form, ready to fill.

Contract with the returns reader (cchc_docs/returns.py): first sheet `Phieu`; B2 the
commune code (text), B3 its name, B4 the period, B5 `Ngày báo cáo`; headers on row 6;
rows from row 7 with the row key in column A. Key columns are locked, the status is a
drop-down of the three allowed values, the completion date a real date.
"""

from __future__ import annotations

import datetime as dt
import io

from .package import package_bytes, read_parts

SHEET = "Phieu"
HEADER_ROW = 6
HEADERS = ("Mã dòng", "Tồn tại, hạn chế", "Số liệu", "Kết quả khắc phục", "Tình trạng",
           "Ngày hoàn thành", "Ghi chú")
WIDTHS = (22, 48, 26, 40, 18, 16, 24)


def workbook_bytes(commune_code: str, commune_title: str, period: str, rows, statuses,
                   stamp: dt.datetime) -> bytes:
    """One commune's sheet as .xlsx bytes; identical inputs give identical bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, Protection
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
        for col, value in enumerate((row.key, row.name, row.figure, None, None, None, row.note), start=1):
            cell = ws.cell(r, col, value)
            cell.font, cell.alignment = plain, wrap
            if col >= 4:
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
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
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
