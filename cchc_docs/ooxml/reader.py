"""The one reader of a .docx's content and formatting: a read-only model of paragraphs,
runs, tables and sections, with formatting resolved as Word resolves it (`styles`).

Every part goes through `safety.parse_xml` (no DTDs, entities or network) and is parsed
once. `Package(parts)` is the entry point; `blocks` holds the model's classes.

Tracked changes are read as accepted: inserted text counts, deleted text does not.
Text boxes are collected as paragraphs of their own; a `<w:br/>` splits a paragraph
into lines, because headers typed by hand often put Quốc hiệu and Tiêu ngữ in one
paragraph with a line break.
"""

from __future__ import annotations

import re
from functools import cached_property

from ..errors import DocumentError
from .blocks import Cell, HeaderPart, Para, Run, Section, Table
from .ns import MC, PIC_NS, PR, V, W
from .safety import parse_xml
from .styles import PPR, RPR, Styles, borders, styles_for, to_int

# The model's classes are re-exported: readers import everything from here.
__all__ = ["Cell", "HeaderPart", "Package", "Para", "Run", "Section", "Table"]

P, RUN, T, TBL, TR, TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
SECTPR, TXBX = W + "sectPr", W + "txbxContent"
PIC = f"{{{PIC_NS}}}pic"

# Inline containers whose runs belong to the paragraph. Deleted and moved-away text
# (w:del, w:moveFrom) is left out: the checker reads the document as if changes were accepted.
_RUN_CONTAINERS = frozenset(W + n for n in (
    "hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple",
    "dir", "bdo", "oMath", "oMathPara"))
_BLOCK_CONTAINERS = frozenset(W + n for n in ("sdt", "sdtContent", "customXml"))
_DRAWINGS = frozenset((W + "drawing", W + "pict", W + "object", MC + "AlternateContent"))
_PAGE_FIELD = re.compile(r"(?<![A-Za-z])PAGE(?![A-Za-z])")
MAX_DEPTH = 40  # nested tables / text boxes deeper than this are hostile, not documents


# ------------------------------------------------------------------ reading a story

DEDUP_HEAD, DEDUP_TAIL = 20, 5  # rows always read at the top and bottom of a table
_TEXT = re.compile(rb">[^<]+</w:t>")  # a text run's content (the `>` closes its start tag)
_TEXT_ONLY = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_RSID = re.compile(rb' w:rsid\w*="[^"]*"')


def _row_shape(tr) -> tuple[tuple, str]:
    """(shape, text) of a row: its XML without texts and revision ids, plus whether its text is
    ASCII (which font slot the rule reads) — two rows of one shape read to the same formatting —
    and its text as the reader joins it. All C-speed: no Python step per run."""
    from lxml import etree

    raw = etree.tostring(tr, encoding="utf-8")
    text = b"".join(_TEXT_ONLY.findall(raw))
    return (_RSID.sub(b"", _TEXT.sub(b"></w:t>", raw)), text.isascii(), not text.strip()), \
        text.decode("utf-8", "replace")


