"""Reading a data table (CSV or .xlsx) cell by cell, as the clerk typed it.

Excel files are read with openpyxl, not pandas' conversions, so that a cell's number
format is seen: a percent cell (0.1558 shown as 15,58%) is 15,58%, a date is a date, a
formula gives its cached result. CSV files are read the way Excel on Vietnamese Windows
writes them: `;` or `,` separators (sniffed from the header), UTF-8 with or without BOM,
Windows-1258 (converted, its combining tone marks composed to NFC), CRLF. TCVN3 (ABC)
text is detected and refused. Both formats: the header row is the first row (of the
first 30) that holds every required column, so a title or caption above it is skipped;
rows are numbered as the spreadsheet shows them.
"""

from __future__ import annotations

from ..fserrors import reason

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..errors import InputError, Problem
from ..vn import fold_header, nfc
from ..vn.numbers import format_decimal

# A data table of a district is a few hundred rows; 20 MB is far beyond any real one.
MAX_DATA_BYTES = 20 * 1024 * 1024
HEADER_SCAN_ROWS = 30
# Characters XML cannot hold, C1 controls, and the private-use range the templates use
# for their own markers: a cell holding one would make a document nothing can open.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_INVISIBLE = re.compile("[\ufeff\u200b]")  # a BOM or zero-width space pasted into a cell


@dataclass(frozen=True)
class Number:
    """A number from a numeric Excel cell; `percent` when the cell's format shows `%`
    (the value is then already the percentage: 0.1558 shown as 15,58% is 15.58)."""

    value: Decimal
    percent: bool = False

    def __str__(self) -> str:
        return format_decimal(self.value, 10) + ("%" if self.percent else "")


class ExcelBool(str):
    """An Excel TRUE/FALSE cell: `có`/`không` to a flag, and named as what it is elsewhere."""

    def __new__(cls, text: str, value: bool):
        self = super().__new__(cls, text)
        self.excel = "TRUE" if value else "FALSE"
        return self


def text_of(cell) -> str:
    """A cell as text, for columns that hold names and codes."""
    if isinstance(cell, Number):
        return str(cell)
    if hasattr(cell, "isoformat"):
        return cell.strftime("%d/%m/%Y")
    return nfc(cell)


