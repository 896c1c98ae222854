"""Fixtures' helpers: the sample findings written the ways real offices write them."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from pathlib import Path


def sample_rows(ws: Path) -> tuple[list[str], list[list[str]]]:
    with (ws / "data" / "findings.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 stores Vietnamese: precomposed where the code page has the
    letter, else base letter (with ă â ê ô ơ ư composed) plus a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base, tones = parts[0], ""
        for mark in parts[1:]:
            if mark in "\u0306\u0302\u031b":
                base = unicodedata.normalize("NFC", base + mark)
            else:
                tones += mark
        out += (base + tones).encode("cp1258")
    return bytes(out)


def write_semicolon_csv(path: Path, header, rows, encoding="utf-8-sig", title=None) -> None:
    """As Excel on Vietnamese Windows saves `CSV`: `;`, decimal commas unquoted, CRLF."""
    lines = ([title] if title else []) + [";".join(header)] + [";".join(r) for r in rows]
    text = "\r\n".join(lines) + "\r\n"
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))


def write_findings_xlsx(path: Path, header, rows, percent_cells=True, title=None, edit=None) -> None:
    """The findings typed in Excel: numbers as numbers, `15,58%` as 0.1558 in a % cell."""
    import openpyxl

    wb = openpyxl.Workbook()
    sh = wb.active
    sh.title = "So lieu"
    if title:
        sh.append([title])
        sh.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sh.append(header)
    for commune, indicator, value, note in rows:
        sh.append([commune, indicator, None, note or None])
        cell = sh.cell(row=sh.max_row, column=3)
        text = value.strip()
        if text.endswith("%") and percent_cells:
            cell.value = float(text[:-1].replace(",", ".")) / 100
            cell.number_format = "0.00%"
        elif text.isdigit():
            cell.value = int(text)
        else:
            cell.value = text
    if edit:
        edit(sh)
    wb.save(path)


def set_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells a cached result, as Excel does when it saves (openpyxl cannot)."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for ref, value in values.items():
        start = sheet.index(f'<c r="{ref}"')
        end = sheet.index("</c>", start)
        cell = sheet[start:end].replace("<v></v>", "").replace("<v/>", "")
        sheet = sheet[:start] + cell + f"<v>{value}</v>" + sheet[end:]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())


def zip_bomb_xlsx(path: Path, megabytes: int) -> None:
    """A workbook whose sheet inflates to `megabytes` of spaces (a few hundred KB on disk)."""
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            for _ in range(megabytes):
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")


def replace_in_docx(path: Path, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = [(i, zf.read(i)) for i in zf.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts:
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text, old
                data = text.replace(old, new, 1).encode("utf-8")
            zf.writestr(info.filename, data)
    path.write_bytes(buf.getvalue())