class _Reader:
    """Turns the XML of a story (body, header, footnote) into Para/Table objects."""

    def __init__(self, styles: Styles):
        self.styles = styles
        self.textbox_paras: list[Para] = []
        self.tables: list[Table] = []
        self.count = 0

    def blocks(self, container, loc: str, depth: int = 0):
        out = []
        for child in container:
            tag = child.tag
            if tag == P:
                out.extend(self.paragraph(child, loc, depth))
            elif tag == TBL:
                out.append(self.table(child, loc, depth))
            elif tag in _BLOCK_CONTAINERS and depth < MAX_DEPTH:
                out.extend(self.blocks(child, loc, depth + 1))
        return out

    def table(self, el, loc, depth) -> Table:
        t = Table()
        self.tables.append(t)
        t.number = len(self.tables)
        tblpr = el.find(W + "tblPr")
        style_el = tblpr.find(W + "tblStyle") if tblpr is not None else None
        t.style = style_el.get(W + "val") if style_el is not None else None
        edges = dict(self.styles.table_style_borders(t.style))
        if tblpr is not None:
            edges.update(borders(tblpr.find(W + "tblBorders")))
        visible = {e for e, on in edges.items() if on}
        grid = el.find(W + "tblGrid")
        widths = [to_int(g.get(W + "w"), 0) for g in grid.findall(W + "gridCol")] if grid is not None else []
        t.ncols = len(widths)
        if depth >= MAX_DEPTH:
            return t
        widest = 0
        trs = list(el.iterchildren(TR))
        seen: set = set()
        for r_i, tr in enumerate(trs):
            trpr = tr.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                continue  # a deleted row (tracked change)
            if depth == 0 and DEDUP_HEAD <= r_i < len(trs) - DEDUP_TAIL:
                key, text = _row_shape(tr)
                if key in seen:
                    # A data row formatted exactly like one already read (the 3,321 rows of a
                    # report): its runs resolve to the same formatting, so only its text is kept,
                    # for the encoding rules. Cost stays linear and small in the number of rows.
                    t.skipped.append(text)
                    continue
                seen.add(key)
            row, col = [], 0
            for tc in tr.iterchildren(TC):
                tcpr = tc.find(W + "tcPr")
                span = 1
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    span = max(to_int(gs.get(W + "val"), 1), 1) if gs is not None else 1
                    visible.update(e for e, on in borders(tcpr.find(W + "tcBorders")).items()
                                   if on and e not in ("tl2br", "tr2bl"))
                cell = Cell(col, span)
                width = None
                tcw = tcpr.find(W + "tcW") if tcpr is not None else None
                if tcw is not None and tcw.get(W + "type", "dxa") == "dxa":
                    width = to_int(tcw.get(W + "w"))
                if not width and widths:
                    width = sum(widths[col:col + span]) or None
                cell_loc = f"bảng {t.number}, hàng {r_i + 1}, ô {len(row) + 1}" if depth == 0 else loc
                for b in self.blocks(tc, cell_loc, depth + 1):
                    cell.paras.extend(b.paras() if isinstance(b, Table) else [b])
                for p in cell.paras:
                    if p.box is None:
                        p.box = width
                row.append(cell)
                col += span
            t.rows.append(row)
            widest = max(widest, col)
        # A table without tblGrid (hand-made XML) is as wide as its widest row.
        t.ncols = t.ncols or widest
        t.borders = sorted(visible)
        return t

    def paragraph(self, el, loc, depth=0) -> list[Para]:
        self.count += 1
        if self.count > MAX_PARAS:
            raise DocumentError(f"văn bản có hơn {MAX_PARAS:,} đoạn".replace(",", ".")
                                + ", quá nhiều cho một văn bản: tệp bị từ chối")
        pp, base_rp = self.styles.paragraph_props(el.find(PPR))
        cur = Para(pp, loc, el)
        lines = [cur]
        texts: list[str] = []
        instr: list[str] = []
        field_depth = 0
        for r in _iter_runs(el):
            rp = self.styles.run_props(base_rp, r.find(RPR))
            buf: list[str] = []
            if field_depth or r.getparent().tag == W + "fldSimple":
                cur.field_rps.append(rp)  # the runs showing a field's result (the page number)
            for child in r:
                tag = child.tag
                if tag == T:
                    buf.append(child.text or "")
                elif tag == W + "tab" or tag == W + "ptab":
                    buf.append("\t")
                elif tag == W + "br" or tag == W + "cr":
                    if child.get(W + "type") in ("page", "column"):
                        continue
                    if buf:
                        cur.runs.append(Run("".join(buf), rp))
                        texts.append("".join(buf))
                        buf = []
                    cur.text = "".join(texts)
                    texts = []
                    cur = Para(pp, loc, el)
                    cur.cont = True
                    lines.append(cur)
                elif tag == W + "noBreakHyphen":
                    buf.append("-")
                elif tag == W + "instrText":
                    instr.append(child.text or "")
                elif tag == W + "fldChar":
                    kind = child.get(W + "fldCharType")
                    if kind == "begin":
                        field_depth += 1
                        cur.field_rps.append(rp)
                    elif kind == "end":
                        field_depth = max(field_depth - 1, 0)
                elif tag == W + "footnoteReference":
                    cur.footnote_refs += 1
                elif tag in _DRAWINGS:
                    self._drawing(child, cur, loc, depth)
            if buf:
                text = "".join(buf)
                cur.runs.append(Run(text, rp))
                texts.append(text)
        cur.text = "".join(texts)
        for fld in el.iter(W + "fldSimple"):
            instr.append(fld.get(W + "instr") or "")
            if fld.find(RUN) is None:
                cur.field_rps.append(base_rp)
        if instr and _PAGE_FIELD.search(" ".join(instr)):
            lines[0].page_field = True
            if cur is not lines[0]:
                lines[0].field_rps.extend(cur.field_rps)
        return lines

    def _drawing(self, el, para: Para, loc, depth):
        is_image = False
        for e in el.iter(PIC, V + "imagedata"):
            is_image = True
            break
        if is_image:
            para.image = True
        else:
            para.shape = True
        if depth >= MAX_DEPTH:
            return
        for box in el.iter(TXBX):
            # Word writes each text box twice (DrawingML choice + VML fallback): read one.
            if any(a.tag == MC + "Fallback" for a in box.iterancestors()):
                continue
            for b in self.blocks(box, "hộp văn bản (text box)", depth + 1):
                self.textbox_paras.extend(b.paras() if isinstance(b, Table) else [b])


