"""Appendices (Phụ lục I, Phần I, mục III.1)."""

from __future__ import annotations

import re

from ...ooxml.reader import Para
from ..structure import Doc, has_blank, is_placeholder
from ..text import fold, squash
from . import Finding, rule
from .common import fmt, where


@rule("PL", "Phụ lục: “Phụ lục I” riêng một dòng, canh giữa, cỡ 14, đậm; tên phụ lục in hoa, đậm; "
            "“(Kèm theo …)” in nghiêng", "NĐ 30/2020, Phụ lục I, Phần I, mục III.1", scope="page")
def check_appendices(doc: Doc):
    heads = doc.appendix_heads
    if heads and doc.mode == "admin":
        yield from _cited(doc, heads)
    for k, p in enumerate(heads):
        text = squash(p.text)
        if has_blank(text):
            pass  # `Phụ lục …1...`: the model form's blank for the number
        elif not re.fullmatch(r"Phụ lục( [IVXLC]+)?", text):
            yield Finding("PL", f"viết “{text}” (Nghị định: “Phụ lục” in thường, số thứ tự bằng chữ số La Mã: "
                                "“Phụ lục I”)", where(p))
        elif len(heads) > 1 and text == "Phụ lục":
            yield Finding("PL", "văn bản có từ hai phụ lục trở lên: phải đánh số La Mã (Phụ lục I, II…)", where(p))
        yield from fmt("PL", p, "tiêu đề phụ lục", size=(28, 28), bold=True, italic=False, jc=("center",))
        nxt = [b for b in doc.pkg.blocks[p.index + 1:p.index + 8] if isinstance(b, Para) and b.text.strip()]
        if not nxt or fold(nxt[0].text).startswith("kemtheo"):
            continue  # the title is optional ("tên Phụ lục (nếu có)")
        title = nxt[0]
        if not is_placeholder(title.text):
            yield from fmt("PL", title, "tên phụ lục", size=(26, 28), bold=True, upper=True, jc=("center",))
        note = next((q for q in nxt[1:3] if fold(q.text).startswith("kemtheo")), None)
        if note is None:
            yield Finding("PL", "thiếu dòng chỉ dẫn “(Kèm theo … số …/… ngày … của …)” dưới tên phụ lục", where(title))
        else:
            yield from fmt("PL", note, "chỉ dẫn kèm theo", size=(26, 28), italic=True, jc=("center",))


def _cited(doc: Doc, heads):
    """The body must point to each appendix (III.1.a): `Phụ lục I`, or `phụ lục kèm theo` for one."""
    text = " ".join(squash(b.text) for b in doc.main if isinstance(b, Para)).lower()
    if "phụ lục" not in text and "kèm theo" not in text:  # "danh sách kèm theo Quyết định này" cites it too
        yield Finding("PL", "văn bản có phụ lục nhưng nội dung không nhắc tới phụ lục (Nghị định: trong văn bản "
                            "phải có chỉ dẫn về phụ lục)", where(heads[0]),
                      fix="thêm vào nội dung chỉ dẫn, ví dụ “(chi tiết tại Phụ lục I kèm theo)”")
        return
    if len(heads) > 1:
        for p in heads:
            m = re.fullmatch(r"Phụ lục ([IVXLC]+)", squash(p.text))
            if m and not re.search(rf"phụ lục {m.group(1).lower()}\b", text) and "các phụ lục" not in text:
                yield Finding("PL", f"nội dung không nhắc tới “{m.group(0)}”", where(p),
                              fix=f"thêm chỉ dẫn “(chi tiết tại {m.group(0)} kèm theo)” vào nội dung")
