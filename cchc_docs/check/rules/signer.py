"""The signer block (Phụ lục I, Phần I, mục II.7): authority, position and name of the signer."""

from __future__ import annotations

import re

from ..structure import Doc, is_placeholder, nonempty, shown
from ..text import norm, short, squash
from . import Finding, rule
from .common import fmt, where


_AUTHORITY_BAD = re.compile(r"(T/?M|K/?T|Q|T/?L|TUQ)[./]*", re.IGNORECASE)
_AUTHORITY_GLUED = re.compile(r"(TM|KT|Q|TL|TUQ)\.[^\W\d_]")
_TITLES = re.compile(r"^(GS|PGS|TS|ThS|TSKH|BS|KS|CN|Th\.S|T\.S|GS\.TS|PGS\.TS)\.?\s", re.IGNORECASE)


def _bare(text: str) -> str:
    # `[ (Đã ký)`, `dấu/chữ ký số … (nếu có))5`: stray brackets and a model form's note number.
    return re.sub(r"[\s\d]+$", "", norm(text).lstrip("[ "))


def signer_lines(paras):
    """The authority, position and name lines: placeholders in parentheses are left out,
    including one split over lines or paragraphs (`(Chữ ký của người có thẩm quyền,` /
    `dấu/chữ ký số của cơ quan, tổ chức)`). A blank to fill (`…………`) stays: it holds the
    name's place on a form the signer completes."""
    out, depth = [], 0
    for p in paras:
        t = _bare(p.text)
        opened = depth > 0 or t.startswith("(")
        depth = max(depth + t.count("(") - t.count(")"), 0) if opened else 0
        if opened or not t:
            continue
        out.append(p)
    return out


@rule("SG", "Chữ ký: quyền hạn (TM., KT., Q., TL., TUQ.) và chức vụ in hoa, đậm, cỡ 13–14; họ tên in thường, "
            "đậm, không ghi học hàm, học vị", "NĐ 30/2020, Phụ lục I, Phần I, mục II.7")
def check_signer(doc: Doc):
    t = doc.sig_table
    if t is None:
        yield Finding("SG", "không tìm thấy khối chữ ký (cột phải của bảng cuối văn bản)", "cuối văn bản",
                      "undecided")
        return
    lines = signer_lines(nonempty(doc.right_side(t)))
    if len(lines) < 2:
        yield Finding("SG", "khối chữ ký thiếu chức vụ hoặc họ tên người ký (Nghị định: quyền hạn, chức vụ, "
                            "họ tên)", f"bảng {t.number}, cột phải")
        return
    titles, name = lines[:-1], lines[-1]
    tok = squash(shown(titles[0])).split(" ")[0]
    if (_AUTHORITY_BAD.fullmatch(tok) and tok not in ("TM.", "KT.", "Q.", "TL.", "TUQ.")) \
            or _AUTHORITY_GLUED.match(tok):
        yield Finding("SG", f"viết tắt quyền hạn “{tok}” sai (Nghị định: “TM.”, “KT.”, “Q.”, "
                            "“TL.”, “TUQ.” — in hoa, có dấu chấm, sau là dấu cách)", where(titles[0]))
    for p in titles:
        yield from fmt("SG", p, "quyền hạn, chức vụ người ký", size=(26, 28), bold=True, italic=False, upper=True)
    if not is_placeholder(name.text):
        yield from fmt("SG", name, "họ tên người ký", size=(26, 28), bold=True, italic=False, upper=False)
    for k, p in enumerate(titles):
        line = squash(shown(p)).upper()
        above = squash(shown(titles[k - 1])) if k > 0 else ""
        if doc.kind in ("HỢP ĐỒNG", "BẢN GHI NHỚ", "BẢN THỎA THUẬN") or "PHỤ TRÁCH" in line:
            continue  # a party's representative; a deputy in charge signs in his own name
        if line.startswith("PHÓ ") and not above.startswith(("KT.", "TUQ.")):
            yield Finding("SG", f"cấp phó ký (“{short(p.text, 30)}”) nhưng dòng trên không ghi “KT.” (Nghị định: cấp phó "
                                "ký thay người đứng đầu ghi “KT.” trước chức vụ của người đứng đầu)", where(p),
                          fix="thêm dòng “KT. <CHỨC VỤ NGƯỜI ĐỨNG ĐẦU>” ngay trên dòng chức vụ cấp phó, "
                              "ví dụ “KT. CHỦ TỊCH” / “PHÓ CHỦ TỊCH”")
    if _TITLES.match(squash(name.text)):
        yield Finding("SG", "trước họ tên người ký có học hàm, học vị (Nghị định: không ghi học hàm, học vị, "
                            "danh hiệu)", where(name))