def _iter_runs(el, depth=0):
    for child in el:
        tag = child.tag
        if tag == RUN:
            yield child
        elif tag in _RUN_CONTAINERS and depth < MAX_DEPTH:
            yield from _iter_runs(child, depth + 1)
        elif tag == MC + "AlternateContent" and depth < MAX_DEPTH:
            choice = child.find(MC + "Choice")
            if choice is None:
                choice = child.find(MC + "Fallback")
            if choice is not None:
                yield from _iter_runs(choice, depth + 1)


# ------------------------------------------------------------------ reading for the checker

# What the checker may inflate and parse of a file nobody here wrote. The general zip limits
# of `safety` (64 MB a part, 256 MB in all) are for any package; a document to check needs far
# less, and parsing 4 × 63 MB of XML took 105 s and 8 GB. The project's largest real output,
# the 3,321-commune report, has a main part of 33 MB (740 KB zipped) and 2.57 million tags: over
# CHECK_MAX_TAGS, so `cchc check` refuses it with that reason (its in-memory self-check at
# generation, check_parts, is not limited). A tree that large takes 600 MB; the bound is 300.
CHECK_MAX_PART = 48 * 1024 * 1024
CHECK_MAX_TOTAL = 64 * 1024 * 1024
CHECK_MAX_TAGS = 600_000       # elements in all parsed parts: lxml takes ~180 bytes each, our model more
MAX_PARAS = 200_000              # paragraphs (lines) of one story

VBA_PART = "word/vbaProject.bin"
_MACRO_TYPE = b"macroEnabled"


def _needed(name: str) -> bool:
    """Parts the checker reads: the main story, its rels, styles, theme, settings, headers,
    footers, footnotes, app.xml. Media, embeddings, glossary and custom XML are skipped."""
    if name in ("[Content_Types].xml", "docProps/app.xml"):
        return True
    if not name.startswith("word/") or name.startswith(("word/media/", "word/embeddings/", "word/glossary/")):
        return False
    return name.endswith((".xml", ".rels"))


