"""Reading the fields the register needs from the main part of a draft (document.xml).

A draft laid out by this project (and most hand-made Decree 30 drafts) has a borderless
header table holding `Số:      /UBND-NV`, the `V/v` line of a công văn and the place/date
line; then, for named types, `BÁO CÁO` and its subject; `Kính gửi:`; and a closing table
with `Nơi nhận:` on the left and the signer on the right.

Word splits a line into runs wherever formatting, spell-check or editing history says so,
so every line is read as a *paragraph text* assembled from its `w:t` pieces. Each piece
remembers which `w:t` element of the document it came from, so stamp.py can later change
exactly those characters and nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..doctypes import BY_ABBREVIATION, CONG_VAN
from ..errors import DocumentError, Problem
from ..ooxml.ns import W
from ..ooxml.safety import PackageError, parse_xml
from ..vn import match_key, nfc

# What a clerk leaves where the number or the day goes: spaces, dots, underscores.
_BLANK = r"[\s\u00a0._…]*"
NUMBER_LINE = re.compile(
    rf"^\s*Số\s*:(?P<gap>{_BLANK}(?P<num>\d*){_BLANK})/\s*(?P<symbol>\S+?)\s*$")
DATE_LINE = re.compile(
    rf"^\s*(?P<place>\S.*?),\s*ngày(?P<d>{_BLANK}\d*{_BLANK})tháng(?P<m>{_BLANK}\d*{_BLANK})"
    rf"năm(?P<y>{_BLANK}\d*{_BLANK})$")
# The document's own number quoted inside it: the appendix's `(Kèm theo Báo cáo số      /BC-UBND
# ngày      tháng      năm 2024 của …)`. Filled in with the number on issue.
SELF_REF = re.compile(
    rf"Kèm theo\s+\S.*?\s+số(?P<gap>{_BLANK})/\s*(?P<symbol>[^\s)]+?)\s+"
    rf"(?P<date>ngày{_BLANK}tháng{_BLANK}năm{_BLANK}\d{{0,4}}|ngày{_BLANK})(?=\s+của|\s*\))")
_LUU = re.compile(r"^-?\s*Lưu\s*:\s*(?P<units>.*?)\s*\.?\s*$")
_COPIES = re.compile(r"^(?P<unit>.*?)\s*\((?P<n>\d+)\)$")


@dataclass
class Segment:
    """A stretch of a paragraph's text: the text of one `w:t`, or a tab/break."""

    text: str
    wt_index: int | None  # position of the w:t among all w:t of the part; None = not editable
    start: int = 0  # offset in the paragraph text


@dataclass
class Paragraph:
    segments: list[Segment]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


def _owner_paragraph(el):
    node = el.getparent()
    while node is not None and node.tag != f"{W}p":
        node = node.getparent()
    return node


def paragraph(p, wt_index: dict) -> Paragraph:
    """The paragraph's text as Word shows it, without text of nested (text box) paragraphs."""
    segments: list[Segment] = []
    offset = 0
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if _owner_paragraph(el) is not p:
            continue
        if el.tag == f"{W}t":
            seg = Segment(el.text or "", wt_index[el])
        elif el.tag == f"{W}tab":
            if el.getparent().tag != f"{W}r":  # a tab stop definition in pPr, not a tab
                continue
            seg = Segment("\t", None)
        else:
            seg = Segment("\n", None)
        seg.start = offset
        offset += len(seg.text)
        segments.append(seg)
    return Paragraph(segments)


def _clean(text: str) -> str:
    return nfc(text)


