"""The Decree 30 rules, one small function each (ND30.md §8).

A rule yields Findings: what was found, what the decree wants, and where. A rule that
cannot decide (the element it needs is ambiguous) yields severity "undecided", which is
not a violation. Messages are Vietnamese: a clerk reads them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .model import Para, Table
from .structure import ABBR_TO_TYPE, CONG_VAN, DOC_TYPES, Doc, nonempty, shown
from .text import (
    fold,
    is_all_caps,
    is_upper,
    legacy_encoded,
    norm,
    short,
    squash,
    text_width,
)

REF = "NĐ 30/2020, Phụ lục I, Phần I"


@dataclass(frozen=True)
class Finding:
    """One rule broken (severity "error") or not decidable ("undecided") in a document."""

    rule: str
    message: str
    where: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        text = f"{self.rule}: {self.message}"
        if self.severity != "error":
            text = f"{self.rule}: [chưa xác định được] {self.message}"
        return f"{text} — tại {self.where}" if self.where else text

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "where": self.where, "reference": RULES[self.rule].reference if self.rule in RULES else ""}


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    reference: str
    check: Callable[[Doc], Iterable[Finding]] = field(repr=False, compare=False)


RULES: dict[str, Rule] = {}


def rule(rule_id: str, description: str, reference: str):
    def register(fn):
        RULES[rule_id] = Rule(rule_id, description, reference, fn)
        return fn
    return register


# ------------------------------------------------------------------ helpers

def where(p: Para | None, label: str = "") -> str:
    if p is None:
        return label
    loc = label or p.loc
    return f"{loc}: «{short(p.text)}»" if p.text.strip() else f"{loc} (dòng trống)"


def dec(x: float, places: int = 2) -> str:
    """A decimal the Vietnamese way: 1,15 — no trailing zeros."""
    text = f"{x:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def pt(sz: int | None) -> str:
    if sz is None:
        return "?"
    return f"{sz // 2}" if sz % 2 == 0 else f"{sz / 2:.1f}".replace(".", ",")


def sizes(p: Para) -> set[int]:
    # Word's built-in default is 10 pt when neither the run, styles nor defaults set a size.
    return {r.rp.get("sz", 20) for r in p.text_runs() if not r.rp.get("vertAlign") in ("superscript", "subscript")}


def all_on(p: Para, prop: str) -> bool:
    runs = p.text_runs()
    return bool(runs) and all(r.rp.get(prop) for r in runs)


def any_on(p: Para, prop: str) -> bool:
    return any(r.rp.get(prop) for r in p.text_runs())


def fmt(rule_id: str, p: Para, label: str, *, size=None, bold=None, italic=None, upper=None,
        jc=None, loc: str = "") -> list[Finding]:
    """Formatting findings for one element: size range (half-points), bold, italic, case, alignment."""
    out = []
    w = where(p, loc)
    if size is not None:
        lo, hi = size
        bad = sorted(s for s in sizes(p) if not lo <= s <= hi)
        if bad:
            want = pt(lo) if lo == hi else f"{pt(lo)}–{pt(hi)}"
            out.append(Finding(rule_id, f"{label}: cỡ chữ {', '.join(pt(s) for s in bad)} (Nghị định: {want})", w))
    if bold is True and not all_on(p, "b"):
        out.append(Finding(rule_id, f"{label}: chữ không in đậm (Nghị định: đứng, đậm)", w))
    if bold is False and any_on(p, "b"):
        out.append(Finding(rule_id, f"{label}: chữ in đậm (Nghị định: không đậm)", w))
    if italic is True and not all_on(p, "i"):
        out.append(Finding(rule_id, f"{label}: chữ không nghiêng (Nghị định: kiểu chữ nghiêng)", w))
    if italic is False and any_on(p, "i"):
        out.append(Finding(rule_id, f"{label}: chữ nghiêng (Nghị định: kiểu chữ đứng)", w))
    if upper is True and not is_upper(shown(p)):
        out.append(Finding(rule_id, f"{label}: không viết in hoa (Nghị định: chữ in hoa)", w))
    if upper is False and is_all_caps(shown(p)):
        out.append(Finding(rule_id, f"{label}: viết toàn chữ in hoa (Nghị định: chữ in thường)", w))
    if jc is not None and p.pp.get("jc", "left") not in jc:
        out.append(Finding(rule_id, f"{label}: căn lề {_JC.get(p.pp.get('jc', 'left'), p.pp.get('jc'))} "
                                    f"(Nghị định: {_JC.get(jc[0], jc[0])})", w))
    return out


_JC = {"left": "trái", "start": "trái", "right": "phải", "end": "phải", "center": "giữa",
       "both": "đều hai bên", "distribute": "đều hai bên"}


def line_below(paras: list[Para], p: Para):
    """(kind, width in twips or None) of the line drawn under `p`, or None.

    A line is the paragraph's own bottom border, a drawn shape in it or in the next
    paragraph, the next paragraph left empty with a top/bottom border (its indents set
    the length), or a run of underscores.
    """
    try:
        i = next(k for k, q in enumerate(paras) if q is p)
    except StopIteration:
        return None
    while i + 1 < len(paras) and paras[i + 1].cont and paras[i + 1].el is p.el:
        i += 1  # the last line of a paragraph split by line breaks
    last = paras[i]
    if last.pp.get("bdr_bottom"):
        return ("border", _inner(last))
    if last.shape:
        return ("shape", None)
    if i + 1 < len(paras):
        nxt = paras[i + 1]
        t = norm(nxt.text)
        if not t and (nxt.pp.get("bdr_top") or nxt.pp.get("bdr_bottom")):
            return ("border", _inner(nxt))
        if nxt.shape and not t:
            return ("shape", None)
        if t and re.fullmatch(r"[_\-‒–—―─]{3,}", t):
            return ("underscores", None)
    return None


def _inner(p: Para):
    if not p.box:
        return None
    return max(p.box - (p.pp.get("ind_left") or 0) - (p.pp.get("ind_right") or 0), 0)


def _text_width(paras: list[Para]) -> int | None:
    widths = []
    for p in paras:
        szs = sizes(p) or {26}
        w = text_width(shown(p), max(szs), all_on(p, "b"))
        if p.box:
            w = min(w, p.box - (p.pp.get("ind_left") or 0) - (p.pp.get("ind_right") or 0))
        widths.append(w)
    return max(widths) if widths else None


def _check_line(rule_id, label, paras, text_paras, lo, hi, want, floating=()) -> list[Finding]:
    target = text_paras[-1]
    found = line_below(paras, target)
    if found is None:
        if any(q.shape for q in floating):
            return []  # a line drawn as a floating shape anchored elsewhere: its place is not checked
        return [Finding(rule_id, f"thiếu đường kẻ ngang nét liền dưới {label} (Nghị định: {want})",
                        where(target))]
    _kind, width = found
    text_w = _text_width(text_paras)
    if width and text_w:
        ratio = width / text_w
        if not lo <= ratio <= hi:
            return [Finding(rule_id, f"đường kẻ dưới {label} dài khoảng {ratio:.0%} dòng chữ "
                                     f"(Nghị định: {want})", where(target))]
    return []


def _agg(rule_id: str, problems: dict[str, list[Para]], unit: str = "đoạn") -> list[Finding]:
    out = []
    for message, paras in problems.items():
        w = where(paras[0])
        if len(paras) > 1:
            w += f" (và {len(paras) - 1} {unit} khác)"
        out.append(Finding(rule_id, message, w))
    return out


def _mm(twips: int) -> str:
    mm = twips / 56.6929
    return f"{mm:.0f}" if abs(mm - round(mm)) < 0.15 else f"{mm:.1f}".replace(".", ",")


def _section_label(doc: Doc, index: int) -> str:
    return "toàn văn bản" if len(doc.pkg.sections) == 1 else f"section {index + 1} của văn bản"


# ------------------------------------------------------------------ page

A4 = (11906, 16838)


def _is_a4(size) -> str | None:
    w, h = size
    if abs(w - A4[0]) <= 3 and abs(h - A4[1]) <= 3:
        return "portrait"
    if abs(w - A4[1]) <= 3 and abs(h - A4[0]) <= 3:
        return "landscape"
    return None


_PAPERS = {(12240, 15840): "Letter", (12240, 20160): "Legal", (16838, 23811): "A3", (8391, 11906): "A5"}


def _landscape_ok(doc: Doc, s) -> bool:
    """Landscape is for appendices and for tables that are not made an appendix."""
    if s.index == 0:
        return any(isinstance(b, Table) and b is not doc.header_table and b is not doc.sig_table
                   for b in s.blocks)
    head = next((b for b in s.blocks if isinstance(b, Table) or b.text.strip()), None)
    return any(isinstance(b, Table) for b in s.blocks) or any(p.sect == s.index for p in doc.appendix_heads) \
        or head is None


@rule("PG-A4", "Khổ giấy A4 (210 × 297 mm), trình bày theo chiều dài; khổ ngang chỉ cho bảng, phụ lục",
      f"{REF}, mục I.1–2")
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


@rule("PG-MAR", "Lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm", f"{REF}, mục I.3")
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


# ------------------------------------------------------------------ fonts and encoding

def _all_text_paras(doc: Doc):
    yield from doc.pkg.body_paras
    yield from doc.pkg.textbox_paras
    for kind in ("header", "footer"):
        for story in doc.pkg.all_stories(kind):
            yield from story.paras
    yield from doc.pkg.footnote_paras


_SYMBOL_FONTS = {"symbol", "wingdings", "wingdings 2", "wingdings 3", "webdings", "mt extra",
                 "zapfdingbats", "segoe ui symbol"}
_LEGACY_FONT = re.compile(r"^(\.vn|vni[- ]|vn[a-z])", re.IGNORECASE)


@rule("FT-TNR", "Phông chữ Times New Roman (Unicode), màu đen; không dùng phông cũ .VnTime, VNI-Times",
      f"{REF}, mục I.4")
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
                if name.lower() == "times new roman":
                    continue
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
    yield from _agg("FT-TNR", problems)
    for f in _agg("FT-TNR", undecided):
        yield Finding(f.rule, f.message, f.where, "undecided")


@rule("FT-UNI", "Văn bản mã Unicode (TCVN 6909:2001), không dùng bảng mã TCVN3/VNI; chuẩn hóa NFC",
      f"{REF}, mục I.4")
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
    problems = {}
    if legacy:
        problems["chữ gõ bằng bảng mã cũ TCVN3/VNI, hiển thị sai khi không có phông .VnTime/VNI "
                 "(Nghị định: bộ mã Unicode TCVN 6909:2001; chuyển mã bằng Unikey/EVKey)"] = legacy
    if decomposed:
        problems["chữ Unicode dạng tổ hợp (NFD): dấu tách rời chữ, tìm kiếm và sắp xếp sai "
                 "(quy ước của dự án: chuẩn hóa NFC)"] = decomposed
    yield from _agg("FT-UNI", problems)


# ------------------------------------------------------------------ page numbers

def _page_para_checks(story, rule_id="PN-1"):
    for p in story.page_paras:
        runs = p.field_rps or [r.rp for r in p.runs]
        bad = sorted({rp.get("sz", 20) for rp in runs if not 26 <= rp.get("sz", 20) <= 28})
        if bad:
            yield Finding(rule_id, f"số trang cỡ chữ {', '.join(pt(s) for s in bad)} (Nghị định: 13–14)",
                          where(p, p.loc))
        if p.pp.get("jc", "left") != "center":
            yield Finding(rule_id, f"số trang căn lề {_JC.get(p.pp.get('jc', 'left'), p.pp.get('jc'))} "
                                   "(Nghị định: canh giữa trong lề trên)", p.loc)
        if any(rp.get("i") for rp in runs):
            yield Finding(rule_id, "số trang in nghiêng (Nghị định: kiểu chữ đứng)", p.loc)


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
      f"{REF}, mục I.7")
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
    if pkg.even_odd_headers:
        even = pkg.effective("header", "even")[0][1]
        if even is None or not even.page_paras:
            yield Finding("PN-1", "trang chẵn không có số trang (tệp đặt đầu trang chẵn/lẻ khác nhau)",
                          _section_label(doc, 0))


@rule("PN-PL", "Mỗi phụ lục đánh số trang riêng (section mới, bắt đầu từ 1)", "NĐ 30/2020, Phụ lục I, Phần I, mục III.1.đ")
def check_appendix_pages(doc: Doc):
    for head in doc.appendix_heads:
        sect = doc.pkg.sections[head.sect] if head.sect < len(doc.pkg.sections) else None
        first = next((b for b in sect.blocks if isinstance(b, Table) or b.text.strip()), None) if sect else None
        if sect is None or head.sect == 0 or first is not head:
            yield Finding("PN-PL", "phụ lục không bắt đầu một section mới nên không đánh số trang riêng "
                                   "(Nghị định: số trang của phụ lục được đánh riêng theo từng phụ lục)", where(head))
        elif sect.page_start != 1:
            got = f"bắt đầu từ {sect.page_start}" if sect.page_start else "đánh tiếp theo văn bản"
            yield Finding("PN-PL", f"số trang phụ lục {got} (Nghị định: đánh riêng, bắt đầu từ 1: "
                                   "w:pgNumType w:start=\"1\")", where(head))


# ------------------------------------------------------------------ header block

@rule("HD-TBL", "Phần đầu văn bản là bảng 2 cột không viền: cơ quan, số bên trái; Quốc hiệu, ngày tháng bên phải",
      "NĐ 30/2020, Phụ lục I, Phần I, mục IV")
def check_header_table(doc: Doc):
    t = doc.header_table
    if t is None:
        yield Finding("HD-TBL", "không có bảng tiêu đề 2 cột ở đầu văn bản (cơ quan ban hành, số bên trái; "
                                "Quốc hiệu, Tiêu ngữ, địa danh và ngày tháng bên phải)",
                      where(doc.first_block) if isinstance(doc.first_block, Para) else "đầu văn bản")
        return
    label = f"bảng {t.number} (bảng tiêu đề)"
    if doc.first_block is not t:
        yield Finding("HD-TBL", "bảng tiêu đề không đứng đầu văn bản", where(doc.first_block))
    if t.ncols != 2:
        yield Finding("HD-TBL", f"bảng tiêu đề có {t.ncols} cột (cần 2 cột: trái và phải)", label)
    if t.borders:
        yield Finding("HD-TBL", f"bảng tiêu đề có đường viền hiện khi in ({', '.join(t.borders)}) "
                                "(cần bảng không viền)", label)


@rule("QH", "Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”: in hoa, cỡ 12–13, đứng, đậm, bên phải",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.1.a")
def check_quoc_hieu(doc: Doc):
    p = doc.qh
    if p is None:
        yield Finding("QH", "không thấy Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” ở đầu văn bản", "đầu văn bản")
        return
    if not re.fullmatch(r"CỘNG H(ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM", squash(shown(p))):
        yield Finding("QH", f"Quốc hiệu viết “{squash(shown(p))}” "
                            "(Nghị định: “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, in hoa, một dòng)", where(p))
    yield from fmt("QH", p, "Quốc hiệu", size=(24, 26), bold=True, italic=False)
    if doc.right is not None and p not in doc.right:
        yield Finding("QH", "Quốc hiệu không nằm ở cột phải bảng tiêu đề (Nghị định: ô số 1, phía trên bên phải)",
                      where(p))


@rule("TN", "Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”: cỡ 13–14, đứng, đậm; đường kẻ dưới dài bằng dòng chữ",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.1.b")
def check_tieu_ngu(doc: Doc):
    p = doc.tn
    if p is None:
        yield Finding("TN", "không thấy Tiêu ngữ “Độc lập - Tự do - Hạnh phúc” dưới Quốc hiệu", "đầu văn bản")
        return
    text = squash(p.text)
    if text != "Độc lập - Tự do - Hạnh phúc":
        yield Finding("TN", f"Tiêu ngữ viết “{text}” (Nghị định: “Độc lập - Tự do - Hạnh phúc”: viết hoa "
                            "chữ đầu mỗi cụm, giữa các cụm có gạch nối (-) và dấu cách)", where(p))
    yield from fmt("TN", p, "Tiêu ngữ", size=(26, 28), bold=True, italic=False)
    paras = doc.right if doc.right is not None and p in doc.right else doc.header_paras
    yield from _check_line("TN", "Tiêu ngữ", paras, [p], 0.5, 1.6, "nét liền, dài bằng dòng chữ",
                           doc.header_area)


@rule("CQ", "Tên cơ quan: in hoa, cỡ 12–13; cơ quan ban hành đậm, cơ quan chủ quản không đậm; "
            "đường kẻ dưới dài 1/3–1/2 dòng chữ", "NĐ 30/2020, Phụ lục I, Phần I, mục II.2.b")
def check_agency(doc: Doc):
    lines = doc.agency
    if not lines:
        yield Finding("CQ", "không thấy tên cơ quan ban hành văn bản (ô trái, phía trên Số)",
                      where(doc.so) if doc.so else "đầu văn bản")
        return
    bold_flags = [all_on(p, "b") for p in lines]
    if not bold_flags[-1]:
        yield Finding("CQ", "tên cơ quan ban hành không in đậm (Nghị định: in hoa, đứng, đậm)", where(lines[-1]))
    else:
        k = len(lines) - 1
        while k > 0 and bold_flags[k - 1]:
            k -= 1
        for p in lines[:k]:  # chủ quản lines: above the issuing agency, not bold
            if any_on(p, "b"):
                yield Finding("CQ", "tên cơ quan chủ quản in đậm (Nghị định: in hoa, đứng, không đậm)", where(p))
    for p in lines:
        yield from fmt("CQ", p, "tên cơ quan", size=(24, 26), italic=False, upper=True)
    issuing = [p for p, b in zip(lines, bold_flags) if b] or lines[-1:]
    paras = doc.left if doc.left is not None else doc.header_paras
    yield from _check_line("CQ", "tên cơ quan ban hành", paras, issuing, 0.2, 0.8,
                           "nét liền, dài 1/3–1/2 dòng chữ, đặt cân đối", doc.header_area)


_SYMBOL = re.compile(r"[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ0-9.&]*)+")


@rule("SO", "Số, ký hiệu: “Số: 05/UBND-NV” — số nhỏ hơn 10 thêm số 0, ký hiệu đúng chữ viết tắt tên loại; "
            "cỡ 13, đứng", "NĐ 30/2020, Phụ lục I, Phần I, mục II.3; Phụ lục III, mục I")
def check_number(doc: Doc):
    p = doc.so
    if p is None:
        yield Finding("SO", "không thấy số, ký hiệu văn bản (“Số: …/…”) dưới tên cơ quan", "đầu văn bản")
        return
    raw = norm(shown(p))
    m = re.match(r"^(\S+?)\s*:\s*(.*?)\s*/\s*(.*)$", raw)
    if not m:
        yield Finding("SO", "số, ký hiệu không đúng dạng “Số: 05/UBND-NV” (sau “Số” có dấu hai chấm, "
                            "giữa số và ký hiệu có dấu /)", where(p))
        return
    word, number, symbol = m.group(1), m.group(2), m.group(3)
    if word != "Số":
        yield Finding("SO", f"viết “{word}” (Nghị định: từ “Số” in thường, sau có dấu hai chấm)", where(p))
    if not raw.startswith(f"{word}: ") and number:
        yield Finding("SO", "sau “Số:” thiếu dấu cách hoặc có dấu cách trước dấu hai chấm", where(p))
    if not number:
        if not doc.draft:
            yield Finding("SO", "số văn bản để trống (chỉ bản dự thảo được để trống; kiểm tra dự thảo: --draft)",
                          where(p))
    elif not number.isdigit():
        yield Finding("SO", f"số văn bản “{number}” không phải chữ số Ả Rập", where(p))
    elif int(number) == 0:
        yield Finding("SO", f"số văn bản “{number}” không hợp lệ (đánh từ 01)", where(p))
    elif int(number) < 10 and number != f"{int(number):02d}":
        yield Finding("SO", f"số {number} nhỏ hơn 10 phải có số 0 phía trước: “{int(number):02d}”", where(p))
    elif int(number) >= 10 and number.startswith("0"):
        yield Finding("SO", f"số “{number}” thừa số 0 ở đầu (chỉ số nhỏ hơn 10 mới thêm số 0)", where(p))
    groups = symbol.split("/")
    if len(groups) == 2 and re.fullmatch(r"\d{4}", groups[0]):
        groups = groups[1:]  # văn bản quy phạm: Số: 15/2020/NĐ-CP
    sym = groups[-1] if groups else ""
    if len(groups) != 1 or not _SYMBOL.fullmatch(sym):
        yield Finding("SO", f"ký hiệu “{symbol}” sai dạng (Nghị định: chữ in hoa, các nhóm chữ viết tắt nối "
                            "bằng gạch nối (-), không có dấu cách, ví dụ UBND-NV, BC-UBND)", where(p))
    else:
        first = sym.split("-")[0]
        yield from _symbol_type(doc, p, first)
    yield from fmt("SO", p, "số, ký hiệu", size=(26, 26), bold=False, italic=False)
    if doc.left is not None and p not in doc.left:
        yield Finding("SO", "số, ký hiệu không nằm ở cột trái bảng tiêu đề (Nghị định: ô số 3)", where(p))


def _symbol_type(doc: Doc, p: Para, first: str):
    kind = doc.kind
    if kind == CONG_VAN:
        if first in ABBR_TO_TYPE:
            yield Finding("SO", f"công văn nhưng ký hiệu bắt đầu bằng “{first}” là chữ viết tắt tên loại "
                                f"{ABBR_TO_TYPE[first].lower()} (Nghị định: ký hiệu công văn gồm chữ viết tắt "
                                "tên cơ quan và đơn vị soạn thảo, ví dụ UBND-NV)", where(p))
        return
    want = DOC_TYPES.get(kind)
    if want and first != want:
        if first.upper() == want.upper():
            yield Finding("SO", f"chữ viết tắt tên loại viết “{first}” (Phụ lục III: “{want}”)", where(p))
        elif first in ABBR_TO_TYPE:
            yield Finding("SO", f"ký hiệu “{first}” là của {ABBR_TO_TYPE[first].lower()}, nhưng văn bản là "
                                f"{kind.lower()} (Phụ lục III: “{want}”)", where(p))
        else:
            yield Finding("SO", f"ký hiệu thiếu chữ viết tắt tên loại {kind.lower()} ở đầu: "
                                f"“{want}-{first}…” (Phụ lục III: {want})", where(p))


_DATE = re.compile(r"^(?P<place>\S.*?)\s*,\s*ngày\s+(?P<d>\S+)\s+tháng\s+(?P<m>\S+)\s+năm\s+(?P<y>\S+)$")
_DRAFT_DATE = re.compile(r"^(?P<place>\S.*?)\s*,\s*ngày\s+(?P<d>[.…_]*)\s*tháng\s+(?P<m>[.…_]*)\s*năm\s*(?P<y>\d{4}|[.…_]*)$")
_LOWER_OK = {"phố", "xã", "trấn", "đô", "khu"}


@rule("DT", "Địa danh, ngày tháng: “Hà Nội, ngày 05 tháng 01 năm 2020” — ngày < 10 và tháng 1, 2 thêm số 0; "
            "in thường, nghiêng, cỡ 13–14", "NĐ 30/2020, Phụ lục I, Phần I, mục II.4")
def check_date(doc: Doc):
    p = doc.dt
    if p is None:
        yield Finding("DT", "không thấy địa danh và ngày tháng (“…, ngày … tháng … năm …”) dưới Tiêu ngữ",
                      "đầu văn bản")
        return
    text = norm(shown(p))
    m = _DATE.match(squash(text))
    draft = _DRAFT_DATE.match(text) if m is None else None
    if draft:
        if not doc.draft:
            yield Finding("DT", "ngày tháng để trống (chỉ bản dự thảo được để trống; kiểm tra dự thảo: --draft)",
                          where(p))
        place = draft.group("place")
    elif m:
        place = m.group("place")
        yield from _date_parts(p, m.group("d"), m.group("m"), m.group("y"))
    else:
        yield Finding("DT", "địa danh, ngày tháng không đúng dạng “Hương Sơn, ngày 05 tháng 7 năm 2024” "
                            "(sau địa danh có dấu phẩy)", where(p))
        place = None
    if place:
        if re.search(r"\s,", text.split("ngày")[0]):
            yield Finding("DT", "có dấu cách trước dấu phẩy sau địa danh", where(p))
        bad = [w for w in place.split() if w[:1].isalpha() and not w[:1].isupper() and w not in _LOWER_OK]
        if bad:
            yield Finding("DT", f"địa danh “{place}”: chữ cái đầu phải viết hoa ({', '.join(bad)})", where(p))
    yield from fmt("DT", p, "địa danh, ngày tháng", size=(26, 28), italic=True, bold=False,
                   jc=("center",) if doc.right is not None else None)
    if doc.right is not None and p not in doc.right:
        yield Finding("DT", "địa danh, ngày tháng không nằm ở cột phải bảng tiêu đề (Nghị định: ô số 4, "
                            "canh giữa dưới Quốc hiệu và Tiêu ngữ)", where(p))


def _date_parts(p, d, mo, y):
    w = where(p)
    for label, value in (("ngày", d), ("tháng", mo), ("năm", y)):
        if not value.isdigit():
            yield Finding("DT", f"{label} “{value}” không phải chữ số Ả Rập", w)
            return
    day, month, year = int(d), int(mo), int(y)
    if day < 10 and d != f"{day:02d}":
        yield Finding("DT", f"ngày {d} nhỏ hơn 10 phải có số 0 phía trước: “ngày {day:02d}”", w)
    elif day >= 10 and d.startswith("0"):
        yield Finding("DT", f"ngày “{d}” thừa số 0 ở đầu", w)
    if month <= 2 and mo != f"{month:02d}":
        yield Finding("DT", f"tháng {mo} phải có số 0 phía trước: “tháng {month:02d}” "
                            "(Nghị định: tháng 1, 2 thêm số 0)", w)
    elif month >= 3 and mo.startswith("0"):
        yield Finding("DT", f"tháng “{mo}” không được thêm số 0: “tháng {month}” "
                            "(Nghị định: chỉ tháng 1, 2 thêm số 0)", w)
    try:
        dt.date(year, month, day)
    except ValueError:
        yield Finding("DT", f"ngày {d} tháng {mo} năm {y} không có thật", w)
    if len(y) != 4:
        yield Finding("DT", f"năm “{y}” phải viết đủ 4 chữ số", w)


# ------------------------------------------------------------------ type name, V/v, Kính gửi

@rule("TL", "Tên loại (BÁO CÁO, KẾ HOẠCH…) in hoa, cỡ 13–14, đậm, canh giữa; trích yếu in thường, đậm; "
            "đường kẻ dưới 1/3–1/2 dòng chữ", "NĐ 30/2020, Phụ lục I, Phần I, mục II.5.b")
def check_type_name(doc: Doc):
    if doc.kind == CONG_VAN:
        return
    p = doc.type_para
    if p is None:
        yield Finding("TL", f"ký hiệu cho biết văn bản là {doc.kind_label} nhưng không thấy tên loại "
                            f"“{doc.kind}” canh giữa dưới phần đầu", where(doc.so))
        return
    yield from fmt("TL", p, "tên loại", size=(26, 28), bold=True, italic=False, upper=True, jc=("center",))
    if not doc.subject:
        if doc.kind in ("GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "GIẤY ỦY QUYỀN", "PHIẾU GỬI",
                        "PHIẾU CHUYỂN", "PHIẾU BÁO", "BIÊN BẢN", "HỢP ĐỒNG"):
            return
        yield Finding("TL", "thiếu trích yếu nội dung ngay dưới tên loại (Nghị định: in thường, đứng, đậm)",
                      where(p))
        return
    for s in doc.subject:
        yield from fmt("TL", s, "trích yếu", size=(26, 28), bold=True, italic=False, upper=False,
                       jc=("center",))
    paras = [b for b in doc.main if isinstance(b, Para)]
    yield from _check_line("TL", "trích yếu", paras, doc.subject, 0.2, 0.8,
                           "nét liền, dài 1/3–1/2 dòng chữ, đặt cân đối")


@rule("VV", "Công văn: trích yếu “V/v …” dưới số, ký hiệu; in thường, cỡ 12–13, đứng, cách số 6 pt",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.5.b")
def check_vv(doc: Doc):
    if doc.kind != CONG_VAN:
        return
    if not doc.vv:
        yield Finding("VV", "công văn (ký hiệu không có tên loại) nhưng thiếu trích yếu “V/v …” dưới số, ký hiệu",
                      where(doc.so) if doc.so else "đầu văn bản")
        return
    p = doc.vv[0]
    if not norm(p.text).startswith("V/v "):
        yield Finding("VV", f"trích yếu viết “{short(p.text, 12)}” (Nghị định: “V/v ” — V hoa, v thường, "
                            "sau có dấu cách)", where(p))
    for q in doc.vv:
        yield from fmt("VV", q, "trích yếu công văn", size=(24, 26), bold=False, italic=False)
    before = p.pp.get("sp_before") or 0
    if p.pp.get("sp_beforeAutospacing"):
        before = 280
    if before < 120 - 2:
        yield Finding("VV", f"trích yếu cách số, ký hiệu {dec(before / 20, 1)} pt (Nghị định: cách dòng 6 pt)",
                      where(p))


@rule("KG", "Kính gửi: một nơi cùng dòng; nhiều nơi mỗi nơi một dòng “- …;”, dòng cuối kết thúc bằng “.”",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.9.d (ô số 9a)")
def check_kinh_gui(doc: Doc):
    p = doc.kg
    if p is None:
        if doc.kind == CONG_VAN:
            yield Finding("KG", "công văn thiếu “Kính gửi:” và nơi nhận trực tiếp",
                          where(doc.body[0]) if doc.body else "sau phần đầu")
        return
    text = norm(p.text)
    m = re.match(r"^Kính gửi\s*:\s*(.*)$", text, re.DOTALL)
    if not m:
        yield Finding("KG", "viết “Kính gửi” sai (Nghị định: “Kính gửi:” — sau có dấu hai chấm)", where(p))
        rest = re.sub(r"^\S+\s+\S+\s*", "", text)
    else:
        rest = m.group(1).strip()
    yield from fmt("KG", p, "Kính gửi", size=(26, 28), italic=False)
    items = ([p] if rest else []) + doc.kg_items
    texts = ([rest] if rest else []) + [norm(q.text) for q in doc.kg_items]
    if not texts:
        yield Finding("KG", "sau “Kính gửi:” không có tên nơi nhận", where(p))
        return
    if len(texts) == 1:
        return  # one recipient on the Kính gửi line: no punctuation rule
    for q, t in zip(items, texts):
        if not t.startswith("- ") and not t.startswith("-\t"):
            yield Finding("KG", f"nơi nhận “{short(t, 30)}” phải bắt đầu bằng gạch đầu dòng “- ”", where(q))
    for q, t in zip(items[:-1], texts[:-1]):
        if not t.endswith(";"):
            yield Finding("KG", f"nơi nhận “{short(t, 30)}” phải kết thúc bằng dấu chấm phẩy (;)", where(q))
    if not texts[-1].endswith("."):
        yield Finding("KG", "nơi nhận cuối cùng phải kết thúc bằng dấu chấm (.)", where(items[-1]))
    for q in doc.kg_items:
        yield from fmt("KG", q, "nơi nhận", size=(26, 28), italic=False)


# ------------------------------------------------------------------ body

def _is_heading(p: Para) -> bool:
    jc = p.pp.get("jc")
    return jc in ("center",) or all_on(p, "b") or p.pp.get("outline") is not None


def _spacing(p: Para, kind: str) -> int:
    if p.pp.get(f"sp_{kind}Autospacing"):
        return 280
    if p.pp.get(f"sp_{kind}Lines") is not None:
        return p.pp[f"sp_{kind}Lines"] * 240 // 100
    return p.pp.get(f"sp_{kind}") or 0


@rule("BD", "Nội dung: căn đều hai lề, lùi đầu dòng 1 hoặc 1,27 cm, cách đoạn ≥ 6 pt, giãn dòng 1–1,5, "
            "cỡ 13–14; kết thúc “./.”", "NĐ 30/2020, Phụ lục I, Phần I, mục II.6.e")
def check_body(doc: Doc):
    body = doc.body
    if not body:
        yield Finding("BD", "không xác định được phần nội dung văn bản (giữa phần đầu và chữ ký)",
                      "thân văn bản", "undecided")
        return
    problems: dict[str, list[Para]] = {}

    def add(msg, p):
        problems.setdefault(msg, []).append(p)

    for p in body:
        if _is_heading(p) or p in doc.subject:
            continue
        jc = p.pp.get("jc", "left")
        if jc not in ("both", "distribute"):
            add(f"đoạn văn căn lề {_JC.get(jc, jc)} (Nghị định: canh đều cả hai lề)", p)
        szs = sizes(p)
        if not p.cont and not p.pp.get("numbered"):
            first = p.pp.get("ind_firstLine")
            if p.pp.get("ind_firstLineChars"):
                first = p.pp["ind_firstLineChars"] * max(szs or {28}) * 10 // 100
            if p.pp.get("ind_hanging"):
                add("đoạn văn thụt treo (hanging) thay vì lùi đầu dòng 1 cm hoặc 1,27 cm", p)
            elif not first:
                add("đoạn văn không lùi đầu dòng (Nghị định: lùi 1 cm hoặc 1,27 cm)", p)
            elif not (abs(first - 567) <= 10 or abs(first - 720) <= 10):
                add(f"lùi đầu dòng {dec(first / 567)} cm (Nghị định: 1 cm hoặc 1,27 cm)", p)
        if not p.cont and _spacing(p, "before") + _spacing(p, "after") < 118:
            gap = (_spacing(p, "before") + _spacing(p, "after")) / 20
            add(f"khoảng cách giữa các đoạn {dec(gap, 1)} pt (Nghị định: tối thiểu 6 pt)", p)
        rule_ = p.pp.get("sp_lineRule", "auto")
        line = p.pp.get("sp_line") or 240
        if rule_ == "auto":
            multiple = line / 240
        else:
            multiple = line / (max(szs or {28}) * 10 * 1.15)
        if rule_ == "auto" and not 238 <= line <= 362 or rule_ != "auto" and not 0.9 <= multiple <= 1.55:
            what = (f"{dec(multiple)} lines" if rule_ == "auto"
                    else f"cố định {dec(line / 20, 1)} pt (≈ {dec(multiple)} lines)")
            add(f"giãn dòng {what} (Nghị định: từ dòng đơn đến 1,5 lines)", p)
        bad = sorted(s for s in szs if not 26 <= s <= 28)
        if bad:
            add(f"nội dung cỡ chữ {', '.join(pt(s) for s in bad)} (Nghị định: 13–14)", p)
    yield from _agg("BD", problems)
    last = body[-1]
    if not norm(last.text).endswith("./."):
        yield Finding("BD", "đoạn cuối nội dung không kết thúc bằng “./.” (Phụ lục III, các mẫu văn bản)",
                      where(last))


@rule("CC", "Căn cứ ban hành: in thường, nghiêng, cỡ 13–14; mỗi căn cứ một dòng, cuối dòng “;”, dòng cuối “.”",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.6.a")
def check_legal_bases(doc: Doc):
    if doc.kind == CONG_VAN:
        return  # a công văn that opens "Căn cứ …, UBND huyện đề nghị:" states, it does not cite bases
    paras = [p for p in doc.body if not _is_heading(p)][:40]
    start = next((k for k, p in enumerate(paras[:3]) if fold(p.text).startswith("cancu")), None)
    if start is None:
        return
    block = []
    for p in paras[start:]:
        f = fold(p.text)
        if f.startswith("cancu") or (block and f.startswith(("theodenghi", "xetdenghi"))):
            block.append(p)
        else:
            break
    for p in block:
        if not all_on(p, "i"):
            yield Finding("CC", "căn cứ ban hành không in nghiêng (Nghị định: chữ in thường, nghiêng)", where(p))
        yield from fmt("CC", p, "căn cứ", size=(26, 28))
    for p in block[:-1]:
        if not norm(p.text).endswith(";"):
            yield Finding("CC", "mỗi căn cứ phải kết thúc bằng dấu chấm phẩy (;)", where(p))
    if block and not norm(block[-1].text).endswith("."):
        yield Finding("CC", "căn cứ cuối cùng phải kết thúc bằng dấu chấm (.)", where(block[-1]))


# ------------------------------------------------------------------ signer and recipients

_AUTHORITY_BAD = re.compile(r"(T/?M|K/?T|Q|T/?L|TUQ)[./]*", re.IGNORECASE)
_AUTHORITY_GLUED = re.compile(r"(TM|KT|Q|TL|TUQ)\.[^\W\d_]")
_TITLES = re.compile(r"^(GS|PGS|TS|ThS|TSKH|BS|KS|CN|Th\.S|T\.S|GS\.TS|PGS\.TS)\.?\s", re.IGNORECASE)


@rule("SG", "Chữ ký: quyền hạn (TM., KT., Q., TL., TUQ.) và chức vụ in hoa, đậm, cỡ 13–14; họ tên in thường, "
            "đậm, không ghi học hàm, học vị", "NĐ 30/2020, Phụ lục I, Phần I, mục II.7")
def check_signer(doc: Doc):
    t = doc.sig_table
    if t is None:
        yield Finding("SG", "không tìm thấy khối chữ ký (cột phải của bảng cuối văn bản)", "cuối văn bản",
                      "undecided")
        return
    lines = [p for p in nonempty(t.column("right")) if not re.fullmatch(r"\(.*\)", norm(p.text))]
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
    yield from fmt("SG", name, "họ tên người ký", size=(26, 28), bold=True, italic=False, upper=False)
    if _TITLES.match(squash(name.text)):
        yield Finding("SG", "trước họ tên người ký có học hàm, học vị (Nghị định: không ghi học hàm, học vị, "
                            "danh hiệu)", where(name))


_LUU = re.compile(r"^- Lưu: VT(, .+)?\.$")


@rule("NN", "Nơi nhận: “Nơi nhận:” cỡ 12, nghiêng, đậm; mỗi nơi “- …;” cỡ 11; dòng cuối “- Lưu: VT, …”",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.9.d (ô số 9b)")
def check_recipients(doc: Doc):
    p = doc.nn
    if p is None:
        yield Finding("NN", "thiếu phần “Nơi nhận:” (cột trái, ngang dòng chức vụ người ký)",
                      f"bảng {doc.sig_table.number}, cột trái" if doc.sig_table else "cuối văn bản")
        return
    if norm(p.text) != "Nơi nhận:":
        yield Finding("NN", f"viết “{short(p.text, 20)}” (Nghị định: “Nơi nhận:” riêng một dòng, sau có dấu hai chấm)",
                      where(p))
    yield from fmt("NN", p, "“Nơi nhận:”", size=(24, 24), bold=True, italic=True)
    items = [q for q in doc.nn_items if norm(q.text)[:1] in "-–•"]
    if not items:
        yield Finding("NN", "không có danh sách nơi nhận (mỗi nơi một dòng “- …;”)", where(p))
        return
    luu = next((q for q in reversed(items) if fold(q.text).startswith("luu")), None)
    if luu is None:
        yield Finding("NN", "thiếu dòng lưu “- Lưu: VT, <đơn vị soạn thảo>.” ở cuối nơi nhận", where(items[-1]))
    elif not _LUU.match(squash(luu.text)):
        yield Finding("NN", f"dòng lưu viết “{squash(luu.text)}” (Nghị định: “- Lưu: VT, NV.” — sau “Lưu” có dấu "
                            "hai chấm, chữ VT, dấu phẩy, đơn vị soạn thảo, cuối có dấu chấm)", where(luu))
    elif luu is not items[-1]:
        yield Finding("NN", "dòng “- Lưu: …” phải là dòng cuối cùng của nơi nhận", where(items[-1]))
    for q in items:
        t = squash(q.text)
        if q is luu:
            continue
        if not t.startswith("- "):
            yield Finding("NN", f"nơi nhận “{short(t, 30)}” phải bắt đầu bằng gạch đầu dòng “- ”", where(q))
        if not t.endswith(";") and not t.endswith(":"):
            yield Finding("NN", f"nơi nhận “{short(t, 30)}” phải kết thúc bằng dấu chấm phẩy (;)", where(q))
    if (doc.kind == CONG_VAN or doc.kg is not None) and squash(items[0].text) != "- Như trên;":
        yield Finding("NN", "nơi nhận đầu tiên phải là “- Như trên;” (văn bản có “Kính gửi”)", where(items[0]))
    for q in items:
        yield from fmt("NN", q, "nơi nhận", size=(22, 22), italic=False, bold=False)


# ------------------------------------------------------------------ appendices

@rule("PL", "Phụ lục: “Phụ lục I” riêng một dòng, canh giữa, cỡ 14, đậm; tên phụ lục in hoa, đậm; "
            "“(Kèm theo …)” in nghiêng", "NĐ 30/2020, Phụ lục I, Phần I, mục III.1")
def check_appendices(doc: Doc):
    heads = doc.appendix_heads
    for k, p in enumerate(heads):
        text = squash(p.text)
        if not re.fullmatch(r"Phụ lục( [IVXLC]+)?", text):
            yield Finding("PL", f"viết “{text}” (Nghị định: “Phụ lục” in thường, số thứ tự bằng chữ số La Mã: "
                                "“Phụ lục I”)", where(p))
        elif len(heads) > 1 and text == "Phụ lục":
            yield Finding("PL", "văn bản có từ hai phụ lục trở lên: phải đánh số La Mã (Phụ lục I, II…)", where(p))
        yield from fmt("PL", p, "tiêu đề phụ lục", size=(28, 28), bold=True, italic=False, jc=("center",))
        nxt = [b for b in doc.pkg.blocks[p.index + 1:p.index + 8] if isinstance(b, Para) and b.text.strip()]
        if not nxt or fold(nxt[0].text).startswith("kemtheo"):
            continue  # the title is optional ("tên Phụ lục (nếu có)")
        title = nxt[0]
        yield from fmt("PL", title, "tên phụ lục", size=(26, 28), bold=True, upper=True, jc=("center",))
        note = next((q for q in nxt[1:3] if fold(q.text).startswith("kemtheo")), None)
        if note is None:
            yield Finding("PL", "thiếu dòng chỉ dẫn “(Kèm theo … số …/… ngày … của …)” dưới tên phụ lục", where(title))
        else:
            yield from fmt("PL", note, "chỉ dẫn kèm theo", size=(26, 28), italic=True, jc=("center",))


RULE_ORDER = list(RULES)
