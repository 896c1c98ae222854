"""Where the Decree 30 elements are in a document: header table, number, date, type name,
Kính gửi, body, signer block, appendices. Found once per document, read by every rule.

Every finder tolerates their absence (returns None / []): a rule that needs a missing
element reports it, the others carry on.
"""

from __future__ import annotations

import re
from functools import cached_property

from .. import doctypes
from ..ooxml.reader import Package, Para, Table
from .text import fold, is_upper, norm

# Titles print type names in capitals (`BÁO CÁO`): the finders and rules use that form.
CONG_VAN = doctypes.upper(doctypes.CONG_VAN)
_TYPE_BY_FOLD = {fold(name): doctypes.upper(name) for name, _ in doctypes.TYPES}

UNKNOWN = "KHÔNG XÁC ĐỊNH"
# Văn bản quy phạm pháp luật: their layout is set by Nghị định 34/2016 and 154/2020, not by
# Decree 30; the checker applies to them only the rules that hold for any document.
_LEGAL_TYPES = {fold(n): n.upper() for n in ("Luật", "Pháp lệnh", "Nghị định", "Thông tư", "Thông tư liên tịch",
                                              "Lệnh", "Nghị quyết liên tịch")}

_SO = re.compile(r"^\s*S[ỐốOo](?![^\W\d_])", re.IGNORECASE)
# What follows `Số` on a number line: blanks, digits or dots, then the `/` or `-` of the ký hiệu
# (`Số: 05/UBND-NV`, `Số:      /KH-UBND`, `Số      -QC/ĐU`), or nothing yet (`Số:`). A form's
# `Số điện thoại: …`, `Số CMND: …`, `Số định danh cá nhân/CCCD: …` is not a number line.
_TEMPLATE_FIELD = re.compile(r"\$\{[^}]*\}|\{\{[^}]*\}\}|«[^»]*»|<<[^>]*>>")


def _number_line(text: str) -> bool:
    # A template's field (`Số: ${KH}`, `Số: {{so}}/QĐ-UBND`) stands where the number goes.
    rest = _TEMPLATE_FIELD.sub("0", re.sub(r"^\s*S[ỐốOo]\s*:?", "", text, flags=re.IGNORECASE))
    rest = re.split(r"[/-]", rest, maxsplit=1)[0]
    return not any(c.isalpha() for c in rest)
# A line typed as characters: `______`, `-----`, `───` (with or without spaces between).
_TYPED_LINE = re.compile(r"^[_\-‒–—―─━=~.·\s]{3,}$")
# A blank left to fill: dots, an ellipsis or underscores (the decree's own model forms use them).
_BLANK = re.compile(r"(\.{3,}|…|_{3,})")


def is_typed_line(text: str) -> bool:
    t = text.strip()
    return len(t) >= 3 and bool(_TYPED_LINE.match(t)) and any(c in t for c in "_-‒–—―─━=~")


def blankify(text: str) -> str:
    """A template's or mail merge's field (`${D}`, `{{ ngay }}`, `«Ngay»`) is a blank the
    generator fills, like a draft's `……`: it becomes `…` so every rule reads it as one."""
    return _TEMPLATE_FIELD.sub("…", text)


def has_blank(text: str) -> bool:
    """Text with a blank to fill (`…`, `......`, `____`, `${D}`): a model form or a draft."""
    return bool(_BLANK.search(blankify(text)))


_WORD = re.compile(r"[^\W\d_]{2,}")
_LEADING_BLANK = re.compile(r"^[\W\d_]*(\.{3,}|…)")


def _draft_box(t: Table) -> bool:
    """A `Dự thảo` (`DỰ THẢO 2`) box: a small table holding only that word."""
    text = " ".join(p.text for p in t.paras()).strip()
    return len(text) < 30 and fold(text).startswith("duthao")


def is_placeholder(text: str) -> bool:
    """A blank to fill rather than text: no word at all (`……… 5 ………`, `- ……;`), or a blank
    first with at most one word after it (`…4..., ngày`); a template field counts as a blank."""
    text = blankify(text)
    words = _WORD.findall(text)
    return not words or (len(words) <= 1 and bool(_LEADING_BLANK.match(text)))


