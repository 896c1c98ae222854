"""Page setup (Phụ lục I, Phần I, mục I and III.1.đ): paper size, margins, fonts and encoding,
page numbers."""

from __future__ import annotations

import re
import unicodedata

from ...ooxml.reader import Para, Table
from ..structure import Doc
from ..text import legacy_encoded
from . import Finding, rule
from .common import JC, agg, pt, where

REF = "NĐ 30/2020, Phụ lục I, Phần I"


def _mm(twips: int) -> str:
    mm = twips / 56.6929
    return f"{mm:.0f}" if abs(mm - round(mm)) < 0.15 else f"{mm:.1f}".replace(".", ",")


def _section_label(doc: Doc, index: int) -> str:
    return "toàn văn bản" if len(doc.pkg.sections) == 1 else f"section {index + 1} của văn bản"


A4 = (11906, 16838)


# Producers round A4 differently (Word 11906 × 16838, others 11900 × 16840): a size within
# half a millimetre of A4 is A4 (it prints and shows as 210 × 297 mm).
_A4_SLACK = 28


def _is_a4(size) -> str | None:
    w, h = size
    if abs(w - A4[0]) <= _A4_SLACK and abs(h - A4[1]) <= _A4_SLACK:
        return "portrait"
    if abs(w - A4[1]) <= _A4_SLACK and abs(h - A4[0]) <= _A4_SLACK:
        return "landscape"
    return None


_PAPERS = {(12240, 15840): "Letter", (12240, 20160): "Legal", (16838, 23811): "A3", (8391, 11906): "A5"}


def _landscape_ok(doc: Doc, s) -> bool:
    """Landscape is for appendices and for tables that are not made an appendix."""
    if s.index == 0:
        return any(isinstance(b, Table) and b is not doc.header_table and b is not doc.sig_table
                   for b in s.blocks)
    head = next((b for b in s.blocks if isinstance(b, Table) or b.text.strip()), None)
    # A diagram (shapes, text boxes, pictures) is laid out like a table: it may need the width.
    if any(isinstance(b, Para) and (b.shape or b.image) for b in s.blocks):
        return True
    return any(isinstance(b, Table) for b in s.blocks) or any(p.sect == s.index for p in doc.appendix_heads) \
        or head is None


@rule("PG-A4", "Khổ giấy A4 (210 × 297 mm), trình bày theo chiều dài; khổ ngang chỉ cho bảng, phụ lục",
      f"{REF}, mục I.1–2", scope="page")
def check_page_size(doc: Doc):
    for s in doc.pkg.sections:
        label = _section_label(doc, s.index)
        size = s.size
        if size is None:
            yield Finding("PG-A4", "không ghi khổ giấy (w:pgSz): khổ in ra tùy máy", label, "undecided")
            continue
        shape = _is_a4(size)
        if shape is None:
            w, h = size
            name = _PAPERS.get((min(w, h), max(w, h)))
            yield Finding("PG-A4", f"khổ giấy {_mm(w)} × {_mm(h)} mm{f' ({name})' if name else ''} "
                                   "(Nghị định: A4 210 × 297 mm)", label)
        elif shape == "landscape" and not _landscape_ok(doc, s):
            yield Finding("PG-A4", "trang khổ ngang không chứa bảng hay phụ lục (Nghị định: trình bày "
                                   "theo chiều dài khổ A4; chiều ngang chỉ cho bảng, biểu)", label)


_MARGINS = (("top", "trên", 1134, 1418), ("bottom", "dưới", 1134, 1418),
            ("left", "trái", 1701, 1985), ("right", "phải", 850, 1134))


@rule("PG-MAR", "Lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm", f"{REF}, mục I.3", scope="page")
def check_margins(doc: Doc):
    seen = set()
    for s in doc.pkg.sections:
        if s.el is None:
            continue
        bad = []
        for side, name, lo, hi in _MARGINS:
            v = s.margin(side)
            if v is None:
                continue
            if side == "left":
                v += s.margin("gutter") or 0
            if not lo - 3 <= v <= hi + 3:
                bad.append(f"lề {name} {_mm(v)} mm (Nghị định: {_mm(lo)}–{_mm(hi)} mm)")
        if bad and tuple(bad) not in seen:
            seen.add(tuple(bad))
            yield Finding("PG-MAR", "; ".join(bad), _section_label(doc, s.index))


def _all_text_paras(doc: Doc):
    yield from doc.pkg.body_paras
    yield from doc.pkg.textbox_paras
    for kind in ("header", "footer"):
        for story in doc.pkg.all_stories(kind):
            yield from story.paras
    yield from doc.pkg.footnote_paras


_TNR = re.compile(r"times new roman( (bold|italic|bold italic))?", re.IGNORECASE)
_SYMBOL_FONTS = {"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings", "mt extra",
                 "zapfdingbats", "segoe ui symbol"}
