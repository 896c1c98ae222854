"""The forms communes send back (data/results/): read, matched to communes, checked.

Two stages. `read_file` turns one file into a `RawReturn` (cells by role, no knowledge of
the campaign): it is the slow, parallel part, and it never raises — a broken or hostile
file becomes a RawReturn with a problem. `resolve` then matches returns to communes by
the code written in the form (never by file name), keeps the newer of two returns from
one commune, and reads each row's status and date against the commune's shortfalls.

Counting rule (see `Intake.outcome`): a shortfall counts as remedied or in progress only
when the commune's return says so in a recognisable way; anything else in a return
(blank, unknown or ambiguous status, a missing row) counts as not remedied, so a report
to the Sở never overstates progress. Shortfalls of a commune with no usable return count
as not reported.

Forms contract (what `cchc forms` writes): Excel — sheet `Phieu`, B2 commune code, header
row with `Mã dòng` … `Tình trạng`, `Ngày hoàn thành`; Word — a paragraph `Mã đơn vị: 18205`
and a table with `Mã` (indicator code) … `Tình trạng`. Columns are found by header text,
since Word users insert and merge columns. An optional `Ngày báo cáo` (a labelled cell,
or a paragraph `Ngày báo cáo: 25/8/2024`) dates the return; without it the file's
modification time does.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .vn import fold_header, nfc, parse_date
from .vn.dates import format_date_short

REMEDIED, IN_PROGRESS, NOT_REMEDIED = "Đã khắc phục", "Đang khắc phục", "Chưa khắc phục"
STATUSES = (REMEDIED, IN_PROGRESS, NOT_REMEDIED)
NOT_REPORTED = "Chưa báo cáo"
OUTCOMES = STATUSES + (NOT_REPORTED,)

# Vietnam has one time zone and no daylight saving: a file's mtime is dated in it, so
# "late" does not depend on the machine's zone.
VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")

# Limits for files nobody here wrote; a returned form is a few kilobytes.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200
MAX_PARTS = 2000
MAX_CELLS = 200_000
HEADER_SCAN_ROWS = 30

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}

# Header text (folded, without anything in brackets) → role of the column.
ROLES = {
    "key": ("madong", "key"),
    "code": ("ma", "machitieu", "matieuchi"),
    "tt": ("tt", "stt", "sott"),
    "name": ("tontaihanche", "tontai", "noidung", "noidungtontaihanche", "tontaihanchedachira"),
    "figure": ("solieu", "giatri"),
    "result": ("ketquakhacphuc", "ketqua", "bienphapketquakhacphuc", "bienphapkhacphuc"),
    "status": ("tinhtrang", "tinhtrangkhacphuc", "trangthai", "ketquatinhtrang"),
    "done": ("ngayhoanthanh", "thoigianhoanthanh", "ngaykhacphuc"),
    "note": ("ghichu",),
}
_STATUS_WORDS = {
    REMEDIED: ("dakhacphuc", "dakp", "dakhacphucxong"),
    IN_PROGRESS: ("dangkhacphuc", "dangkp"),
    NOT_REMEDIED: ("chuakhacphuc", "chuakp"),
}
_STATUS_BY_FOLD = {w: s for s, words in _STATUS_WORDS.items() for w in words}
_ROLE_BY_FOLD = {alias: role for role, aliases in ROLES.items() for alias in aliases}
for _status, _words in _STATUS_WORDS.items():
    # A Word user may split `Tình trạng` into one tick column per status.
    for _w in _words:
        _ROLE_BY_FOLD[_w] = f"tick:{_status}"
TICKS = {"x", "v", "✓", "✔", "☑", "☒", "co", "1", "+"}
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LABEL_CODE = ("madonvi", "maxa", "madvhc", "madonvihanhchinh")
_LABEL_DATE = ("ngaybaocao", "ngaygui")


class FileRefused(Exception):
    """This file cannot or must not be read; the message says why, in Vietnamese."""


# ---------------------------------------------------------------- raw returns

@dataclass(frozen=True)
class RawRow:
    row: int  # spreadsheet row, or table row in a Word form (header = 1)
    cells: dict  # role → value (str, or date for Excel date cells)
    columns: dict  # role → column label for messages


@dataclass(frozen=True)
class RawReturn:
    name: str
    kind: str  # "xlsx", "docx", or "" when unreadable
    mtime: float
    code: str = ""
    code_where: tuple = (None, None)  # (row, column) of the commune code, for messages
    commune_name: str = ""
    reported: object = None  # `Ngày báo cáo` as written: str, date or None
    rows: tuple = ()
    problems: tuple = ()
    readable: bool = True


def role_of(header: object) -> str | None:
    text = _BRACKETS.sub(" ", nfc(header))
    return _ROLE_BY_FOLD.get(fold_header(text))


def list_files(folder: Path) -> list[Path]:
    """Candidate returns, by name; Office lock files and hidden files are not returns."""
    if not folder.is_dir():
        return []
    out = []
    for p in folder.iterdir():
        name = p.name
        if name.startswith((".", "~$")) or name.lower() in _IGNORED_NAMES or not p.is_file():
            continue
        out.append(p)
    return sorted(out, key=lambda p: p.name)


def read_file(path: Path) -> RawReturn:
    """One returned file; any failure becomes a problem on the file, never an exception."""
    name = path.name
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        return _refused(name, 0.0, f"không đọc được tệp ({exc.strerror})")
    try:
        data = _read_bytes(path)
        kind = _sniff(data, path.suffix.lower())
        raw = _read_xlsx(data, name, mtime) if kind == "xlsx" else _read_docx(data, name, mtime)
    except FileRefused as exc:
        return _refused(name, mtime, str(exc))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError, IndexError, OSError,
            RuntimeError, NotImplementedError):
        return _refused(name, mtime, "tệp hỏng hoặc bị cắt cụt, không đọc được")
    except Exception:  # noqa: BLE001 - one commune's odd file must not stop everyone's report
        return _refused(name, mtime, "tệp hỏng, không đọc được")
    return raw


def _refused(name: str, mtime: float, message: str) -> RawReturn:
    hint = "đề nghị đơn vị gửi lại phiếu đúng mẫu (.xlsx hoặc .docx), không đặt mật khẩu"
    return RawReturn(name=name, kind="", mtime=mtime, readable=False,
                     problems=(Problem(f"bỏ qua tệp: {message}", file=name, hint=hint),))


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileRefused(f"tệp quá lớn ({size // (1024 * 1024)} MB) cho một phiếu báo cáo")
    if size == 0:
        raise FileRefused("tệp rỗng (0 byte)")
    return path.read_bytes()


def _sniff(data: bytes, suffix: str) -> str:
    """Dispatch on content, not on the name: a renamed file is still what it is."""
    if data[:4] == _OLE_MAGIC:
        if _OLE_ENCRYPTED in data:
            raise FileRefused("tệp bị đặt mật khẩu (mã hóa), không mở được")
        raise FileRefused("tệp định dạng Office cũ (.xls/.doc) hoặc bị đặt mật khẩu; "
                          "mở bằng Excel/Word rồi lưu lại thành .xlsx/.docx")
    if data[:4] != _ZIP_MAGIC:
        raise FileRefused(f"không phải tệp Excel (.xlsx) hay Word (.docx){_suffix_note(suffix)}")
    names = _zip_names(data)
    if "xl/vbaProject.bin" in names or "word/vbaProject.bin" in names or suffix in (".xlsm", ".docm"):
        raise FileRefused("tệp có macro (.xlsm/.docm): không mở vì lý do an toàn, "
                          "hãy lưu lại thành .xlsx/.docx")
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    raise FileRefused("tệp nén không phải bảng tính Excel hay văn bản Word")


def _suffix_note(suffix: str) -> str:
    return f" (đuôi {suffix})" if suffix and suffix not in (".xlsx", ".docx") else ""


def _zip_names(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_PARTS:
            raise FileRefused(f"tệp nén có {len(infos)} phần, bất thường")
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART_BYTES or (ratio > MAX_RATIO and info.file_size > 1024 * 1024):
                raise FileRefused("tệp nén bất thường (nghi zip bomb)")
            if info.flag_bits & 0x1:
                raise FileRefused("tệp bị mã hóa, không mở được")
        if total > MAX_TOTAL_BYTES:
            raise FileRefused("tệp giải nén quá lớn (nghi zip bomb)")
        return {i.filename for i in infos}


def _member(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    with zf.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:  # a lying header cannot inflate further
        raise FileRefused("tệp nén bất thường (nghi zip bomb)")
    return data


def _xml(data: bytes):
    """Parse XML nobody here wrote: no DTD, no entities, no network."""
    from lxml import etree

    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise FileRefused("nội dung XML có khai báo DTD/ENTITY, không an toàn")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise FileRefused("nội dung XML hỏng") from None


# ---------------------------------------------------------------- Excel

_X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
# Built-in number formats that are dates (ECMA-376 §18.8.30, and the East Asian ones).
_DATE_FMT_IDS = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))


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


def _is_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[dy]|m{1,5}(?![^;]*[hs])", code)) and "general" not in code


def _read_xlsx(data: bytes, name: str, mtime: float) -> RawReturn:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        workbook = _xml(_member(zf, "xl/workbook.xml"))
        rels = _xml(_member(zf, "xl/_rels/workbook.xml.rels") or b"<Relationships/>")
        sheet_path = _pick_sheet_path(workbook, rels)
        sheet_xml = _member(zf, sheet_path)
        if sheet_xml is None:
            raise FileRefused("bảng tính thiếu trang tính")
        shared = _shared_strings(_member(zf, "xl/sharedStrings.xml"))
        date_styles = _date_styles(_member(zf, "xl/styles.xml"))
        pr = workbook.find(f"{_X}workbookPr")
        epoch = dt.date(1904, 1, 1) if pr is not None and pr.get("date1904") in ("1", "true") \
            else dt.date(1899, 12, 30)
        cells, merges = _sheet_cells(_xml(sheet_xml), shared, date_styles, epoch)
    return _xlsx_return(cells, merges, name, mtime)


def _pick_sheet_path(workbook, rels) -> str:
    sheets = workbook.findall(f"{_X}sheets/{_X}sheet")
    if not sheets:
        raise FileRefused("bảng tính không có trang tính nào")
    # The contract puts the form on the first sheet, `Phieu`; a clerk may add sheets before it.
    chosen = next((s for s in sheets if fold_header(s.get("name")) == "phieu"), sheets[0])
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_PR}Relationship")}
    target = targets.get(chosen.get(_R_ID), "")
    if not target:
        raise FileRefused("bảng tính thiếu trang tính")
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def _shared_strings(data: bytes | None) -> list[str]:
    if data is None:
        return []
    root = _xml(data)
    out = []
    for si in root.iter(f"{_X}si"):
        # Phonetic runs (rPh) are reading aids, not cell text.
        out.append("".join(t.text or "" for t in si.iter(f"{_X}t")
                           if t.getparent().tag != f"{_X}rPh"))
    return out


def _date_styles(data: bytes | None) -> set[int]:
    if data is None:
        return set()
    root = _xml(data)
    custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in root.iter(f"{_X}numFmt")}
    xfs = root.find(f"{_X}cellXfs")
    out = set()
    for k, xf in enumerate(xfs if xfs is not None else []):
        fid = int(xf.get("numFmtId", "0"))
        if fid in _DATE_FMT_IDS or (fid in custom and _is_date_format(custom[fid])):
            out.add(k)
    return out


def _sheet_cells(root, shared, date_styles, epoch):
    cells: dict[tuple[int, int], object] = {}
    for c in root.iter(f"{_X}c"):
        if len(cells) >= MAX_CELLS:
            raise FileRefused("trang tính quá lớn cho một phiếu báo cáo")
        m = _CELL_REF.match(c.get("r", ""))
        if not m:
            continue
        value = _cell_value(c, shared, date_styles, epoch)
        if value not in (None, ""):
            cells[(int(m[2]), col_index(m[1]))] = value
    merges = []
    for mc in root.iter(f"{_X}mergeCell"):
        ref = mc.get("ref", "")
        if ":" in ref:
            a, b = (_CELL_REF.match(p) for p in ref.split(":", 1))
            if a and b:
                merges.append((int(a[2]), col_index(a[1]), int(b[2]), col_index(b[1])))
    return cells, merges


def _cell_value(c, shared, date_styles, epoch):
    t = c.get("t", "n")
    if t == "inlineStr":
        return "".join(x.text or "" for x in c.iter(f"{_X}t"))
    v = c.find(f"{_X}v")
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
    header_row, roles = _find_header(
        (r, by_row[r]) for r in sorted(by_row) if r <= HEADER_SCAN_ROWS)
    if header_row is None:
        return _no_table(name, mtime, "xlsx")
    labels = {role: f"{col_letters(c)} ({nfc(by_row[header_row][c])})" for c, role in roles.items()}
    above = [(r, by_row[r]) for r in sorted(by_row) if r < header_row]
    code, code_where = _labelled(above, _LABEL_CODE, excel=True)
    if not code:
        code, code_where = nfc(by_row.get(2, {}).get(2, "")), (2, "B")
    reported, _ = _labelled(above, _LABEL_DATE, excel=True, raw=True)
    name_cell = nfc(by_row.get(3, {}).get(2, ""))
    rows = []
    for r in sorted(by_row):
        if r <= header_row:
            continue
        values = {role: by_row[r].get(c) for c, role in roles.items()}
        rows.append(RawRow(r, values, labels))
    return RawReturn(name=name, kind="xlsx", mtime=mtime, code=code, code_where=code_where,
                     commune_name=name_cell, reported=reported, rows=tuple(rows))


def _find_header(rows):
    """(row number, {column: role}) of the first row that names both a key and a status."""
    for r, cells in rows:
        roles: dict[int, str] = {}
        for c in sorted(cells):
            role = role_of(cells[c]) if isinstance(cells[c], str) else None
            if role and role not in roles.values():
                roles[c] = role
        found = set(roles.values())
        has_status = "status" in found or any(x.startswith("tick:") for x in found)
        if has_status and ({"key", "code"} & found):
            return r, roles
    return None, {}


def _labelled(rows, label: tuple[str, ...], excel: bool, raw: bool = False):
    """The value written after a label (`Mã đơn vị: 18205`, or in the next cell)."""
    for r, cells in rows:
        cols = sorted(cells)
        for k, c in enumerate(cols):
            text = cells[c]
            if not isinstance(text, str):
                continue
            head, sep, tail = nfc(text).partition(":")
            if fold_header(head) not in label:
                continue
            if sep and tail.strip():
                return (tail.strip() if raw else nfc(tail)), (r, col_letters(c) if excel else None)
            for c2 in cols[k + 1:]:
                value = cells[c2]
                if value not in (None, ""):
                    return (value if raw else nfc(value)), (r, col_letters(c2) if excel else None)
    return ("" if not raw else None), (None, None)


def _no_table(name, mtime, kind) -> RawReturn:
    where = "dòng tiêu đề" if kind == "xlsx" else "bảng"
    return RawReturn(name=name, kind=kind, mtime=mtime, readable=False, problems=(Problem(
        f"bỏ qua tệp: không tìm thấy {where} có cột 'Mã dòng'/'Mã' và 'Tình trạng'", file=name,
        hint="phiếu phải giữ nguyên bảng của mẫu do cchc forms tạo ra"),))


# ---------------------------------------------------------------- Word

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_docx(data: bytes, name: str, mtime: float) -> RawReturn:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = _member(zf, "word/document.xml")
    root = _xml(xml)
    body = root.find(f"{_W}body")
    if body is None:
        raise FileRefused("văn bản Word không có nội dung")
    code, reported = _docx_labels(body)
    for tbl in body.iter(f"{_W}tbl"):
        grid = _table_grid(tbl)
        header_row, roles = _find_header(
            (k, {c: v for c, v in enumerate(cells)}) for k, cells in enumerate(grid[:4], start=1))
        if header_row is None:
            continue
        return _docx_return(grid, header_row, roles, name, mtime, code, reported)
    if code:
        # The form of a commune with no shortfall has no table: a valid, empty return.
        # (A commune that does have shortfalls and deleted the table is then told that
        # each of them is missing, which says more than "no table".)
        return RawReturn(name=name, kind="docx", mtime=mtime, code=code, reported=reported)
    return _no_table(name, mtime, "docx")


def _docx_labels(body):
    """`Mã đơn vị: …` and `Ngày báo cáo: …`, wherever the commune left them."""
    code, reported = "", None
    for p in body.iter(f"{_W}p"):
        head, sep, tail = nfc(_text(p)).partition(":")
        if not sep or not tail.strip():
            continue
        label = fold_header(head)
        if label in _LABEL_CODE and not code:
            code = nfc(tail)
        elif label in _LABEL_DATE and reported is None:
            reported = nfc(tail)
    return code, reported


def _text(p) -> str:
    """A paragraph's visible text: w:t only (deleted text and field codes are other elements)."""
    return "".join((node.text or "") if node.tag == f"{_W}t" else " "
                   for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br"))


def _row_cells(tr):
    """The row's own cells, including those wrapped in a content control."""
    for child in tr:
        if child.tag == f"{_W}tc":
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from content.findall(f"{_W}tc")


def _cell_text(tc) -> str:
    # Only this cell's paragraphs: a nested table is not part of the cell's value.
    return nfc(" ".join(_text(p) for p in tc.findall(f"{_W}p")))


def _table_grid(tbl) -> list[list[str]]:
    """Rows as grid columns, with merged cells resolved the way Word shows them: a
    horizontal span repeats its text in each column it covers, a vertical merge repeats
    the text of the cell where it starts."""
    grid: list[list[str]] = []
    for tr in tbl.findall(f"{_W}tr"):
        row: list[str] = []
        trpr = tr.find(f"{_W}trPr")
        before = trpr.find(f"{_W}gridBefore") if trpr is not None else None
        if before is not None:
            row.extend([""] * int(before.get(f"{_W}val", "0")))
        for tc in _row_cells(tr):
            tcpr = tc.find(f"{_W}tcPr")
            span, merged = 1, None
            if tcpr is not None:
                gs = tcpr.find(f"{_W}gridSpan")
                span = int(gs.get(f"{_W}val", "1")) if gs is not None else 1
                vm = tcpr.find(f"{_W}vMerge")
                if vm is not None:
                    merged = vm.get(f"{_W}val", "continue")
            col = len(row)
            if merged == "continue" and grid and col < len(grid[-1]):
                text = grid[-1][col]
            else:
                text = _cell_text(tc)
            row.extend([text] * max(1, min(span, 64)))
        grid.append(row)
        if len(grid) > 5000:
            raise FileRefused("bảng quá lớn cho một phiếu báo cáo")
    return grid


def _docx_return(grid, header_row, roles, name, mtime, code, reported) -> RawReturn:
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
                     reported=reported, rows=tuple(rows))