def read_table(path: Path, columns: dict, required: tuple, numeric: tuple = ()):
    """(rows, problems): each row maps a canonical column to its cell (text; for the
    `numeric` columns a `Number` when Excel stored a number) plus `_row`."""
    name = str(path)
    data = _read_bytes(path)
    if path.suffix.lower() == ".xlsx":
        from .excel import xlsx_grids

        grids, problems, hidden_sheets = xlsx_grids(data, name)
        sep = None
    else:
        text = _decode(data, name)
        first, _, rest = text.partition("\n")
        hinted = re.fullmatch(r'"?sep=(.)"?\r?', first)
        if hinted:  # Excel's own hint line, `sep=;`: the separator, and not a row of data
            sep, text, offset = hinted[1], rest, 1
        else:
            sep, offset = _sniff(text, columns), 0
        reader = csv.reader(io.StringIO(text), delimiter=sep)
        grids = {None: [(i + offset, row) for i, row in enumerate(reader, 1)]}
        problems, hidden_sheets = [], {}
    grid, header_at, mapping, header_problems = _choose(grids, columns, required, name)
    if header_problems and hidden_sheets:
        for sheet, hidden_grid in hidden_sheets.items():
            if not _choose({sheet: hidden_grid}, columns, required, name)[3]:
                return [], [Problem(f"dữ liệu nằm ở trang tính đang ẩn '{sheet}': không đọc trang ẩn",
                                    file=name, hint="hiện lại trang (Unhide Sheet), xóa các trang khác "
                                                    "rồi chạy lại")]
    if header_problems:
        return [], header_problems
    hidden = [canon for canon, pos in mapping.items() if pos in getattr(grid, "hidden_columns", ())]
    if hidden:
        return [], [Problem("cột đang bị ẩn trong Excel: không đọc cột ẩn vì không ai kiểm tra được "
                            "số liệu trên đó", file=name, row=grid[header_at][0], column=canon,
                            hint="hiện lại cột (Unhide) rồi chạy lại") for canon in hidden]
    header_len = len(grid[header_at][1])
    header_folded = [fold_header(text_of(c)) if not isinstance(c, Problem) else None
                     for c in grid[header_at][1]]
    # Messages name a column as the file's header writes it (`Giá trị`), not by our key.
    labels = {canon: text_of(grid[header_at][1][pos]) or canon for canon, pos in mapping.items()}
    rows = []
    for index in range(header_at + 1, len(grid)):
        number, cells = grid[index]
        if not any(_blank(c) is False for c in cells):
            continue  # blank lines are not data
        where = dict(file=name, row=number)
        first = next((k for k, c in enumerate(cells) if isinstance(c, str) and c.strip()), None)
        first_text = text_of(cells[first]) if first is not None else ""
        if fold_header(first_text) in _TOTAL_FOLDS or first_text.lower() in _TOTAL_EXACT:
            problems.append(Problem(
                f"dòng '{first_text}' là dòng tổng, không phải số liệu của một đơn vị",
                column=next((canon for canon, pos in mapping.items() if pos == first), None),
                hint="xóa dòng tổng khỏi bảng (cchc tự đếm); bảng chỉ giữ mỗi dòng một đơn vị", **where))
            continue
        if index > header_at and [fold_header(text_of(c)) if not isinstance(c, Problem) else None
                                  for c in cells[:header_len]] == header_folded:
            problems.append(Problem(
                f"dòng lặp lại dòng tên cột (dòng {grid[header_at][0]}): có lẽ hai tệp bị nối vào nhau",
                hint="xóa dòng này, và kiểm tra các dòng số liệu sau nó không bị trùng", **where))
            continue
        if sep is not None:
            extra = [c for c in cells[header_len:] if str(c).strip()]
            if extra:
                problems.append(Problem(
                    f"dòng có {len(cells)} ô nhưng dòng tên cột chỉ có {header_len} cột "
                    f"(thừa: {', '.join(repr(str(c)) for c in extra)})",
                    hint=_split_hint(sep), **where))
                continue
        if cells and all(isinstance(c, Problem) for c in cells) and len({c.message for c in cells}) == 1:
            # A hidden row: one message for the row, not one per column.
            problems.append(Problem(cells[0].message, column=next(iter(mapping), None), hint=cells[0].hint, **where))
            continue
        row, bad = {}, False
        for canon, pos in mapping.items():
            cell = cells[pos] if pos < len(cells) else ""
            if isinstance(cell, Problem):
                problems.append(Problem(cell.message, column=canon, hint=cell.hint, **where))
                bad = True
                continue
            if isinstance(cell, str) and not isinstance(cell, ExcelBool):
                if _ILLEGAL.search(cell):
                    code = _ILLEGAL.search(cell).group(0)
                    problems.append(Problem(
                        f"ô chứa ký tự điều khiển U+{ord(code):04X}, không đưa được vào văn bản Word",
                        column=canon, hint="gõ lại nội dung ô (không dán từ phần mềm khác)", **where))
                    bad = True
                    continue
                cell = nfc(_INVISIBLE.sub("", cell))
                fixed = mojibake(cell)
                if fixed:
                    problems.append(Problem(
                        f"chữ bị lỗi mã '{cell}': chữ UTF-8 bị mở nhầm bằng bảng mã Windows-1252 "
                        f"(đúng ra là '{fixed}')", column=canon, hint=_MOJIBAKE_HINT, **where))
                    bad = True
                    continue
            row[canon] = cell if canon in numeric else text_of(cell)
        if sep == "," and not bad:
            split = _split_decimal(cells, mapping, numeric)
            if split:
                problems.append(Problem(split, column=split_col(mapping, numeric, cells), hint=_split_hint(sep), **where))
                continue
        if bad:
            continue
        row["_row"] = number
        row["_labels"] = labels
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem("tệp chỉ có dòng tên cột, không có dữ liệu", file=name))
    return rows, relabel(problems, [{"_labels": labels}])


def relabel(problems: list, rows: list) -> list:
    """Problems with their column named by the file's own header text."""
    labels = rows[0].get("_labels", {}) if rows else {}
    if not labels:
        return problems
    return [Problem(p.message, p.file, p.row, labels.get(p.column, p.column), p.hint) for p in problems]


def _blank(cell):
    if isinstance(cell, Problem):
        return False
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _split_hint(sep: str) -> str:
    if sep == ",":
        return ("trong tệp CSV phân cách bằng dấu phẩy, số thập phân như 15,58% phải nằm trong "
                "ngoặc kép (\"15,58%\"); hoặc lưu tệp từ Excel dạng CSV phân cách bằng dấu chấm phẩy")
    return f"mỗi dòng phải có đúng số cột như dòng tên cột (phân cách bằng '{sep}')"


_INTEGER = re.compile(r"^-?\d+$")
_TAIL = re.compile(r"^\d+\s*%?$")