_VV = re.compile(r"^\s*V\s*/\s*V\b", re.IGNORECASE)
_APPENDIX = re.compile(r"^phuluc([ivxlc]+|\d+)?$")


def shown(p: Para) -> str:
    """The text as printed: runs with `caps` show in capitals."""
    if not any(r.rp.get("caps") for r in p.runs):
        return p.text
    return "".join(r.text.upper() if r.rp.get("caps") else r.text for r in p.runs)


def nonempty(paras):
    return [p for p in paras if p.text.strip()]


class Doc:
    """A package plus the positions of its Decree 30 elements."""

    def __init__(self, pkg: Package, draft: bool = False):
        self.pkg = pkg
        self.draft = draft

    # -------------------------------------------------------------- main part
    @cached_property
    def appendix_heads(self) -> list[Para]:
        start = self.header_table.index if self.header_table is not None else -1
        heads = [b for b in self.pkg.blocks
                 if isinstance(b, Para) and b.index > start and not b.cont
                 and len(b.text) < 40 and _APPENDIX.match(fold(_BLANK.sub("", b.text)))]
        if self.mode == "appendix":
            return heads[:1]  # an appendix file: later `Phụ lục …` lines are its content (model forms)
        return heads

    @cached_property
    def main(self) -> list:
        """Body-level blocks of the document proper (appendices cut off)."""
        end = self.appendix_heads[0].index if self.appendix_heads else len(self.pkg.blocks)
        return self.pkg.blocks[:end]

    # -------------------------------------------------------------- header
    @cached_property
    def header_table(self) -> Table | None:
        seen = 0
        for b in self.pkg.blocks[:40]:
            if isinstance(b, Table):
                texts = " ".join(fold(p.text) for p in b.paras()[:40])
                if "conghoa" in texts or "doclap" in texts or any(_SO.match(p.text) for p in b.paras()[:40]):
                    return b
                seen += 1
            elif b.text.strip():
                seen += 1
            if seen >= 4:
                break
        return None

    @cached_property
    def first_block(self):
        for b in self.pkg.blocks:
            if isinstance(b, Table) or b.text.strip():
                return b
        return None

    @cached_property
    def left(self) -> list[Para] | None:
        return self.header_table.column("left") if self.header_table is not None else None

    @cached_property
    def right(self) -> list[Para] | None:
        return self.header_table.column("right") if self.header_table is not None else None

    @cached_property
    def header_paras(self) -> list[Para]:
        if self.header_table is not None:
            return self.left + self.right
        # No header table: the opening paragraphs and any text boxes of page 1.
        opening = [b for b in self.pkg.blocks[:30] if isinstance(b, Para) and b.text.strip()][:15]
        return opening + self.pkg.textbox_paras[:30]

    @cached_property
    def header_area(self) -> list[Para]:
        """Header paragraphs plus the first paragraphs after it: where floating lines anchor."""
        after = [b for b in self.pkg.blocks[self._after_header_index():][:3] if isinstance(b, Para)]
        return self.header_paras + after

    def _find(self, paras, test) -> Para | None:
        for p in paras:
            if p.text.strip() and test(p):
                return p
        return None

    @cached_property
    def qh(self) -> Para | None:
        return self._find(self.header_paras, lambda p: "conghoaxahoichunghiavietnam" in fold(p.text))

    @cached_property
    def tn(self) -> Para | None:
        return self._find(self.header_paras, lambda p: "doclap" in fold(p.text) and "hanhphuc" in fold(p.text))

    @cached_property
    def so(self) -> Para | None:
        test = lambda p: bool(_SO.match(norm(p.text)) and _number_line(norm(p.text))) and (
            "/" in p.text or ":" in p.text)
        return self._find(self.left or [], test) or self._find(self.header_paras, test)

    @cached_property
    def vv(self) -> list[Para]:
        paras = self.left if self.left is not None else self.header_paras
        out, taking = [], False
        for p in paras:
            if not p.text.strip():
                if taking:
                    break
                continue
            if _VV.match(norm(p.text)):
                taking = True
                out.append(p)
            elif taking and p.cont:
                out.append(p)  # a V/v wrapped with a line break
            elif taking:
                break
        return out

    @cached_property
    def dt(self) -> Para | None:
        paras = self.right if self.right is not None else self.header_paras
        # `(Kèm theo … ngày … tháng … năm …)` under an appendix title is not the date line.
        # A form's field `Sinh ngày: … tháng … năm …` (`ngày` then a colon) is not the date line.
        test = lambda p: p is not self.qh and p is not self.tn and not norm(p.text).startswith("(") and bool(
            re.search("ngay.*thang.*nam", fold(p.text))) and not re.search(r"ng[àa]y\s*:", norm(p.text), re.I)
        return self._find(paras, test) or self._find(self.header_paras, test)

    @cached_property
    def agency(self) -> list[Para]:
        """Agency lines: the left column above Số (chủ quản first, issuing agency last); the
        line typed under them (`______`) is a line, not an agency line."""
        paras = self.left if self.left is not None else self.header_paras
        skip = {id(self.qh), id(self.tn), id(self.dt)}
        out = []
        for p in paras:
            if p is self.so or (self.vv and p is self.vv[0]):
                break
            if is_typed_line(p.text):
                break
            if p.text.strip() and id(p) not in skip:
                out.append(p)
        return out if self.so is not None or self.left is not None else []

    # -------------------------------------------------------------- after the header
    def _after_header_index(self) -> int:
        if self.header_table is not None:
            return self.header_table.index + 1
        idx = [p.index for p in (self.qh, self.tn, self.so, self.dt, *self.vv, *self.agency)
               if p is not None and p.index >= 0]
        return max(idx) + 1 if idx else 0

    def _following(self, start: int, limit: int) -> list[Para]:
        out = []
        for b in self.main[start:]:
            if isinstance(b, Table) and _draft_box(b):
                continue  # a `Dự thảo` box drawn as a one-cell table between the header and the title
            if isinstance(b, Table):
                break
            if b.text.strip():
                out.append(b)
                if len(out) >= limit:
                    break
        return out

    @cached_property
    def type_para(self) -> Para | None:
        for p in self._following(self._after_header_index(), 4):
            key = fold(shown(p))
            thu = key.startswith("thu") and len(key) <= 14 and len(shown(p).split()) <= 4
            if (key in _TYPE_BY_FOLD or key in _LEGAL_TYPES or key.startswith("tenloai") or thu) \
                    and is_upper(shown(p)):
                return p
        return None

    @cached_property
    def type_name(self) -> str | None:
        if self.type_para is None:
            return None
        key = fold(shown(self.type_para))
        if key.startswith("thu") and key not in _TYPE_BY_FOLD and len(key) <= 14:
            return "THƯ CÔNG"  # THƯ KHEN, THƯ CẢM ƠN, THƯ CHÚC MỪNG, THƯ THĂM HỎI
        return _TYPE_BY_FOLD.get(key) or _LEGAL_TYPES.get(key)

    @cached_property
    def attached(self) -> Para | None:
        """`(Ban hành kèm theo Quyết định số …)` under the title: a quy chế or quy định issued by a
        decision, which carries the number, date, signer and Nơi nhận itself."""
        # A title that is not one of Decree 30's names (`ĐIỀU LỆ`, `NỘI QUY`) issued with a
        # decision is attached the same way: `(Kèm theo Quyết định …)` a few lines under the header.
        start = self.type_para.index + 1 if self.type_para is not None else self._after_header_index()
        for p in self._following(start, 5):
            if fold(p.text).startswith(("banhanhkemtheo", "kemtheo")) and norm(p.text).startswith("("):
                return p
        return None

    @cached_property
    def subject(self) -> list[Para]:
        """Trích yếu under the type name: the bold lines that follow it (or the next line)."""
        if self.type_para is None:
            return []
        after = self._following(self.type_para.index + 1, 4)
        out = []
        for p in after:
            # `${VV}` is a field for the trích yếu, not a capitalised line after it
            upper = is_upper(shown(p)) and not is_placeholder(p.text)
            if upper or fold(p.text).startswith(("kinhgui", "cancu")) or is_typed_line(p.text):
                break
            runs = p.text_runs()
            if runs and all(r.rp.get("b") for r in runs):
                out.append(p)
            else:
                break
        if not out and after:
            p = after[0]
            jc = p.pp.get("jc")
            if jc == "center" and not fold(p.text).startswith(("kinhgui", "cancu")) \
                    and not (is_upper(shown(p)) and not is_placeholder(p.text)) \
                    and not is_typed_line(p.text):
                out.append(p)  # a centred, not bold line: the trích yếu, badly formatted
        return out

    @cached_property
    def symbol(self) -> str | None:
        if self.so is None:
            return None
        m = re.search(r"/\s*([^\s/]+)\s*$", norm(self.so.text))
        return m.group(1) if m else None

    @cached_property
    def mode(self) -> str:
        """"admin" (an administrative document), "appendix" (an appendix in its own file:
        `Phụ lục …` then `(Kèm theo …)` and no header), or "other" (no Quốc hiệu, Tiêu ngữ,
        number or date: not an administrative document at all)."""
        if self.qh is None and self.header_table is None:
            first = self.first_block
            if isinstance(first, Para) and len(first.text) < 60 and fold(first.text).startswith("phuluc"):
                return "appendix"
            if self.so is None and self.tn is None and self.dt is None:
                return "other"
        if self.other_reason:
            return "other"
        return "admin"

    @cached_property
    def other_reason(self) -> str | None:
        """Why a file with a Quốc hiệu-like header is still not an administrative document:
        "party" (a Party document: `ĐẢNG CỘNG SẢN VIỆT NAM` in place of the Quốc hiệu, laid out
        by Hướng dẫn 36-HD/VPTW, not by Decree 30), "form" (an individual's đơn, tờ khai, sơ yếu
        lý lịch, a company's contract: Quốc hiệu and Tiêu ngữ but nothing where the issuing agency
        stands), else None."""
        if self.qh is None and any("dangcongsanvietnam" in fold(p.text) for p in self.header_paras[:12]):
            return "party"
        if any(fold(p.text).startswith("phieutrinh") for p in self._title_area()):
            return "internal"
        if (self.qh is not None or self.tn is not None) and not self._agency_text():
            return "form"
        return None

    def _title_area(self) -> list[Para]:
        """The lines where a type name stands: the header and the few lines under it."""
        # pkg.blocks, not self.main: main is cut at the appendices, whose finding needs the mode.
        after = [b for b in self.pkg.blocks[self._after_header_index():][:12] if isinstance(b, Para)]
        return [*self.header_paras, *after]

    def _agency_text(self) -> bool:
        """Any text where an agency name stands: the left column, a line above the Quốc hiệu,
        or words typed before `CỘNG HÒA` on its own line (`VĂN PHÒNG UBND TỈNH <tab> CỘNG HÒA …`)."""
        top = self.qh or self.tn
        if self.qh is not None and len(fold(self.qh.text).split("conghoa")[0]) >= 6:
            return True  # (a photo box's `Ảnh` typed before the Quốc hiệu is not an agency)
        if self.left is not None:
            return any(p.text.strip() and p is not self.qh and p is not self.tn and not is_typed_line(p.text)
                       for p in self.left)
        for p in self.header_paras:
            if p is top:
                return False
            if p.text.strip() and not is_typed_line(p.text):
                return True
        return False

    @cached_property
    def kind(self) -> str:
        """The type in capitals (`BÁO CÁO`), CONG_VAN, a legal type (`NGHỊ ĐỊNH`), or UNKNOWN:
        a document whose type neither its title, its V/v nor its ký hiệu tells (never guessed)."""
        if self.vv:
            return CONG_VAN
        if self.type_name:
            return self.type_name
        first = (self.symbol or "").split("-")[0]
        name = doctypes.BY_ABBREVIATION.get(first)
        return doctypes.upper(name) if name else UNKNOWN

    @property
    def known_kind(self) -> bool:
        """A Decree 30 type whose own rules apply (not a legal document, not unknown)."""
        return self.kind != UNKNOWN and self.kind not in _LEGAL_TYPES.values()

    @property
    def kind_abbreviation(self) -> str | None:
        """Phụ lục III's abbreviation of the kind (`BC`); None for công văn and thư công."""
        return next((abbr for name, abbr in doctypes.TYPES if doctypes.upper(name) == self.kind), None)

    @property
    def kind_label(self) -> str:
        if self.mode == "appendix":
            return "phụ lục (tệp riêng)"
        if self.mode == "other":
            return "không phải văn bản hành chính"
        return self.kind.lower()

    @cached_property
    def kg(self) -> Para | None:
        start = self._after_header_index()
        if self.subject:
            start = self.subject[-1].index + 1
        elif self.type_para is not None:
            start = self.type_para.index + 1
        for p in self._following(start, 6):
            if fold(p.text).startswith("kinhgui"):
                return p
        return None

    @cached_property
    def kg_items(self) -> list[Para]:
        """Recipient lines after Kính gửi (`- ...;`), the Kính gửi line itself not included."""
        if self.kg is None:
            return []
        out = []
        named = bool(re.sub(r"^\S+\s+\S+\s*:?\s*", "", norm(self.kg.text)).strip())
        for b in self.main[self.kg.index + 1:]:
            if isinstance(b, Table):
                break
            t = norm(b.text)
            if not t:
                continue
            if t[:1] in "-–+•" and len(t) < 300:
                out.append(b)
            elif not out and not named and len(t) < 60 and is_placeholder(t):
                out.append(b)  # `${KG};` or `……………;`: the one recipient, left to fill
            else:
                break
        return out

    # -------------------------------------------------------------- signer block
    @staticmethod
    def left_side(t: Table) -> list[Para]:
        """Every column before the signer's (Mẫu 1.6 puts an empty column before Nơi nhận)."""
        k = t.last_text_column()
        return [p for row in t.rows for c in row[:k] for p in c.paras] if k > 0 else t.column("left")

    @staticmethod
    def right_side(t: Table) -> list[Para]:
        """The signer's column: the last holding text (not a trailing empty one kept as a margin)."""
        k = t.last_text_column()
        return [p for row in t.rows if len(row) > k for p in row[k].paras] if k > 0 else t.column("right")

    @cached_property
    def sig_table(self) -> Table | None:
        tables = [b for b in self.main if isinstance(b, Table) and b is not self.header_table]
        for t in reversed(tables[-12:]):
            if any(fold(p.text).startswith("noinhan") for p in self.left_side(t)):
                return t
        if tables:
            t = tables[-1]
            after = [b for b in self.main[t.index + 1:] if isinstance(b, Table) or b.text.strip()]
            if len(nonempty(self.right_side(t))) >= 2 and len(after) <= 2:
                return t
        return None

    @cached_property
    def nn(self) -> Para | None:
        if self.sig_table is not None:
            p = self._find(self.left_side(self.sig_table), lambda p: fold(p.text).startswith("noinhan"))
            if p is not None:
                return p
        return self._find([b for b in self.main if isinstance(b, Para)],
                          lambda p: fold(p.text).startswith("noinhan"))

    @cached_property
    def nn_items(self) -> list[Para]:
        if self.nn is None:
            return []
        if self.sig_table is not None and self.nn in self.left_side(self.sig_table):
            paras = self.left_side(self.sig_table)
        else:
            paras = [b for b in self.main if isinstance(b, Para)]
        i = next(k for k, p in enumerate(paras) if p is self.nn)
        return nonempty(paras[i + 1:])

    # -------------------------------------------------------------- body
    @cached_property
    def body_start(self) -> int:
        marks = [self._after_header_index()]
        for p in (self.type_para, *self.subject, self.kg, *self.kg_items):
            if p is not None:
                marks.append(p.index + 1)
        start = max(marks)
        # The short line under the trích yếu is an empty paragraph: it is skipped anyway.
        return start

    @cached_property
    def body_end(self) -> int:
        if self.sig_table is not None:
            return self.sig_table.index
        if self.nn is not None and self.nn.index >= 0:
            return self.nn.index
        return len(self.main)

    @cached_property
    def body(self) -> list[Para]:
        """Body-level paragraphs with text between the header block and the signer block."""
        return [b for b in self.main[self.body_start:self.body_end]
                if isinstance(b, Para) and b.text.strip() and not is_typed_line(b.text)]

    def section_of(self, block) -> int:
        return block.sect
