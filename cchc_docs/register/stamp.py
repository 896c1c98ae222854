"""Writing the number and the date into a draft without disturbing anything else.

The clerk's stamp changes characters, not formatting: the new text goes into the `w:t`
elements that already hold the blank, so the number keeps the run properties of the
`Số:` line and the date stays italic. The XML is edited as bytes: only the content of
the changed `w:t` elements is rewritten, so every other byte of word/document.xml
(declarations, attribute order, namespaces, spacing) is the byte the author wrote.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.parsers.expat
from xml.sax.saxutils import escape

from ..errors import DocumentError, Problem
from ..vn import format_date_line
from .draft import W_NS, Draft, Paragraph

_WT = W_NS + "}t"
_XML_SPACE = b'xml:space="preserve"'


def number_text(number: int) -> str:
    """Decree 30: numbers below 10 take a leading zero (`05`), larger ones are as is."""
    return f"{number:02d}"


def stamp(draft: Draft, number: int, date: dt.date) -> tuple[bytes, list[str]]:
    """(new document.xml, warnings) with `Số: 05/…` and `…, ngày 05 tháng 7 năm 2024`."""
    warnings: list[str] = []
    edits: dict[int, str] = {}
    _replace(draft, draft.number_par, [(draft.number_gap, f" {number_text(number)}")], edits)
    written = draft.date_written
    if written[2] and written[2] != date.year:
        warnings.append(f"dự thảo ghi năm {written[2]}, ngày ban hành là năm {date.year}: đã sửa năm")
    elif written[0] and written[1] and draft.written_date != date:
        warnings.append(f"dự thảo đã ghi ngày {written[0]}/{written[1]}/{written[2]}: "
                        f"đã thay bằng ngày cấp số")
    day_span, month_span, year_span = draft.date_spans
    # One source of truth for the leading-zero rules: the same function the letter uses.
    day, month, year = re.fullmatch(r"ngày (\d+) tháng (\d+) năm (\d+)", format_date_line(date)).groups()
    _replace(draft, draft.date_par, [
        (day_span, f" {day} "),
        (month_span, f" {month} "),
        (year_span, f" {year}"),
    ], edits)
    return splice(draft.xml, edits), warnings


def _replace(draft: Draft, par: Paragraph, spans, edits: dict[int, str]) -> None:
    """Apply (span, new text) replacements to the paragraph's w:t texts, right to left so
    earlier offsets stay valid. Characters outside the spans never move between runs."""
    texts = {s.wt_index: edits.get(s.wt_index, s.text) for s in par.segments if s.wt_index is not None}
    for (a, b), new in sorted(spans, key=lambda x: x[0][0], reverse=True):
        touched = [s for s in par.segments if s.start < b and s.start + len(s.text) > a]
        if any(s.wt_index is None for s in touched):
            raise DocumentError(Problem(
                "dòng số hoặc ngày tháng có dấu tab hay ngắt dòng ở chỗ để trống, không ghi số được",
                file=draft.name, hint="gõ lại dòng đó trong Word chỉ bằng dấu cách rồi cấp số lại"))
        if touched:
            host = touched[0]
        else:
            # Nothing between the marks (`Số:/UBND`): write into the run before the gap.
            before = [s for s in par.segments if s.start + len(s.text) <= a and s.wt_index is not None]
            if not before:
                raise DocumentError(Problem("không xác định được chỗ ghi số", file=draft.name))
            host = before[-1]
        for s in touched or [host]:
            text = texts[s.wt_index]
            lo = max(a - s.start, 0)
            hi = min(b - s.start, len(s.text))
            if s is host:
                texts[s.wt_index] = text[:lo] + new + text[hi:]
            else:
                texts[s.wt_index] = text[:lo] + text[hi:]
    for s in par.segments:
        if s.wt_index is not None and texts[s.wt_index] != s.text:
            edits[s.wt_index] = texts[s.wt_index]


def _tag_end(raw: bytes, start: int) -> int:
    """Index just past the `>` closing the tag that starts at `start` (quotes may hold `>`)."""
    quote = None
    i = start
    while i < len(raw):
        c = raw[i]
        if quote:
            if c == quote:
                quote = None
        elif c in (0x22, 0x27):
            quote = c
        elif c == 0x3E:
            return i + 1
        i += 1
    raise DocumentError("word/document.xml hỏng: thẻ không đóng")


def wt_locations(raw: bytes) -> list[tuple[int, int, int, int]]:
    """Byte spans of every w:t, in document order: (tag start, content start, content end,
    element end). For an empty `<w:t/>` the content span is empty at the tag's end."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    starts: list[int] = []
    found: list[tuple[int, int, int, int]] = []

    def start(name, attrs):
        if name == _WT:
            starts.append(parser.CurrentByteIndex)

    def end(name):
        if name == _WT:
            s = starts.pop()
            open_end = _tag_end(raw, s)
            if raw[open_end - 2:open_end] == b"/>":
                found.append((s, open_end, open_end, open_end))
            else:
                e = parser.CurrentByteIndex
                found.append((s, open_end, e, _tag_end(raw, e)))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(raw, True)
    except xml.parsers.expat.ExpatError as exc:
        raise DocumentError(f"word/document.xml hỏng: {exc}") from None
    return found


def splice(raw: bytes, edits: dict[int, str]) -> bytes:
    """`raw` with the text of the k-th w:t replaced by edits[k], all else byte for byte."""
    if not edits:
        return raw
    locs = wt_locations(raw)
    out = []
    pos = 0
    for k in sorted(edits):
        tag_start, c_start, c_end, el_end = locs[k]
        text = edits[k]
        open_tag = raw[tag_start:c_start]
        # Word drops leading/trailing spaces of a w:t without xml:space="preserve".
        needs_preserve = text != text.strip() and _XML_SPACE not in open_tag
        if open_tag.endswith(b"/>"):
            qname = open_tag[1:].split(None, 1)[0].rstrip(b"/>")
            attrs = open_tag[1 + len(qname):-2].rstrip()
            if needs_preserve or text != text.strip():
                attrs = attrs if _XML_SPACE in attrs else attrs + b" " + _XML_SPACE
            new = b"<" + qname + attrs + b">" + escape(text).encode() + b"</" + qname + b">"
            out += [raw[pos:tag_start], new]
            pos = el_end
            continue
        if needs_preserve:
            open_tag = open_tag[:-1].rstrip() + b" " + _XML_SPACE + b">"
        out += [raw[pos:tag_start], open_tag, escape(text).encode()]
        pos = c_end
    out.append(raw[pos:])
    return b"".join(out)