_LEGACY_FONT = re.compile(r"^(\.vn|vni[- ]|vn[a-z])", re.IGNORECASE)


@rule("FT-TNR", "Phông chữ Times New Roman (Unicode), màu đen; không dùng phông cũ .VnTime, VNI-Times",
      f"{REF}, mục I.4", scope="page")
def check_font(doc: Doc):
    problems: dict[str, list[Para]] = {}
    undecided: dict[str, list[Para]] = {}
    for p in _all_text_paras(doc):
        for r in p.text_runs():
            fonts = set()
            if any(c.isascii() and not c.isspace() for c in r.text):
                fonts.add(r.rp.get("f_ascii") or "Times New Roman")
            if not r.text.isascii():
                fonts.add(r.rp.get("f_hAnsi") or "Times New Roman")
            for font in fonts:
                name = font.strip()
                if _TNR.fullmatch(name):
                    continue  # "Times New Roman Bold" names a face of Times New Roman
                if name.lower() in _SYMBOL_FONTS and not any(c.isalpha() for c in r.text):
                    continue  # a tick box or arrow from a symbol font, not text
                if name.startswith("(theme:"):
                    undecided.setdefault(f"phông chữ lấy theo theme ({name[7:-1]}) nhưng tệp không có theme "
                                         "để xác định", []).append(p)
                elif _LEGACY_FONT.match(name):
                    problems.setdefault(f"phông chữ cũ '{name}' (bảng mã TCVN3/VNI, không phải Unicode; "
                                        "Nghị định: Times New Roman, Unicode TCVN 6909:2001)", []).append(p)
                else:
                    problems.setdefault(f"phông chữ '{name}' (Nghị định: Times New Roman)", []).append(p)
            color = (r.rp.get("color") or "auto").lower()
            if color not in ("auto", "000000"):
                problems.setdefault(f"chữ màu #{color.upper()} (Nghị định: màu đen)", []).append(p)
    yield from agg("FT-TNR", problems)
    for f in agg("FT-TNR", undecided):
        yield Finding(f.rule, f.message, f.where, "undecided")


def _table_label(t):
    p = Para({}, f"bảng {t.number}")
    p.text = f"bảng {t.number} ({len(t.skipped)} hàng cùng định dạng)"
    return p


@rule("FT-UNI", "Văn bản mã Unicode (TCVN 6909:2001), không dùng bảng mã TCVN3/VNI; chuẩn hóa NFC",
      f"{REF}, mục I.4", scope="page")
def check_unicode(doc: Doc):
    legacy, decomposed = [], []
    for p in _all_text_paras(doc):
        t = p.text
        if not t.strip():
            continue
        if legacy_encoded(t):
            legacy.append(p)
        elif not unicodedata.is_normalized("NFC", t):
            decomposed.append(p)
    for t in doc.pkg.tables:
        # Rows shaped like rows already read keep only their text (ooxml.reader): checked here.
        for text in t.skipped:
            if legacy_encoded(text):
                legacy.append(_table_label(t))
                break
            if not unicodedata.is_normalized("NFC", text):
                decomposed.append(_table_label(t))
                break
    problems = {}
    if legacy:
        problems["chữ gõ bằng bảng mã cũ TCVN3/VNI, hiển thị sai khi không có phông .VnTime/VNI "
                 "(Nghị định: bộ mã Unicode TCVN 6909:2001; chuyển mã bằng Unikey/EVKey)"] = legacy
    if decomposed:
        problems["chữ Unicode dạng tổ hợp (NFD): dấu tách rời chữ, tìm kiếm và sắp xếp sai "
                 "(quy ước của dự án: chuẩn hóa NFC)"] = decomposed
    yield from agg("FT-UNI", problems)


def _page_para_checks(story, rule_id="PN-1"):
    for p in story.page_paras:
        runs = p.field_rps or [r.rp for r in p.runs]
        bad = sorted({rp.get("sz", 20) for rp in runs if not 26 <= rp.get("sz", 20) <= 28})
        if bad:
            yield Finding(rule_id, f"số trang cỡ chữ {', '.join(pt(s) for s in bad)} (Nghị định: 13–14)",
                          where(p, p.loc))
        if p.pp.get("jc", "left") != "center":
            yield Finding(rule_id, f"số trang căn lề {JC.get(p.pp.get('jc', 'left'), p.pp.get('jc'))} "
                                   "(Nghị định: canh giữa trong lề trên)", p.loc)
        if any(rp.get("i") for rp in runs):
            yield Finding(rule_id, "số trang in nghiêng (Nghị định: kiểu chữ đứng)", p.loc)


_ROMAN_FIELD = re.compile(rb"PAGE\s*\\\*\s*(roman|ROMAN|Roman|alphabetic|ALPHABETIC|Alphabetic)")
_ROMAN_FMT = ("lowerRoman", "upperRoman", "lowerLetter", "upperLetter")