@dataclass
class Draft:
    """What the register needs to know about a draft, and where to stamp it."""

    name: str
    xml: bytes
    symbol: str
    number: int | None  # already numbered when not None
    number_par: Paragraph
    number_gap: tuple[int, int]  # span of the blank (and any number) between `Số:` and `/`
    place: str
    date_par: Paragraph
    date_spans: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]  # day, month, year
    date_written: tuple[int | None, int | None, int | None]
    type_abbr: str | None
    type_name: str
    summary: str
    recipients: list[str] = field(default_factory=list)
    signer: str = ""
    signer_position: str = ""
    keep_units: list[str] = field(default_factory=list)
    keep_copies: dict[str, int] = field(default_factory=dict)
    header_lines: list[str] = field(default_factory=list)  # text above the Số line, in order
    # Blank quotes of the document's own number: (paragraph, number gap span, date span).
    self_refs: list[tuple[Paragraph, tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    @property
    def written_date(self) -> dt.date | None:
        d, m, y = self.date_written
        if d and m and y:
            try:
                return dt.date(y, m, d)
            except ValueError:
                return None
        return None


def lower_title(text: str) -> str:
    """`Kết quả khắc phục …` → `kết quả khắc phục …` after a type name, but leave a
    proper name (`Hà Tĩnh …`, two capitalised words) and an acronym (`CCHC …`) alone."""
    words = text.split(" ")
    if not words or len(words[0]) < 2:
        return text
    first = words[0]
    if not (first[0].isupper() and first[1:].islower()):
        return text
    if len(words) > 1 and words[1][:1].isupper():
        return text
    return first[0].lower() + text[1:]


def type_of(symbol: str) -> tuple[str | None, str]:
    """(abbreviation, type name) from the ký hiệu: `BC-UBND` → Báo cáo, `UBND-NV` → công văn."""
    first = symbol.split("-", 1)[0]
    if first in BY_ABBREVIATION:
        return first, BY_ABBREVIATION[first]
    folded = {k.upper(): k for k in BY_ABBREVIATION}
    if "-" in symbol and first.upper() in folded:
        abbr = folded[first.upper()]
        return abbr, BY_ABBREVIATION[abbr]
    return None, CONG_VAN


def _fail(name: str, message: str, hint: str | None = None) -> DocumentError:
    return DocumentError(Problem(message, file=name, hint=hint))


def read_draft(xml: bytes, name: str = "văn bản") -> Draft:
    """Every field of a draft, or a DocumentError saying which one is missing."""
    try:
        # Drafts come from anywhere: the project's one hardened parser (no DTD, no entities).
        root = parse_xml(xml, "word/document.xml")
    except PackageError as exc:
        raise _fail(name, str(exc)) from None
    body = root.find(f"{W}body")
    if body is None:
        raise _fail(name, "không có phần thân văn bản (w:body)")
    wt_index = {el: i for i, el in enumerate(root.iter(f"{W}t"))}
    tables = [el for el in body if el.tag == f"{W}tbl"]

    def pars(container):
        return [(p, paragraph(p, wt_index)) for p in container.iter(f"{W}p")]

    header = tables[0] if tables else body
    header_pars = pars(header)

    # Số line: the header table first; a draft without one is searched whole.
    found = _first(header_pars, NUMBER_LINE) or _first(pars(body), NUMBER_LINE)
    if found is None:
        raise _fail(name, "không tìm thấy dòng 'Số:      /KÝ-HIỆU' ở đầu văn bản",
                    "văn bản đưa vào sổ phải là bản dự thảo có dòng số để trống, ví dụ 'Số:      /UBND-NV'")
    number_el, number_par, m = found
    symbol = _clean(m["symbol"])
    number = int(m["num"]) if m["num"] else None
    number_gap = m.span("gap")

    found = _first(header_pars, DATE_LINE) or _first(pars(body), DATE_LINE)
    if found is None:
        raise _fail(name, "không tìm thấy dòng địa danh, ngày tháng ('Hương Sơn, ngày      tháng      năm 2024')")
    _, date_par, dm = found
    day, month, year = (re.sub(r"\D", "", dm[g]) for g in "dmy")
    # `năm 20..` is a blank with a hint, not the year 20.
    date_written = (int(day) if day else None, int(month) if month else None,
                    int(year) if len(year) == 4 else None)

    abbr, type_name = type_of(symbol)
    if abbr is None:
        summary = _subject_cong_van(number_el, number_par, wt_index)
        if not summary:
            raise _fail(name, f"công văn {symbol} không có dòng trích yếu 'V/v ...' dưới dòng số")
    else:
        summary = _subject_named(body, type_name, wt_index)
        if not summary:
            raise _fail(name, f"không tìm thấy tên loại '{type_name.upper()}' và trích yếu của văn bản {symbol}")

    draft = Draft(name=name, xml=xml, symbol=symbol, number=number, number_par=number_par,
                  number_gap=number_gap, place=_clean(dm["place"]), date_par=date_par,
                  date_spans=(dm.span("d"), dm.span("m"), dm.span("y")),
                  date_written=date_written, type_abbr=abbr, type_name=type_name,
                  summary=summary)
    draft.recipients = _kinh_gui(body, wt_index)
    draft.header_lines = _above(header_pars, number_el)
    for _el, par in pars(body):
        for m in SELF_REF.finditer(par.text):
            if _clean(m["symbol"]) == symbol and not re.sub(r"\D", "", m["gap"]):
                draft.self_refs.append((par, m.span("gap"), m.span("date")))
    # The closing table is the last one holding `Nơi nhận`: a report's appendix table comes after it.
    closing = next((t for t in reversed(tables[1:]) if "Nơi nhận" in "".join(t.itertext())), None)
    _footer(draft, closing, wt_index)
    if not draft.keep_units:
        raise _fail(name, "không tìm thấy dòng '- Lưu: VT, ...' ở phần Nơi nhận",
                    "dòng Lưu cho biết nơi giữ bản lưu, ví dụ '- Lưu: VT, NV.'")
    return draft


def _above(pars, stop) -> list[str]:
    """Non-empty lines of the header before the Số paragraph: chủ quản, the issuing agency
    and the national motto, in document order."""
    lines = []
    for el, par in pars:
        if el is stop:
            break
        text = _clean(par.text)
        if text:
            lines.append(text)
    return lines


def issuer(draft: Draft, parent: str = "") -> str:
    """The issuing agency as the header names it: the lines above the Số line without the
    motto and without the chủ quản (`UBND TỈNH HÀ TĨNH`), joined as one name."""
    motto = {_words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), _words("Độc lập - Tự do - Hạnh phúc")}
    lines = [t for t in draft.header_lines if _words(t) not in motto]
    if parent and lines and match_key(lines[0]) == match_key(parent):
        lines = lines[1:]
    return " ".join(lines)


def _words(text: str) -> str:
    return " ".join(match_key(text).replace("-", " ").split())


def _first(pars, pattern):
    for el, par in pars:
        m = pattern.match(par.text)
        if m:
            return el, par, m
    return None


def _following_in_cell(p):
    """The paragraphs after `p` inside the same container (table cell or body)."""
    node = p.getnext()
    while node is not None:
        if node.tag == f"{W}p":
            yield node
        node = node.getnext()


def _subject_cong_van(number_el, number_par, wt_index) -> str:
    """`V/v ...` under the number, in one paragraph or wrapped over several."""
    lines: list[str] = []
    for p in _following_in_cell(number_el):
        text = _clean(paragraph(p, wt_index).text)
        if not lines:
            if text.startswith("V/v"):
                lines.append(text)
            elif text:
                break
            continue
        if not text:
            break
        lines.append(text)
    return " ".join(lines)


def _subject_named(body, type_name: str, wt_index) -> str:
    """The title paragraph(s) right under `BÁO CÁO` (or the type's name in capitals)."""
    want = match_key(type_name.upper())
    blocks = [el for el in body if el.tag == f"{W}p"]
    for k, p in enumerate(blocks):
        if match_key(paragraph(p, wt_index).text) != want:
            continue
        lines: list[str] = []
        for q in blocks[k + 1:]:
            text = _clean(paragraph(q, wt_index).text)
            if not text:
                if lines:
                    break
                continue
            if text.startswith(("Kính gửi", "Căn cứ")):
                break
            lines.append(text)
            if not _centred(q):
                break
        return " ".join(lines)
    return ""


def _centred(p) -> bool:
    jc = p.find(f"{W}pPr/{W}jc")
    return jc is not None and jc.get(f"{W}val") == "center"


def _item(text: str) -> str:
    return _clean(text).lstrip("-–").strip().rstrip(";.,").strip()


def _kinh_gui(body, wt_index) -> list[str]:
    """Recipients of `Kính gửi:`, on its own line or as `- A;` lines below it."""
    blocks = [el for el in body if el.tag == f"{W}p"]
    for k, p in enumerate(blocks):
        text = _clean(paragraph(p, wt_index).text)
        if not text.startswith("Kính gửi"):
            continue
        out = []
        first = _item(text.split(":", 1)[1] if ":" in text else "")
        if first:
            out.append(first)
        for q in blocks[k + 1:]:
            line = _clean(paragraph(q, wt_index).text)
            if not line.startswith(("-", "–")):
                break
            out.append(_item(line))
        return [r for r in out if r]
    return []


def _footer(draft: Draft, table, wt_index) -> None:
    """Nơi nhận items, the Lưu units and the signer, from the closing table."""
    if table is None:
        return
    noi_nhan_cell = None
    for tc in table.iter(f"{W}tc"):
        texts = [_clean(paragraph(p, wt_index).text) for p in tc.iter(f"{W}p")]
        if any(t.startswith("Nơi nhận") for t in texts):
            noi_nhan_cell = tc
            items = texts[[i for i, t in enumerate(texts) if t.startswith("Nơi nhận")][0] + 1:]
            for t in items:
                m = _LUU.match(t)
                if m and t.lstrip("- ").startswith("Lưu"):
                    for raw in m["units"].split(","):
                        unit = raw.strip()
                        c = _COPIES.match(unit)
                        copies = 1
                        if c:
                            unit, copies = c["unit"].strip(), int(c["n"])
                        if unit and unit not in draft.keep_units:
                            draft.keep_units.append(unit)
                            draft.keep_copies[unit] = copies
                    continue
                item = _item(t)
                if not item or match_key(item) == match_key("Như trên"):
                    continue
                if item not in draft.recipients:
                    draft.recipients.append(item)
            break
    cells = list(table.iter(f"{W}tc"))
    signer_cell = None
    if noi_nhan_cell is not None:
        sibling = noi_nhan_cell.getnext()
        while sibling is not None and sibling.tag != f"{W}tc":
            sibling = sibling.getnext()
        signer_cell = sibling
    if signer_cell is None and cells:
        signer_cell = cells[-1]
    if signer_cell is not None:
        lines = [t for t in (_clean(paragraph(p, wt_index).text) for p in signer_cell.iter(f"{W}p")) if t]
        if lines:
            draft.signer = lines[-1]
            upper = [t for t in lines[:-1] if t == t.upper()]
            draft.signer_position = upper[-1] if upper else ""
