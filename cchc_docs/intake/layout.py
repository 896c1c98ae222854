"""Where things are in a returned form: the header row, column roles, labelled cells.

Columns are found by header text, since Word users insert and merge columns.
"""

from __future__ import annotations

from ..errors import Problem
from ..ooxml.sheet import col_letters
from ..vn import fold_header, nfc
from .model import RawReturn
from .values import BRACKETS, STATUS_WORDS

HEADER_SCAN_ROWS = 30

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
_ROLE_BY_FOLD = {alias: role for role, aliases in ROLES.items() for alias in aliases}
for _status, _words in STATUS_WORDS.items():
    # A Word user may split `Tình trạng` into one tick column per status.
    for _w in _words:
        _ROLE_BY_FOLD[_w] = f"tick:{_status}"
LABEL_CODE = ("madonvi", "maxa", "madvhc", "madonvihanhchinh")
LABEL_DATE = ("ngaybaocao", "ngaygui")


def role_of(header: object) -> str | None:
    text = BRACKETS.sub(" ", nfc(header))
    return _ROLE_BY_FOLD.get(fold_header(text))


def find_header(rows):
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


def labelled(rows, label: tuple[str, ...], excel: bool, raw: bool = False):
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


def no_table(name, mtime, kind) -> RawReturn:
    where = "dòng tiêu đề" if kind == "xlsx" else "bảng"
    return RawReturn(name=name, kind=kind, mtime=mtime, readable=False, problems=(Problem(
        f"bỏ qua tệp: không tìm thấy {where} có cột 'Mã dòng'/'Mã' và 'Tình trạng'", file=name,
        hint="phiếu phải giữ nguyên bảng của mẫu do cchc forms tạo ra"),))
