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


# ---------------------------------------------------------------- workbooks as other programs write them

class Cell:
    """One cell written at the XML level, as Excel, LibreOffice or a web export leaves it:
    `t` the cell type (n, s, inlineStr, str, b, e, d), `fmt` its number format code,
    `f` a formula, `quote` Excel's leading-apostrophe flag (quotePrefix)."""

    def __init__(self, value, t=None, fmt=None, f=None, quote=False):
        self.value, self.t, self.fmt, self.f, self.quote = value, t, fmt, f, quote


def _esc(text) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def raw_xlsx(path: Path, sheets, *, strings="shared", date1904=False, defined_table=None,
             hidden_rows=(), row_xml=None, omit_refs=False) -> None:
    """A workbook written by hand, part by part: `sheets` is [(name, rows)], rows lists of
    cells (None: no cell; str, int, float, bool or `Cell`). Strings go to the shared table
    or inline (`strings="inline"`, as LibreOffice's and many web exports' writers do).
    `row_xml` adds raw `<row>` elements after the data (formatting down to row 1 048 576...);
    `omit_refs` leaves out the `r` attribute of cells (allowed by the standard)."""
    from openpyxl.utils import get_column_letter

    shared: list[str] = []
    fmts = ["General"]
    xfs = [(0, False)]  # (numFmt index in fmts, quotePrefix)

    def style(fmt, quote):
        fmt = fmt or "General"
        if fmt not in fmts:
            fmts.append(fmt)
        key = (fmts.index(fmt), quote)
        if key not in xfs:
            xfs.append(key)
        return xfs.index(key)

    def cell_xml(ref, cell):
        if not isinstance(cell, Cell):
            cell = Cell(cell)
        value, t = cell.value, cell.t
        if t is None:
            t = "b" if isinstance(value, bool) else "n" if isinstance(value, (int, float)) else \
                ("s" if strings == "shared" else "inlineStr")
        s = style(cell.fmt, cell.quote)
        attrs = ("" if omit_refs else f' r="{ref}"') + (f' s="{s}"' if s else "") + (f' t="{t}"' if t != "n" else "")
        inner = f"<f>{_esc(cell.f)}</f>" if cell.f else ""
        if t == "s":
            if value not in shared:
                shared.append(value)
            inner += f"<v>{shared.index(value)}</v>"
        elif t == "inlineStr":
            inner += f'<is><t xml:space="preserve">{_esc(value)}</t></is>'
        elif t == "b":
            inner += f"<v>{1 if value else 0}</v>"
        elif value is not None:
            inner += f"<v>{_esc(repr(value) if isinstance(value, float) else value)}</v>"
        return f"<c{attrs}>{inner}</c>"

    sheet_parts = []
    for index, (name, rows) in enumerate(sheets, 1):
        body = []
        for r, cells in enumerate(rows, 1):
            hidden = ' hidden="1"' if r in hidden_rows and index == 1 else ""
            xml = "".join(cell_xml(f"{get_column_letter(c)}{r}", v) for c, v in enumerate(cells, 1) if v is not None)
            body.append(f'<row r="{r}"{hidden}>{xml}</row>')
        extra = row_xml if (row_xml and index == 1) else ""
        width = max((len(r) for r in rows), default=1)
        dim = f"A1:{get_column_letter(width)}{max(len(rows), 1)}"
        table = '<tableParts count="1"><tablePart r:id="rIdT"/></tableParts>' if defined_table and index == 1 else ""
        filt = f'<autoFilter ref="{dim}"/>' if hidden_rows and index == 1 else ""
        sheet_parts.append(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<dimension ref="{dim}"/><sheetData>{"".join(body)}{extra}</sheetData>{filt}{table}</worksheet>')
    num_fmts = "".join(f'<numFmt numFmtId="{164 + k}" formatCode="{_esc(code)}"/>' for k, code in enumerate(fmts))
    quoted = ' quotePrefix="1"'
    cell_xfs = "".join(f'<xf numFmtId="{164 + f}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"'
                       f'{quoted if q else ""}/>' for f, q in xfs)
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              f'<numFmts count="{len(fmts)}">{num_fmts}</numFmts>'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              f'<cellXfs count="{len(xfs)}">{cell_xfs}</cellXfs></styleSheet>')
    ns_main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    ns_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    sheet_list = "".join(f'<sheet name="{_esc(n)}" sheetId="{k}" r:id="rId{k}"/>' for k, (n, _) in enumerate(sheets, 1))
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{ns_main}" '
                f'xmlns:r="{ns_rel}">{pr}<sheets>{sheet_list}</sheets></workbook>')
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    wb_rels = "".join(f'<Relationship Id="rId{k}" Type="{rel}/worksheet" Target="worksheets/sheet{k}.xml"/>'
                      for k in range(1, len(sheets) + 1))
    wb_rels += (f'<Relationship Id="rIdS" Type="{rel}/styles" Target="styles.xml"/>'
                f'<Relationship Id="rIdSS" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>')
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="{ct}.worksheet+xml"/>'
                        for k in range(1, len(sheets) + 1))
    if defined_table:
        overrides += f'<Override PartName="/xl/tables/table1.xml" ContentType="{ct}.table+xml"/>'
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
                     f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
                     f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
                     f'{overrides}</Types>')
    sst = "".join(f'<si><t xml:space="preserve">{_esc(s)}</t></si>' for s in shared)
    parts = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
                        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                        f'Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
                                       'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                       f'{wb_rels}</Relationships>'),
        "xl/styles.xml": styles,
        "xl/sharedStrings.xml": (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{ns_main}" '
                                 f'count="{len(shared)}" uniqueCount="{len(shared)}">{sst}</sst>'),
    }
    for k, xml in enumerate(sheet_parts, 1):
        parts[f"xl/worksheets/sheet{k}.xml"] = xml
    if defined_table:
        name, ref = defined_table
        header = sheets[0][1][0]
        columns = "".join(f'<tableColumn id="{k}" name="{_esc(h)}"/>' for k, h in enumerate(header, 1))
        parts["xl/tables/table1.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><table xmlns="{ns_main}" id="1" '
            f'name="{name}" displayName="{name}" ref="{ref}"><autoFilter ref="{ref}"/>'
            f'<tableColumns count="{len(header)}">{columns}</tableColumns></table>')
        parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdT" Type="{rel}/table" Target="../tables/table1.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(name, xml)


def sample_cells(ws: Path, value=lambda commune, indicator, text: text):
    """The sample findings as cell rows [header, *rows]; `value` turns each typed value
    into the cell to write (a `Cell`, a number...)."""
    header, rows = sample_rows(ws)
    return [header] + [[c, i, value(c, i, v), n or None] for c, i, v, n in rows]


def excel_value(commune, indicator, text):
    """A value as Excel stores what the clerk typed: numbers, and `15,58%` as 0.1558 in a % cell."""
    text = text.strip()
    if text.endswith("%"):
        return Cell(float(text[:-1].replace(",", ".")) / 100, fmt="0.00%")
    if text.isdigit():
        return int(text)
    return text or None
