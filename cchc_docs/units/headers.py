"""The agency lines of a Decree 30 header, per level of government.

Decree 30 (PL I, II.2): the cơ quan chủ quản line only where there is one; a People's
Committee has none (`ỦY BAN NHÂN DÂN` / `TỈNH HÀ TĨNH`), a Sở has its province's committee
(`UBND TỈNH HÀ TĨNH` / `SỞ NỘI VỤ`). A name too long for the header's left column is
broken between words of meaning (after `ỦY BAN NHÂN DÂN`, before the unit type `TỈNH`,
`XÃ`…), never inside a place name as Word's own wrapping does (`UBND HUYỆN HƯƠNG / SƠN`).
"""

from __future__ import annotations

from ..vn import nfc

# Advance widths of Times New Roman Bold capitals (1/1000 em; Liberation Serif has the
# same metrics). Tone marks sit above or below and add no width; ư and ơ carry a horn.
_WIDTH = {"A": 722, "B": 667, "C": 722, "D": 722, "Đ": 722, "E": 667, "F": 611, "G": 778,
          "H": 778, "I": 389, "J": 500, "K": 778, "L": 667, "M": 944, "N": 722, "O": 778,
          "Ơ": 778, "P": 611, "Q": 778, "R": 722, "S": 556, "T": 667, "U": 722, "Ư": 796,
          "V": 722, "W": 1000, "X": 722, "Y": 722, "Z": 667, " ": 250, ".": 250, "-": 333,
          ",": 250, "&": 833, "(": 333, ")": 333, "/": 278}
# Times New Roman Regular, for the chủ quản line (Decree 30: upright, not bold).
_REGULAR = {**_WIDTH, "C": 667, "E": 611, "F": 556, "G": 722, "H": 722, "I": 333, "J": 389, "K": 722,
            "L": 611, "M": 889, "O": 722, "Ơ": 722, "P": 556, "Q": 722, "R": 667, "T": 611, "Ư": 780,
            "W": 944, "Z": 611, "&": 778}
_DIGIT = 500
# The header's left column is 3742 twips with 57-twip cell margins each side: 181 pt.
LEFT_COLUMN_PT = (3742 - 2 * 57) / 20
SIZE_PT = 13
COMMITTEE = "ỦY BAN NHÂN DÂN"
# Words that open the place part of a name: a break before them keeps the place whole.
_UNIT_WORDS = ("THÀNH PHỐ", "ĐẶC KHU", "THỊ TRẤN", "THỊ XÃ", "TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG",
               "THÔN", "TỔ DÂN PHỐ", "BẢN", "ẤP", "KHỐI")


def _base(ch: str) -> str:
    import unicodedata

    d = unicodedata.normalize("NFD", ch)
    horn = "\u031b" in d
    base = d[:1]
    if horn:
        return {"U": "Ư", "O": "Ơ"}.get(base, base)
    return "Đ" if ch in "Đđ" else base


def width_pt(text: str, size: float = SIZE_PT, bold: bool = True) -> float:
    """Printed width of upper-case text in points (Times New Roman, bold or regular)."""
    table = _WIDTH if bold else _REGULAR
    total = 0
    for ch in nfc(text).upper():
        total += _DIGIT if ch.isdigit() else table.get(_base(ch), 722)
    return total * size / 1000


def fits(text: str, bold: bool = True) -> bool:
    return width_pt(text, bold=bold) <= LEFT_COLUMN_PT


def header_lines(name: str, bold: bool = True) -> list[str]:
    """One agency name as the lines of the header's left column.

    `ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH` → [`ỦY BAN NHÂN DÂN`, `TỈNH HÀ TĨNH`];
    `SỞ NỘI VỤ` → [`SỞ NỘI VỤ`]; `UBND THÀNH PHỐ HỒ CHÍ MINH` → [`UBND THÀNH PHỐ`, `HỒ CHÍ MINH`].
    """
    text = nfc(name).upper()
    if not text:
        return []
    if text.startswith(COMMITTEE + " "):
        return [COMMITTEE, *header_lines(text[len(COMMITTEE) + 1:], bold)]
    if fits(text, bold):
        return [text]
    words = text.split(" ")
    cuts = []
    for k in range(1, len(words)):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        # Prefer a break right after a unit word (`UBND THÀNH PHỐ` / `HỒ CHÍ MINH`), then
        # before one (`SỞ NỘI VỤ` / `TỈNH …`): the place name stays whole; else the most
        # even split that fits.
        # `VÀ` joins the last part of a name: `SỞ VĂN HÓA, THỂ THAO` / `VÀ DU LỊCH`, never
        # inside `THỂ THAO`.
        before_unit = any(tail.startswith(u + " ") for u in (*_UNIT_WORDS, "VÀ"))
        after_unit = any(head == u or head.endswith(" " + u) for u in _UNIT_WORDS)
        dash = tail.startswith("- ")  # a line never opens with the dash of `QUY HOẠCH - KIẾN TRÚC`
        rank = 3 if dash else 0 if after_unit else 1 if before_unit else 2
        cuts.append((not (fits(head, bold) and fits(tail, bold)), rank,
                     abs(width_pt(head, bold=bold) - width_pt(tail, bold=bold)), k))
    _, _, _, k = min(cuts)
    return [" ".join(words[:k]), *header_lines(" ".join(words[k:]), bold)]


def header_context(parent: str, name: str) -> dict[str, list[str]]:
    """Template fields of the header's left column: chủ quản lines (none for a People's
    Committee) and issuing-agency lines."""
    from ..ooxml.blueprints import RULE_WIDTHS

    lines = header_lines(name)
    longest = max((width_pt(line) * 20 for line in lines), default=0)  # twips
    rule = min(RULE_WIDTHS, key=lambda w: abs(w - 0.45 * longest))
    return {"parent_lines": header_lines(parent, bold=False), "agency_lines": lines, "agency_rule": rule}
