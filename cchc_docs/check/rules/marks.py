"""Marks and wording the decree sets apart from layout: khẩn/mật marks (Phụ lục I, mục II.10),
Vietnamese typed without diacritics (mục I.4), the capitals of agency names (Phụ lục II)."""

from __future__ import annotations

import re

from ..structure import Doc, shown
from ..text import fold, is_upper, squash
from . import Finding, rule
from .common import agg, fmt, where

_MARKS = {"khan": "KHẨN", "thuongkhan": "THƯỢNG KHẨN", "hoatoc": "HỎA TỐC", "hoatochengio": "HỎA TỐC HẸN GIỜ",
          "mat": "MẬT", "toimat": "TỐI MẬT", "tuyetmat": "TUYỆT MẬT"}


@rule("KM", "Dấu khẩn (KHẨN, THƯỢNG KHẨN, HỎA TỐC) và dấu mật (MẬT, TỐI MẬT, TUYỆT MẬT): in hoa, đậm, cỡ 13–14",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.10")
def check_marks(doc: Doc):
    for p in doc.header_area:
        key = fold(p.text)
        if key not in _MARKS or len(squash(p.text)) > 20:
            continue
        want = _MARKS[key]
        if not is_upper(shown(p)):
            yield Finding("KM", f"dấu “{squash(p.text)}” không viết in hoa (Nghị định: “{want}”)", where(p))
        yield from fmt("KM", p, f"dấu {want.lower()}", size=(26, 28), bold=True, italic=False)


# Syllables that only Vietnamese typed without marks produces: "cua", "duoc", "nguoi"... An
# English or French text hits almost none of them; a Vietnamese one hits one word in four.
_BARE = frozenset("cua cac duoc nguoi viec nhung trong thuc hien theo quy dinh bao cao tinh huyen xa dan nhan "
                  "uy ban phong so tren ngay thang nam chinh phu ve voi tai nay cong tac ke hoach de nghi "
                  "giai quyet thu tuc hanh doi va cho tham gia dong du dau tu xay dung bo tai hoi thanh truong "
                  "phan tong hop ong ba kinh gui noi luu dia phuong nhu can cu luat dao tao kiem tra don vi chuc "
                  "quan phuc dap neu tren".split())


@rule("DAU", "Văn bản tiếng Việt gõ đủ dấu (không gõ không dấu)", "NĐ 30/2020, Phụ lục I, Phần I, mục I.4")
def check_diacritics(doc: Doc):
    bad = []
    for p in doc.body:
        words = re.findall(r"[A-Za-zÀ-ỹĐđ]+", p.text)
        if len(words) < 12 or not p.text.isascii():
            continue
        hits = sum(w.lower() in _BARE for w in words)
        if hits * 4 >= len(words):
            bad.append(p)
    if bad:
        yield from agg("DAU", {"đoạn văn tiếng Việt gõ không dấu (Nghị định: tiếng Việt, bộ mã Unicode)": bad})


# Phụ lục II, mục II: "Ủy ban nhân dân", "Hội đồng nhân dân": only the first word capitalised.
_AGENCY_CAPS = re.compile(r"\b(Ủy|Uỷ) (Ban Nhân Dân|ban Nhân dân|Ban nhân dân)\b|\bHội (Đồng Nhân Dân|đồng Nhân dân|"
                          r"Đồng nhân dân)\b")


@rule("HOA", "Viết hoa tên cơ quan theo Phụ lục II: “Ủy ban nhân dân”, “Hội đồng nhân dân”",
      "NĐ 30/2020, Phụ lục II (viết hoa tên cơ quan, tổ chức)")
def check_capitals(doc: Doc):
    bad = {}
    for p in [*doc.body, *([doc.kg] if doc.kg else []), *doc.kg_items]:
        if is_upper(p.text):
            continue
        for m in _AGENCY_CAPS.finditer(p.text):
            right = "Ủy ban nhân dân" if m.group(0).lower().startswith(("ủy", "uỷ")) else "Hội đồng nhân dân"
            bad.setdefault(f"viết “{m.group(0)}” (Phụ lục II: “{right}” — chỉ viết hoa chữ đầu)", []).append(p)
    yield from agg("HOA", bad)