# ---------------------------------------------------------------- reading many

def read_all(paths: list[Path], workers: int | None = None) -> list[RawReturn]:
    """Every file, in the order given; in parallel when there are many (reading is CPU-bound)."""
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(paths) >= 200 else 1
    if workers <= 1:
        return [read_file(p) for p in paths]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(read_file, paths, chunksize=max(1, len(paths) // (workers * 8))))
    except (OSError, NotImplementedError, BrokenProcessPool):
        # No process pool here (a sandbox without /dev/shm, say): slower, same result.
        return [read_file(p) for p in paths]


# ---------------------------------------------------------------- resolving

@dataclass(frozen=True)
class Entry:
    """What a return says about one shortfall."""

    key: str
    status: str  # one of STATUSES (unresolved statuses count as NOT_REMEDIED)
    resolved: bool  # False when the status was blank, unknown or ambiguous
    written: str  # the status as the commune wrote it, for the appendix's notes
    done: dt.date | None
    result: str
    note: str
    row: int


@dataclass(frozen=True)
class Return:
    raw: RawReturn
    commune: object  # dataset.Commune or None
    received: dt.date | None  # the return's date: `Ngày báo cáo`, else the file's mtime
    late: bool
    used: bool  # False: unreadable, unknown commune, or an older duplicate
    entries: dict = field(default_factory=dict)  # finding key → Entry
    problems: tuple = ()
    superseded_by: str = ""

    @property
    def name(self) -> str:
        return self.raw.name

    def count(self, status: str) -> int:
        return sum(1 for e in self.entries.values() if e.status == status)


@dataclass(frozen=True)
class Intake:
    folder: str
    deadline: dt.date
    returns: tuple  # every file, by name
    by_commune: dict  # commune code → the Return used
    expected: tuple  # communes with at least one shortfall, in data order
    findings: tuple  # dataset findings

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.returns for p in r.problems]

    @property
    def usable(self) -> bool:
        return bool(self.by_commune)

    def outcome(self, finding) -> str:
        ret = self.by_commune.get(finding.commune.code)
        if ret is None:
            return NOT_REPORTED
        entry = ret.entries.get(finding.key)
        return entry.status if entry else NOT_REMEDIED

    def entry(self, finding) -> Entry | None:
        ret = self.by_commune.get(finding.commune.code)
        return ret.entries.get(finding.key) if ret else None

    @property
    def missing(self) -> list:
        return [c for c in self.expected if c.code not in self.by_commune]

    @property
    def late(self) -> list:
        return [self.by_commune[c.code] for c in self.expected
                if c.code in self.by_commune and self.by_commune[c.code].late]


def received_date(raw: RawReturn) -> tuple[dt.date | None, Problem | None]:
    """`Ngày báo cáo` when the form has a valid one, else the file's modification date."""
    mtime_date = dt.datetime.fromtimestamp(raw.mtime, VN_TZ).date() if raw.mtime else None
    if raw.reported in (None, ""):
        return mtime_date, None
    try:
        value = parse_vn_date(raw.reported)
    except ValueError:
        fallback = f"; dùng ngày sửa tệp {format_date_short(mtime_date)}" if mtime_date else ""
        return mtime_date, Problem(f"ngày báo cáo '{nfc(raw.reported)}' không phải là ngày{fallback}",
                                   file=raw.name)
    return value or mtime_date, None


_VN_LONG_DATE = re.compile(r"^ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})$")
_SHORT_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2})$")


