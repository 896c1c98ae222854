"""Nơi nhận (Phụ lục I, Phần I, mục II.9)."""

from __future__ import annotations

import re

from ..structure import CONG_VAN, Doc, has_blank, is_placeholder
from ..text import fold, norm, short, squash
from . import Finding, rule
from .common import fmt, where


_NO_RECIPIENTS = {"HỢP ĐỒNG", "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "THƯ CÔNG", "PHIẾU GỬI", "PHIẾU CHUYỂN",
                  "PHIẾU BÁO", "GIẤY ỦY QUYỀN"}
_LUU = re.compile(r"^- Lưu: VT(, .+)?\.$")


@rule("NN", "Nơi nhận: “Nơi nhận:” cỡ 12, nghiêng, đậm; mỗi nơi “- …;” cỡ 11; dòng cuối “- Lưu: VT, …”",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.9.d (ô số 9b)")
def check_recipients(doc: Doc):
    p = doc.nn
    if p is None and (doc.kind in _NO_RECIPIENTS or doc.attached is not None):
        return  # contracts, memoranda, slips and letters have no Nơi nhận; an attached quy chế uses the decision's
    if p is None:
        yield Finding("NN", "thiếu phần “Nơi nhận:” (cột trái, ngang dòng chức vụ người ký)",
                      f"bảng {doc.sig_table.number}, cột trái" if doc.sig_table else "cuối văn bản")
        return
    if norm(p.text) != "Nơi nhận:":
        yield Finding("NN", f"viết “{short(p.text, 20)}” (Nghị định: “Nơi nhận:” riêng một dòng, sau có dấu hai chấm)",
                      where(p))
    yield from fmt("NN", p, "“Nơi nhận:”", size=(24, 24), bold=True, italic=True)
    items, texts = [], {}
    for q in doc.nn_items:
        if norm(q.text)[:1] in "-–•":
            items.append(q)
            texts[id(q)] = squash(q.text)
        elif items and not fold(q.text).startswith("luu"):
            # A recipient wrapped onto the next line (`- Các bộ, cơ quan ngang bộ,` / `cơ quan
            # thuộc Chính phủ;`): one item, its end is the end of the last line.
            texts[id(items[-1])] += " " + squash(q.text)
    if not items:
        yield Finding("NN", "không có danh sách nơi nhận (mỗi nơi một dòng “- …;”)", where(p))
        return
    luu = next((q for q in reversed(items) if fold(q.text).startswith("luu")), None)
    if luu is None:
        yield Finding("NN", "thiếu dòng lưu “- Lưu: VT, <đơn vị soạn thảo>.” ở cuối nơi nhận", where(items[-1]))
    elif not _LUU.match(squash(luu.text)) and not has_blank(luu.text):
        yield Finding("NN", f"dòng lưu viết “{squash(luu.text)}” (Nghị định: “- Lưu: VT, NV.” — sau “Lưu” có dấu "
                            "hai chấm, chữ VT, dấu phẩy, đơn vị soạn thảo, cuối có dấu chấm)", where(luu))
    elif luu is not items[-1]:
        yield Finding("NN", "dòng “- Lưu: …” phải là dòng cuối cùng của nơi nhận", where(items[-1]))
    for q in items:
        t = texts[id(q)]
        if q is luu:
            continue
        if not t.startswith("- "):
            yield Finding("NN", f"nơi nhận “{short(t, 30)}” phải bắt đầu bằng gạch đầu dòng “- ”", where(q))
        if not t.endswith(";") and not t.endswith(":"):
            yield Finding("NN", f"nơi nhận “{short(t, 30)}” phải kết thúc bằng dấu chấm phẩy (;)", where(q))
    if (doc.kind == CONG_VAN or doc.kg is not None) and squash(items[0].text) != "- Như trên;" \
            and not is_placeholder(squash(items[0].text).lstrip("- ")):
        yield Finding("NN", "nơi nhận đầu tiên phải là “- Như trên;” (văn bản có “Kính gửi”)", where(items[0]))
    for q in items:
        yield from fmt("NN", q, "nơi nhận", size=(22, 22), italic=False, bold=False)
