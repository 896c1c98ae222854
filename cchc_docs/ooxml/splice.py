"""Changing the text of some elements of an XML part and not one other byte.

A stamped document must stay the author's file: declarations, attribute order, namespace
prefixes and spacing as written. So the part is not re-serialised: it is parsed once by
`safety.parse_xml` (the hardened parser: a DTD or an entity is refused before any byte is
located), the markup is scanned for the byte span of every element, and only the content
of the chosen elements is rewritten.

The scan relies on what the parse has established: the bytes are well-formed XML without a
DTD, so a `<` is always markup (text and attribute values cannot hold one) and the n-th
start tag is the n-th element of the tree. Encodings with ASCII-compatible markup only
(UTF-8, as Word and Excel write).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .ns import W
from .safety import PackageError, parse_xml

_XML_SPACE = b'xml:space="preserve"'
Span = tuple[int, int, int, int]  # tag start, content start, content end, element end


def _tag_end(raw: bytes, start: int, name: str) -> int:
    """Index just past the `>` closing the tag that starts at `start` (quotes may hold `>`)."""
    quote = None
    for i in range(start, len(raw)):
        c = raw[i]
        if quote:
            if c == quote:
                quote = None
        elif c in (0x22, 0x27):
            quote = c
        elif c == 0x3E:
            return i + 1
    raise PackageError(f"phần {name} hỏng: thẻ không đóng")


def _skip(raw: bytes, start: int, end: bytes, name: str) -> int:
    i = raw.find(end, start)
    if i < 0:
        raise PackageError(f"phần {name} hỏng: thẻ không đóng")
    return i + len(end)


def element_spans(raw: bytes, name: str) -> list[Span]:
    """The byte span of every element, in document order. For an empty `<x/>` the content
    span is empty at the tag's end."""
    spans: list[Span] = []
    open_: list[int] = []
    i = raw.find(b"<")
    while i >= 0:
        if raw.startswith(b"<!--", i):
            i = _skip(raw, i, b"-->", name)
        elif raw.startswith(b"<![CDATA[", i):
            i = _skip(raw, i, b"]]>", name)
        elif raw.startswith(b"<?", i):
            i = _skip(raw, i, b"?>", name)
        elif raw.startswith(b"</", i):
            end = _tag_end(raw, i, name)
            k = open_.pop()
            spans[k] = (spans[k][0], spans[k][1], i, end)
            i = end
        else:
            end = _tag_end(raw, i, name)
            if raw[end - 2:end] != b"/>":
                open_.append(len(spans))
            spans.append((i, end, end, end))
            i = end
        i = raw.find(b"<", i)
    return spans


def locations(raw: bytes, tag: str, name: str) -> list[Span]:
    """Byte spans of every element named `tag` (Clark notation), in document order."""
    elements = list(parse_xml(raw, name).iter())
    spans = element_spans(raw, name)
    if len(spans) != len(elements):
        raise PackageError(f"phần {name} có cấu trúc không đọc được")
    return [span for el, span in zip(elements, spans) if el.tag == tag]


def set_texts(raw: bytes, texts: dict[str, str], name: str) -> bytes:
    """`raw` with the content of every element whose tag is a key of `texts` replaced."""
    edits = []
    for tag, text in texts.items():
        edits += [(span, text) for span in locations(raw, tag, name)]
    out, pos = [], 0
    for (tag_start, c_start, c_end, el_end), text in sorted(edits):
        open_tag = raw[tag_start:c_start]
        if open_tag.endswith(b"/>"):
            qname = open_tag[1:].split(None, 1)[0].rstrip(b"/>")
            new = open_tag[:-2].rstrip() + b">" + escape(text).encode() + b"</" + qname + b">"
            out += [raw[pos:tag_start], new]
            pos = el_end
        else:
            out += [raw[pos:c_start], escape(text).encode()]
            pos = c_end
    out.append(raw[pos:])
    return b"".join(out)


def wt_locations(raw: bytes) -> list[Span]:
    """Byte spans of every w:t of a WordprocessingML part, in document order."""
    return locations(raw, f"{W}t", "word/document.xml")


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