def parse_vn_date(value: object) -> dt.date | None:
    """A date as communes write it: a real date, `15/8/2024`, `2024-08-15`, `15.8.2024`,
    `ngày 15/8/2024`, `ngày 15 tháng 8 năm 2024`. None when blank; ValueError otherwise."""
    from .vn.text import strip_diacritics

    if isinstance(value, (dt.date, dt.datetime)) or value is None:
        return parse_date(value)
    text = nfc(value)
    plain = strip_diacritics(text).lower().rstrip(".")
    m = _VN_LONG_DATE.match(plain)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    plain = re.sub(r"^ngay\s*", "", plain)
    try:
        m = _SHORT_YEAR.match(plain)  # `20/8/24`, as a hurried clerk writes it
        return dt.date(2000 + int(m[3]), int(m[2]), int(m[1])) if m else parse_date(plain)
    except ValueError:
        raise ValueError(text) from None


ALLOWED_HINT = f"ghi một trong: {', '.join(STATUSES)}"


def parse_status(raw_status: object) -> tuple[str | None, str | None, str | None]:
    """(status, problem, hint). A blank, unknown or ambiguous value has no status."""
    text = nfc(raw_status if raw_status is not None else "")
    if not text:
        return None, "bỏ trống tình trạng", ALLOWED_HINT
    folded = fold_header(_BRACKETS.sub(" ", text))
    status = _STATUS_BY_FOLD.get(folded)
    if status:
        return status, None, None
    if folded in TICKS or text in TICKS:
        return None, f"'{text}' ở cột tình trạng không cho biết là tình trạng nào", ALLOWED_HINT
    near = difflib.get_close_matches(folded, list(_STATUS_BY_FOLD), n=1, cutoff=0.75)
    hint = f"có phải '{_STATUS_BY_FOLD[near[0]]}'? Ghi một trong: {', '.join(STATUSES)}" if near else ALLOWED_HINT
    return None, f"tình trạng '{text}' không hợp lệ", hint