def _arabic_numbers(doc: Doc, header):
    """Page numbers in Arabic numerals: neither the section's number format nor the field's switch
    (`PAGE \\* ROMAN`) may turn them into roman numerals or letters."""
    for s in doc.pkg.sections:
        fmt_ = s._get("pgNumType", "fmt")
        if fmt_ in _ROMAN_FMT:
            yield Finding("PN-1", f"số trang định dạng {fmt_} (chữ số La Mã hoặc chữ cái) (Nghị định: chữ số Ả Rập)",
                          _section_label(doc, s.index), fix="Insert → Page Number → Format Page Numbers → “1, 2, 3…”")
            return
    data = doc.pkg.parts.get(header.name, b"")
    if _ROMAN_FIELD.search(data):
        yield Finding("PN-1", "trường số trang có định dạng La Mã hoặc chữ cái (PAGE \\* ROMAN) "
                              "(Nghị định: chữ số Ả Rập)", header.paras[0].loc if header.paras else "đầu trang",
                      fix="Insert → Page Number → Format Page Numbers → “1, 2, 3…”")


def _one_page(doc: Doc) -> bool:
    """Whether the document fits on one page: Word's page count (docProps/app.xml) when the
    text is short enough to agree with it (python-docx copies a stale count), else an estimate."""
    lines = 0
    for b in doc.pkg.sections[0].blocks:
        for p in b.paras() if isinstance(b, Table) else [b]:
            lines += 1 + len(p.text) // 90
    if lines > 55:
        return False
    # Word's count covers the whole file; with appendix sections only the estimate speaks
    # for the first section (the one whose header is checked here).
    pages = doc.pkg.app_pages if len(doc.pkg.sections) == 1 else None
    return pages == 1 if pages is not None else lines <= 40


@rule("PN-1", "Số trang bằng chữ số Ả Rập, cỡ 13–14, đứng, canh giữa ở lề trên; không hiện số ở trang 1",
      f"{REF}, mục I.7", scope="page")
def check_page_numbers(doc: Doc):
    pkg = doc.pkg
    s0 = pkg.sections[0]
    default = pkg.effective("header", "default")[0][1]
    first = pkg.effective("header", "first")[0][1]
    has_number = default is not None and bool(default.page_paras)
    for footer in pkg.all_stories("footer"):
        for p in footer.page_paras:
            yield Finding("PN-1", "số trang đặt ở chân trang (Nghị định: canh giữa trong phần lề trên)", p.loc)
    if not s0.title_page:
        if has_number:
            yield Finding("PN-1", "trang 1 hiện số trang: thiếu thiết lập 'trang đầu khác' (w:titlePg) "
                                  "(Nghị định: không hiển thị số trang thứ nhất)", _section_label(doc, 0))
    elif first is not None and first.page_paras:
        yield Finding("PN-1", "đầu trang của trang 1 có số trang (Nghị định: không hiển thị số trang thứ nhất)",
                      first.page_paras[0].loc)
    if not has_number:
        footer_numbers = any(st.page_paras for st in pkg.all_stories("footer"))
        if _one_page(doc) and not footer_numbers:
            return  # a one-page document has no page to number
        if not footer_numbers:
            yield Finding("PN-1", "không có số trang ở đầu trang (trường PAGE) từ trang 2 "
                                  "(Nghị định: số trang canh giữa trong lề trên)", _section_label(doc, 0))
        return
    yield from _page_para_checks(default)
    yield from _arabic_numbers(doc, default)
    if pkg.even_odd_headers:
        even = pkg.effective("header", "even")[0][1]
        if even is None or not even.page_paras:
            yield Finding("PN-1", "trang chẵn không có số trang (tệp đặt đầu trang chẵn/lẻ khác nhau)",
                          _section_label(doc, 0))


@rule("PN-PL", "Mỗi phụ lục đánh số trang riêng (section mới, bắt đầu từ 1)", "NĐ 30/2020, Phụ lục I, Phần I, mục III.1.đ", scope="page")
def check_appendix_pages(doc: Doc):
    for head in doc.appendix_heads:
        if doc.mode == "appendix" and head is doc.first_block:
            continue  # an appendix in its own file starts its own numbering with the file
        sect = doc.pkg.sections[head.sect] if head.sect < len(doc.pkg.sections) else None
        first = next((b for b in sect.blocks if isinstance(b, Table) or b.text.strip()), None) if sect else None
        if sect is None or head.sect == 0 or first is not head:
            yield Finding("PN-PL", "phụ lục không bắt đầu một section mới nên không đánh số trang riêng "
                                   "(Nghị định: số trang của phụ lục được đánh riêng theo từng phụ lục)", where(head))
        elif sect.page_start != 1:
            got = f"bắt đầu từ {sect.page_start}" if sect.page_start else "đánh tiếp theo văn bản"
            yield Finding("PN-PL", f"số trang phụ lục {got} (Nghị định: đánh riêng, bắt đầu từ 1: "
                                   "w:pgNumType w:start=\"1\")", where(head))