def read_for_check(data: bytes) -> dict[str, bytes]:
    """The parts the checker needs, under the checker's limits; a file over them is refused
    with a PackageError saying why, before anything large is inflated. A VBA project is not
    inflated but its name is kept (with empty bytes) so that the checker reports it."""
    from .safety import PackageError, open_zip, read_member

    with open_zip(data) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        names = {i.filename for i in infos}
        wanted = [i for i in infos if _needed(i.filename)]
        for i in wanted:
            if i.file_size > CHECK_MAX_PART:
                raise PackageError(f"phần {i.filename} giải nén ra {i.file_size // (1024 * 1024)} MB, quá lớn "
                                   f"cho một văn bản (tối đa {CHECK_MAX_PART // (1024 * 1024)} MB): tệp bị từ chối")
        total = sum(i.file_size for i in wanted)
        if total > CHECK_MAX_TOTAL:
            raise PackageError(f"các phần văn bản giải nén ra {total // (1024 * 1024)} MB, quá lớn cho một văn bản "
                               f"(tối đa {CHECK_MAX_TOTAL // (1024 * 1024)} MB; nghi zip bomb): tệp bị từ chối")
        parts, tags = {}, 0
        for i in wanted:
            body = read_member(zf, i)
            tags += body.count(b"<")
            if tags > CHECK_MAX_TAGS:
                raise PackageError(f"tệp có hơn {CHECK_MAX_TAGS:,} thẻ XML".replace(",", ".")
                                   + ", quá nhiều cho một văn bản: tệp bị từ chối")
            parts[i.filename] = body
    if "[Content_Types].xml" not in parts or "word/document.xml" not in parts:
        raise PackageError("không phải tệp Word .docx (thiếu word/document.xml)")
    vba = next((n for n in names if n.lower().endswith("vbaproject.bin")), None)
    if vba is not None:
        parts[vba] = b""
    return parts


def has_macros(parts: dict[str, bytes]) -> str | None:
    """The VBA project's part name, or the content type's word, when the package carries macros."""
    vba = next((n for n in parts if n.lower().endswith("vbaproject.bin")), None)
    if vba is not None:
        return vba
    return "[Content_Types].xml" if _MACRO_TYPE in parts.get("[Content_Types].xml", b"") else None


# ------------------------------------------------------------------ the package

def _rels(parts: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """Relationships of `part`: id → (type suffix, target part name)."""
    folder, _, name = part.rpartition("/")
    rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    data = parts.get(rels_name)
    out: dict[str, tuple[str, str]] = {}
    if not data:
        return out
    root = parse_xml(data, rels_name)
    for rel in root.iterchildren(PR + "Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            full = target.lstrip("/")
        else:
            segs = (folder.split("/") if folder else []) + target.split("/")
            stack: list[str] = []
            for s in segs:
                if s == "..":
                    if stack:
                        stack.pop()
                elif s and s != ".":
                    stack.append(s)
            full = "/".join(stack)
        out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], full)
    return out