def _tick_status(cells: dict) -> tuple[str | None, str | None, str | None]:
    ticked = [role[5:] for role, v in cells.items()
              if role.startswith("tick:") and nfc(v) and fold_header(v) not in ("khong", "0")]
    if len(ticked) == 1:
        return ticked[0], None, None
    hint = "đánh dấu x vào đúng một cột tình trạng"
    if not ticked:
        return None, "không đánh dấu tình trạng nào", hint
    return None, f"đánh dấu nhiều tình trạng cùng lúc ({', '.join(ticked)})", hint


def resolve(raws: list[RawReturn], dataset, deadline: dt.date, folder: str = "") -> Intake:
    by_code = {c.code: c for c in dataset.communes}
    by_number = {int(c.code): c for c in dataset.communes if c.code.isdigit()}
    shortfalls = {c.code: dataset.shortfalls(c) for c in dataset.communes}
    first: list[tuple[RawReturn, object, list[Problem]]] = []
    for raw in raws:
        problems = list(raw.problems)
        commune = None
        if raw.readable:
            commune, problem = _match_commune(raw, by_code, by_number, dataset)
            if problem:
                problems.append(problem)
        first.append((raw, commune, problems))
    chosen = _newest_per_commune(first)
    returns = []
    for raw, commune, problems in first:
        received, p = received_date(raw)
        if p:
            problems.append(p)
        late = bool(received and received > deadline)
        if commune is None or not raw.readable:
            returns.append(Return(raw, commune, received, late, used=False, problems=tuple(problems)))
            continue
        winner = chosen[commune.code]
        if winner is not raw:
            problems.append(Problem(
                f"{commune.title} gửi {_count_of(first, commune)} bản; dùng bản mới hơn '{winner.name}' "
                f"(sửa lúc {_stamp(winner.mtime)}), bỏ qua bản này (sửa lúc {_stamp(raw.mtime)})",
                file=raw.name))
            returns.append(Return(raw, commune, received, late, used=False, problems=tuple(problems),
                                  superseded_by=winner.name))
            continue
        entries, row_problems = read_entries(raw, commune, shortfalls[commune.code])
        returns.append(Return(raw, commune, received, late, used=True, entries=entries,
                              problems=tuple(problems + row_problems)))
    by_commune = {r.commune.code: r for r in returns if r.used}
    expected = tuple(c for c in dataset.communes if shortfalls[c.code])
    return Intake(folder=folder, deadline=deadline, returns=tuple(returns), by_commune=by_commune,
                  expected=expected, findings=tuple(dataset.findings))