def _split_decimal(cells, mapping, numeric):
    """`15,58%` unquoted in a comma CSV arrives as `15` and `58%`: say so, never 15."""
    for canon in numeric:
        pos = mapping.get(canon)
        if pos is None or pos + 1 >= len(cells):
            continue
        here, after = str(cells[pos]).strip(), str(cells[pos + 1]).strip()
        if _INTEGER.match(here) and _TAIL.match(after):
            return (f"'{here}' rồi '{after}' ở hai cột liền nhau: có vẻ là số thập phân "
                    f"{here},{after} bị dấu phẩy tách làm hai")
    return None


def split_col(mapping, numeric, cells):
    for canon in numeric:
        if canon in mapping:
            return canon
    return None


# ---------------------------------------------------------------- bytes and text

def _read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_DATA_BYTES:
            raise InputError(Problem(
                f"tệp quá lớn ({size // (1024 * 1024)} MB) cho một bảng dữ liệu (tối đa "
                f"{MAX_DATA_BYTES // (1024 * 1024)} MB)", file=name,
                hint="kiểm tra lại tệp: bảng số liệu của các xã chỉ vài trăm dòng"))
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(f"không đọc được tệp: {reason(exc)}", file=name)) from None
    if not data.strip():
        raise InputError(Problem("tệp trống, không có dữ liệu", file=name,
                                 hint="dòng đầu phải là tên cột, các dòng sau là dữ liệu"))
    return data


# A totals row under the table (`Tổng cộng`, `Cộng`): its figure is a sum, not a commune's.
# `Cộng`/`Tổng` alone only as written, since a folded `cong` could be a place's name.
_TOTAL_FOLDS = {"tongcong", "tongso", "total", "tongsoxa", "tongcongxa"}
_TOTAL_EXACT = {"cộng", "tổng", "cộng:", "tổng cộng:"}
_MOJIBAKE_HINT = ("mở tệp gốc bằng Excel qua Dữ liệu > Từ Văn bản/CSV, chọn bảng mã 65001: Unicode "
                  "(UTF-8), rồi lưu lại; hoặc gõ lại ô")