class Package:
    """A .docx (part name → bytes) read once: body blocks, sections, headers, footnotes."""

    def __init__(self, parts: dict[str, bytes]):
        if "word/document.xml" not in parts:
            raise DocumentError("không phải tệp Word .docx (thiếu word/document.xml)")
        self.parts = parts
        self.rels = _rels(parts, "word/document.xml")
        self.styles = styles_for(parts, self.rels)
        root = parse_xml(parts["word/document.xml"], "word/document.xml")
        body = root.find(W + "body")
        if body is None:
            raise DocumentError("word/document.xml không có phần thân (w:body)")
        reader = _Reader(self.styles)
        self.blocks = reader.blocks(body, "thân văn bản")
        self.tables = reader.tables
        self.textbox_paras = reader.textbox_paras
        # Sections: a paragraph carrying sectPr closes a section; the body's sectPr is the last.
        self.sections: list[Section] = []
        cur = Section(None, 0)
        for i, b in enumerate(self.blocks):
            b.index = i
            b.sect = cur.index
            cur.blocks.append(b)
            if isinstance(b, Table):
                for p in b.paras():
                    p.sect = cur.index
            elif b.el is not None and (i + 1 >= len(self.blocks) or getattr(self.blocks[i + 1], "el", None) is not b.el):
                ppr = b.el.find(PPR)
                sect = ppr.find(SECTPR) if ppr is not None else None
                if sect is not None:
                    cur.el = sect
                    self.sections.append(cur)
                    cur = Section(None, cur.index + 1)
        cur.el = body.find(SECTPR)
        if cur.el is not None or cur.blocks or not self.sections:
            self.sections.append(cur)
        for s in self.sections:
            # Body-level lines (the rule under a trích yếu) measure against the text width.
            size = s.size
            width = size[0] - (s.margin("left") or 0) - (s.margin("right") or 0) if size else None
            for b in s.blocks:
                if isinstance(b, Para) and b.box is None:
                    b.box = width if width and width > 0 else None
        self.headers: dict[str, HeaderPart] = {}
        self.footnote_paras: list[Para] = []
        fn = next((t for k, t in self.rels.values() if k == "footnotes"), None)
        if fn and fn in parts:
            froot = parse_xml(parts[fn], fn)
            r = _Reader(self.styles)
            for note in froot.iterchildren(W + "footnote"):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                for b in r.blocks(note, "chú thích cuối trang"):
                    self.footnote_paras.extend(b.paras() if isinstance(b, Table) else [b])
            self.footnote_paras.extend(r.textbox_paras)

    def story(self, rel_id) -> HeaderPart | None:
        """A header/footer part by relationship id, parsed once."""
        rel = self.rels.get(rel_id or "")
        if rel is None or rel[1] not in self.parts:
            return None
        name = rel[1]
        hit = self.headers.get(name)
        if hit is None:
            # A batch repeats the same headers: parsed once per style sheet (read-only objects).
            key = (name, self.parts[name])
            shared = self.styles.story_cache.get(key)
            if shared is not None:
                self.headers[name] = shared
                return shared
            root = parse_xml(self.parts[name], name)
            r = _Reader(self.styles)
            label = f"{'đầu trang' if rel[0] == 'header' else 'chân trang'} ({name.rsplit('/', 1)[-1]})"
            paras = []
            for b in r.blocks(root, label):
                paras.extend(b.paras() if isinstance(b, Table) else [b])
            paras.extend(r.textbox_paras)
            hit = self.headers[name] = HeaderPart(name, paras)
            if len(self.styles.story_cache) > 64:
                self.styles.story_cache.clear()
            self.styles.story_cache[key] = hit
        return hit

    def effective(self, kind: str, ref_type: str) -> list[tuple[Section, HeaderPart | None]]:
        """Per section, the header/footer of `ref_type` it shows (inherited when not set)."""
        out, last = [], None
        for s in self.sections:
            refs = s.refs(kind)
            if ref_type in refs:
                last = self.story(refs[ref_type])
            elif ref_type == "first" and s.index == 0:
                last = None  # a first section without a first-page header shows a blank one
            out.append((s, last))
        return out

    def all_stories(self, kind: str) -> list[HeaderPart]:
        seen = {}
        for s in self.sections:
            for rid in s.refs(kind).values():
                st = self.story(rid)
                if st is not None:
                    seen[st.name] = st
        return list(seen.values())

    @cached_property
    def body_paras(self) -> list[Para]:
        out = []
        for b in self.blocks:
            out.extend(b.paras() if isinstance(b, Table) else [b])
        return out

    @cached_property
    def app_pages(self) -> int | None:
        m = re.search(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</", self.parts.get("docProps/app.xml", b"")[:20000])
        return int(m.group(1)) if m else None

    @cached_property
    def even_odd_headers(self) -> bool:
        data = self.parts.get("word/settings.xml", b"")
        return b"evenAndOddHeaders" in data and b'evenAndOddHeaders w:val="0"' not in data \
            and b'evenAndOddHeaders w:val="false"' not in data