def _stamp(mtime: float) -> str:
    t = dt.datetime.fromtimestamp(mtime, VN_TZ)
    return f"{t:%H:%M} {format_date_short(t.date())}"


def _count_of(first, commune) -> int:
    return sum(1 for _, c, _ in first if c is not None and c.code == commune.code)


def _newest_per_commune(first) -> dict:
    chosen: dict[str, RawReturn] = {}
    for raw, commune, _ in first:
        if commune is None or not raw.readable:
            continue
        current = chosen.get(commune.code)
        # Newer by the file's own modification time; the name breaks a tie, so the choice
        # never depends on the order the folder lists files in.
        if current is None or (raw.mtime, raw.name) > (current.mtime, current.name):
            chosen[commune.code] = raw
    return chosen


def _match_commune(raw: RawReturn, by_code, by_number, dataset):
    row, col = raw.code_where
    # `18205`, `'18205` (Excel's text prefix), `18205 (xã Sơn Long)`: the code is the first word.
    code = (nfc(raw.code).lstrip("'").split(" ") or [""])[0].strip(".;,")
    if not code:
        return None, Problem("bỏ qua tệp: phiếu không ghi mã đơn vị" + (
            " (ô B2)" if raw.kind == "xlsx" else " (dòng 'Mã đơn vị: …')"), file=raw.name,
            row=row, column=col, hint=_name_hint(raw, dataset) or "ghi lại mã đơn vị đúng như phiếu gốc")
    commune = by_code.get(code)
    if commune is None and code.isdigit():
        # Excel drops the leading zeros of a code typed as a number (00004 → 4).
        commune = by_number.get(int(code))
    if commune is None:
        return None, Problem(f"bỏ qua tệp: mã đơn vị '{code}' không có trong danh sách đơn vị",
                             file=raw.name, row=row, column=col,
                             hint=_name_hint(raw, dataset) or "kiểm tra lại mã đơn vị trên phiếu")
    return commune, None