_VN_BASES = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
_VN_LETTERS = set("đĐ") | {unicodedata.normalize("NFC", b + t) for b in _VN_BASES
                           for t in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")}
# Punctuation Windows-1258 text really holds (Word's autocorrect); none is a TCVN3 letter.
_TYPOGRAPHY = set("–—‘’“”…•°€\u00a0")
_LEGACY_HINT = ("mở tệp bằng Excel, chọn Lưu thành > 'CSV UTF-8 (Comma delimited)'; "
                "văn bản gõ bằng bảng mã TCVN3 (ABC, phông .VnTime) thì chuyển sang Unicode "
                "bằng Unikey (Công cụ chuyển mã) trước")


def _decode(data: bytes, name: str) -> str:
    """The file's text in NFC; UTF-8 (BOM or not), UTF-16 with BOM, or Windows-1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif (utf16 := _bomless_utf16(data)) is not None:
        text = utf16
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _legacy(data, name)
    return unicodedata.normalize("NFC", text)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without its BOM (some exports do): every other byte of ASCII text is
    NUL, which no UTF-8 or Windows-1258 table has."""
    head = data[:4000]
    if head.count(0) < len(head) // 4:
        return None
    odd = head[1::2].count(0)
    encoding = "utf-16-le" if odd > head[0::2].count(0) else "utf-16-be"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def mojibake(text: str) -> str | None:
    """The text it was, when `text` is UTF-8 that a program read as Windows-1252 (`SÆ¡n
    LÄ©nh` for `Sơn Lĩnh`, what Excel shows after opening a UTF-8 CSV without a BOM and
    saving it again); None otherwise. Vietnamese text never re-reads as UTF-8 this way:
    its letters outside Windows-1252 cannot be encoded, and those inside are not followed
    by the continuation bytes UTF-8 needs."""
    if text.isascii():
        return None
    try:
        raw = bytes(b for ch in text for b in (ch.encode("cp1252") if ord(ch) > 255 else bytes([ord(ch)])))
        fixed = raw.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return unicodedata.normalize("NFC", fixed) if fixed != text else None


def _legacy(data: bytes, name: str) -> str:
    """Windows-1258 when every non-ASCII letter it yields is Vietnamese; else refuse.

    TCVN3 bytes read as Windows-1258 give letters like `Ö`, `µ`, `¬` that Vietnamese never
    uses; that is how the two are told apart."""
    text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    odd = [ch for ch in text if ord(ch) > 127 and ch not in _VN_LETTERS and ch not in _TYPOGRAPHY]
    if not odd:
        return text
    looks_tcvn3 = any(ch in text for ch in "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉËÌÐÎÏÑªÒÕÓÔÖ×ØÜÙÚÛ«¬ß") and "\ufffd" not in text
    encoding = "TCVN3 (ABC)" if looks_tcvn3 else "không phải UTF-8 hay Windows-1258"
    raise InputError(Problem(f"tệp dùng bảng mã {encoding}: không đọc được chữ tiếng Việt "
                             f"(ví dụ ký tự '{odd[0]}')", file=name, hint=_LEGACY_HINT))


def _sniff(text: str, columns: dict) -> str:
    """The separator that makes the most known column names in the first lines."""
    lines = text.splitlines()[:HEADER_SCAN_ROWS]
    known = {a for aliases in columns.values() for a in aliases}
    best, score = ",", -1
    for sep in (",", ";", "\t"):
        s = max((sum(1 for c in next(csv.reader([line], delimiter=sep), []) if fold_header(c) in known)
                 for line in lines), default=0)
        if s > score:
            best, score = sep, s
    return best


# ---------------------------------------------------------------- headers and sheets

def _map_headers(headers, columns, required, name, row=1):
    folded = [fold_header(_INVISIBLE.sub("", str(h or ""))) for h in headers]
    # `Giá trị (số liệu)`, `Số liệu (hồ sơ)`: a bracketed unit or gloss does not rename a column.
    bare = [fold_header(_BRACKETED.sub(" ", _INVISIBLE.sub("", str(h or "")))) for h in headers]
    mapping: dict[str, int] = {}
    problems = []
    for canon, aliases in columns.items():
        for alias in aliases:
            names = folded if alias in folded else bare
            if alias in names:
                places = [i for i, f in enumerate(names) if f == alias]
                if len(places) > 1:
                    problems.append(Problem(
                        f"tên cột '{headers[places[0]]}' xuất hiện {len(places)} lần "
                        f"(các cột thứ {', '.join(str(p + 1) for p in places)}): không biết dùng cột nào",
                        file=name, row=row, column=canon, hint="đổi tên hoặc xóa cột thừa"))
                mapping[canon] = places[0]
                break
    shown = ", ".join(str(h) for h in headers if str(h or "").strip()) or "không có cột nào"
    problems += [
        Problem(f"thiếu cột '{c}'", file=name, row=row, column=c,
                hint=f"dòng tên cột phải có các cột: {', '.join(required)} (đang có: {shown})")
        for c in required if c not in mapping]
    return mapping, problems


def _header(grid, columns, required, name):
    """(index of the header row in grid, mapping, problems)."""
    best = None
    for index, (number, cells) in enumerate(grid[:HEADER_SCAN_ROWS]):
        if all(_blank(c) for c in cells):
            continue
        mapping, problems = _map_headers([text_of(c) if not isinstance(c, Problem) else "" for c in cells],
                                         columns, required, name, row=number)
        if not any(p.message.startswith("thiếu cột") for p in problems):
            return index, mapping, problems
        if best is None or len(mapping) > len(best[1]):
            best = (index, mapping, problems)
    if best is None:
        return None, {}, [Problem("tệp trống, không có dữ liệu", file=name,
                                  hint="dòng đầu phải là tên cột, các dòng sau là dữ liệu")]
    return best


def _choose(grids: dict, columns, required, name):
    found, first, best = [], None, -1
    for sheet, grid in grids.items():
        at, mapping, problems = _header(grid, columns, required, name)
        # No sheet has the table: the problems shown are those of the sheet that comes
        # closest (an empty `Sheet1` before the data must not hide a misspelt column).
        if len(mapping) > best:
            first, best = (grid, at, mapping, [_on_sheet(p, sheet, len(grids)) for p in problems]), len(mapping)
        if at is not None and not problems:
            found.append((sheet, grid, at, mapping))
    if len(found) == 1:
        _, grid, at, mapping = found[0]
        return grid, at, mapping, []
    if len(found) > 1:
        sheets = ", ".join(f"'{s}'" for s, *_ in found)
        return None, None, {}, [Problem(
            f"có {len(found)} trang tính cùng có các cột dữ liệu ({sheets}): không biết dùng trang nào",
            file=name, hint="xóa các trang thừa hoặc đổi tên cột của chúng, chỉ để lại một trang dữ liệu")]
    return first


def _on_sheet(problem: Problem, sheet, count: int) -> Problem:
    if sheet is None or count < 2:
        return problem
    return Problem(f"{problem.message} (trang tính '{sheet}')", problem.file, problem.row,
                   problem.column, problem.hint)
