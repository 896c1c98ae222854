"""Reading a spreadsheet somebody else wrote: its sheets, shared strings, date styles, cells.

Every part goes through `safety` (zip limits, the one hardened parser). Values come out as
Excel displays them: shared and inline strings, TRUE/FALSE, dates for date-formatted
numbers, integers without a trailing `.0`.
"""

from __future__ import annotations

import datetime as dt
import re

from ..vn.dates import parse_date
from .ns import PR, R, X
from .safety import parse_xml, read_member

CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
# Built-in number formats that are dates (ECMA-376 §18.8.30, and the East Asian ones).
DATE_FMT_IDS = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(index: int) -> str:
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def is_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[dy]|m{1,5}(?![^;]*[hs])", code)) and "general" not in code


def part(zf, name: str) -> bytes | None:
    """A member's bytes, under the package limits; None when the package has no such part."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    return read_member(zf, info)


def sheets(zf) -> tuple[list[tuple[str, str]], dt.date]:
    """(sheet name, part path or "" when unresolvable) in workbook order, and the date epoch."""
    workbook = parse_xml(part(zf, _WORKBOOK), _WORKBOOK)
    rels = parse_xml(part(zf, _WORKBOOK_RELS) or b"<Relationships/>", _WORKBOOK_RELS)
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PR}Relationship")}
    out = []
    for s in workbook.findall(f"{X}sheets/{X}sheet"):
        target = targets.get(s.get(f"{R}id"), "")
        path = "" if not target else target.lstrip("/") if target.startswith("/") else "xl/" + target
        out.append((s.get("name"), path))
    pr = workbook.find(f"{X}workbookPr")
    epoch = dt.date(1904, 1, 1) if pr is not None and pr.get("date1904") in ("1", "true") \
        else dt.date(1899, 12, 30)
    return out, epoch


def shared_strings(zf) -> list[str]:
    data = part(zf, "xl/sharedStrings.xml")
    if data is None:
        return []
    root = parse_xml(data, "xl/sharedStrings.xml")
    out = []
    for si in root.iter(f"{X}si"):
        # Phonetic runs (rPh) are reading aids, not cell text.
        out.append("".join(t.text or "" for t in si.iter(f"{X}t")
                           if t.getparent().tag != f"{X}rPh"))
    return out


def date_styles(zf) -> set[int]:
    """Indexes of the cell formats (cellXfs) that show a number as a date."""
    data = part(zf, "xl/styles.xml")
    if data is None:
        return set()
    root = parse_xml(data, "xl/styles.xml")
    custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in root.iter(f"{X}numFmt")}
    xfs = root.find(f"{X}cellXfs")
    out = set()
    for k, xf in enumerate(xfs if xfs is not None else []):
        fid = int(xf.get("numFmtId", "0"))
        if fid in DATE_FMT_IDS or (fid in custom and is_date_format(custom[fid])):
            out.add(k)
    return out


def cells(root, shared, date_styles, epoch):
    """(row, column, value) of each cell with a valid reference, in document order."""
    for c in root.iter(f"{X}c"):
        m = CELL_REF.match(c.get("r", ""))
        if m:
            yield int(m[2]), col_index(m[1]), cell_value(c, shared, date_styles, epoch)


def cell_value(c, shared, date_styles, epoch):
    t = c.get("t", "n")
    if t == "inlineStr":
        return "".join(x.text or "" for x in c.iter(f"{X}t"))
    v = c.find(f"{X}v")
    if v is None or v.text is None:
        return None
    text = v.text
    if t == "s":
        k = int(text)
        return shared[k] if 0 <= k < len(shared) else ""
    if t in ("str", "e"):
        return text
    if t == "b":
        return "TRUE" if text == "1" else "FALSE"
    if t == "d":
        return parse_date(text[:10])
    number = float(text)
    if int(c.get("s", "0")) in date_styles and 0 < number < 2958466:
        return epoch + dt.timedelta(days=int(number))
    return str(int(number)) if number.is_integer() else text


def merged_ranges(root) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range."""
    out = []
    for mc in root.iter(f"{X}mergeCell"):
        ref = mc.get("ref", "")
        if ":" in ref:
            a, b = (CELL_REF.match(p) for p in ref.split(":", 1))
            if a and b:
                out.append((int(a[2]), col_index(a[1]), int(b[2]), col_index(b[1])))
    return out