def _name_hint(raw: RawReturn, dataset) -> str:
    if not raw.commune_name:
        return ""
    from .dataset import _Lookup

    lookup = _Lookup(dataset.communes, lambda c: c.code, lambda c: c.name)
    words = raw.commune_name.split(" ")
    # `Sơn Long`, `xã Sơn Long`, `UBND xã Sơn Long`: the name is what remains at the end.
    for k in range(len(words)):
        found = lookup.find(" ".join(words[k:]))
        if len(found) == 1:
            return f"phiếu ghi tên '{raw.commune_name}': mã đúng là {found[0].code}?"
    return ""


def read_entries(raw: RawReturn, commune, shortfalls) -> tuple[dict, list[Problem]]:
    """The return's rows against the commune's shortfalls: entries by key, and problems."""
    wanted = {f.key: f for f in shortfalls}
    by_name = {fold_header(f.indicator.name): f for f in shortfalls}
    entries: dict[str, Entry] = {}
    seen_row: dict[str, int] = {}
    problems: list[Problem] = []
    for row in raw.rows:
        where = dict(file=raw.name, row=row.row)
        key = _row_key(row, commune)
        if not key:
            named = by_name.get(fold_header(row.cells.get("name") or ""))
            if named is not None and named.key not in seen_row:
                key = named.key  # the code was cleared but the shortfall is unmistakable
            elif _has_content(row, raw.kind):
                label = row.columns.get("key") or row.columns.get("code")
                what = nfc(row.cells.get("name") or "") or nfc(row.cells.get("result") or "")
                problems.append(Problem(
                    f"dòng thêm không có mã{': ' + repr(what[:60]) if what else ''} — không thuộc phiếu, bỏ qua",
                    column=label, hint="mỗi dòng của phiếu ứng với một tồn tại đã nêu; "
                                       "ghi nội dung bổ sung vào cột Ghi chú", **where))
                continue
            else:
                continue
        if key not in wanted:
            label = row.columns.get("key") or row.columns.get("code")
            problems.append(Problem(
                f"'{key}' không phải là tồn tại của {commune.title} trong phiếu — bỏ qua dòng này",
                column=label, **where))
            continue
        if key in seen_row:
            problems.append(Problem(f"dòng '{key}' trùng với dòng {seen_row[key]} — bỏ qua dòng này",
                                    column=row.columns.get("key") or row.columns.get("code"), **where))
            continue
        seen_row[key] = row.row
        entry, row_problems = _entry(row, key, raw.name)
        entries[key] = entry
        problems += row_problems
    for f in shortfalls:
        if f.key not in entries:
            problems.append(Problem(
                f"thiếu dòng '{f.key}' ({f.indicator.name}) của phiếu — tính là chưa khắc phục",
                file=raw.name))
    return entries, problems


def _row_key(row: RawRow, commune) -> str:
    key = nfc(row.cells.get("key") or "").lower().replace(" ", "")
    if key:
        return key
    code = nfc(row.cells.get("code") or "").lower().replace(" ", "")
    if not code:
        return ""
    return code if code.startswith(f"{commune.code}-") else f"{commune.code}-{code}"


def _has_content(row: RawRow, kind: str) -> bool:
    # In a Word table every filled cell of an added row counts; below an Excel table only
    # what a form row would hold does (free notes and signatures are not rows).
    roles = ("status", "done", "result") if kind == "xlsx" else tuple(r for r in row.cells if r != "tt")
    return any(nfc(row.cells.get(r) or "") for r in roles) or any(
        nfc(v) for r, v in row.cells.items() if r.startswith("tick:"))


def _entry(row: RawRow, key: str, file: str) -> tuple[Entry, list[Problem]]:
    problems = []
    if "status" in row.cells:
        status, problem, hint = parse_status(row.cells.get("status"))
        column, written = row.columns.get("status"), nfc(row.cells.get("status") or "")
    else:
        status, problem, hint = _tick_status(row.cells)
        column, written = "Tình trạng", ""
    if problem:
        problems.append(Problem(f"{problem}: tính là chưa khắc phục", file=file, row=row.row,
                                column=column, hint=hint))
    done = None
    raw_done = row.cells.get("done")
    try:
        done = parse_vn_date(raw_done) if raw_done not in (None, "") else None
    except ValueError:
        problems.append(Problem(f"'{nfc(raw_done)}' không phải là ngày — bỏ qua ngày hoàn thành",
                                file=file, row=row.row, column=row.columns.get("done"),
                                hint="ghi ngày theo dạng 15/8/2024"))
    return Entry(key=key, status=status or NOT_REMEDIED, resolved=status is not None, written=written, done=done,
                 result=nfc(row.cells.get("result") or ""), note=nfc(row.cells.get("note") or ""),
                 row=row.row), problems


def load_intake(folder: Path, dataset, deadline: dt.date, workers: int | None = None) -> Intake:
    """Read every file of `folder` and resolve it against the dataset."""
    raws = read_all(list_files(folder), workers=workers)
    return resolve(raws, dataset, deadline, folder=str(folder))
