"""A read-only model of a .docx for the checker: paragraphs with resolved formatting.

Each part is parsed once, with a parser that refuses DTDs, entities and network access.
Formatting is resolved the way Word resolves it (run properties → character style →
paragraph style chain → document defaults); only what the Decree 30 rules look at is kept.

Tracked changes are read as accepted: inserted text counts, deleted text does not.
Text boxes are collected as paragraphs of their own; a `<w:br/>` splits a paragraph
into lines, because headers typed by hand often put Quốc hiệu and Tiêu ngữ in one
paragraph with a line break.
"""

from __future__ import annotations

import re
import threading
from functools import cached_property

from lxml import etree

from ..errors import DocumentError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
V_NS = "{urn:schemas-microsoft-com:vml}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

P, R, T, TBL, TR, TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
PPR, RPR, SECTPR = W + "pPr", W + "rPr", W + "sectPr"
TXBX = W + "txbxContent"

# Inline containers whose runs belong to the paragraph. Deleted and moved-away text
# (w:del, w:moveFrom) is left out: the checker reads the document as if changes were accepted.
_RUN_CONTAINERS = frozenset(W + n for n in (
    "hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple",
    "dir", "bdo", "oMath", "oMathPara"))
_BLOCK_CONTAINERS = frozenset(W + n for n in ("sdt", "sdtContent", "customXml"))
_DRAWINGS = frozenset((W + "drawing", W + "pict", W + "object", MC + "AlternateContent"))
_FALSE = frozenset(("0", "false", "off", "none"))
_PAGE_FIELD = re.compile(r"(?<![A-Za-z])PAGE(?![A-Za-z])")
MAX_DEPTH = 40  # nested tables / text boxes deeper than this are hostile, not documents


_LOCAL = threading.local()


def _parser() -> etree.XMLParser:
    # One parser per thread: lxml parser objects must not be used by two threads at once,
    # and generators may check their output from a thread pool.
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                                 huge_tree=False, remove_comments=True, remove_pis=True)
    return parser


def parse_xml(data: bytes, name: str):
    """Root element of a part; a DTD (entities, XXE) or broken XML is a DocumentError."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"phần {name} không phải XML hợp lệ ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    except ValueError as exc:  # lxml refuses some inputs (e.g. str with encoding declaration)
        raise DocumentError(f"phần {name} không đọc được ({exc})") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        # Word never writes a DTD into a package part; one is there to smuggle entities in.
        raise DocumentError(f"phần {name} có khai báo DOCTYPE/ENTITY — Word không bao giờ ghi như vậy, "
                            "tệp bị từ chối (có thể là tệp độc hại)")
    return root


def _on(el) -> bool:
    v = el.get(W + "val")
    return v is None or v.lower() not in _FALSE


def _int(v, default=None):
    if v is None:
        return default
    try:
        return int(float(v))
    except ValueError:
        return default


# ------------------------------------------------------------------ property parsing

def parse_rpr(rpr, theme) -> dict:
    out: dict = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(W):
            continue
        name = tag[len(W):]
        if name == "rFonts":
            for key, theme_attr in (("ascii", "asciiTheme"), ("hAnsi", "hAnsiTheme"),
                                    ("eastAsia", "eastAsiaTheme"), ("cs", "cstheme")):
                th = child.get(W + theme_attr)
                val = theme(th) if th else child.get(W + key)
                if val:
                    out["f_" + key] = val
        elif name in ("b", "i", "caps", "vanish", "smallCaps"):
            out[name] = _on(child)
        elif name == "sz":
            sz = _int(child.get(W + "val"))
            if sz is not None:
                out["sz"] = sz
        elif name == "color":
            out["color"] = child.get(W + "val")
        elif name == "vertAlign":
            out["vertAlign"] = child.get(W + "val")
        elif name == "rStyle":
            out["_rStyle"] = child.get(W + "val")
    return out


_IND_ATTRS = (("left", "left"), ("start", "left"), ("right", "right"), ("end", "right"),
              ("firstLine", "firstLine"), ("hanging", "hanging"),
              ("firstLineChars", "firstLineChars"), ("hangingChars", "hangingChars"))
_SPACING_ATTRS = ("before", "after", "line", "beforeLines", "afterLines")


def parse_ppr(ppr) -> dict:
    out: dict = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(W):
            continue
        name = tag[len(W):]
        if name == "jc":
            out["jc"] = child.get(W + "val")
        elif name == "ind":
            for attr, key in _IND_ATTRS:
                v = _int(child.get(W + attr))
                if v is not None:
                    out["ind_" + key] = v
            # firstLine and hanging exclude each other: the level that sets one clears the other.
            if "ind_firstLine" in out or "ind_firstLineChars" in out:
                out.setdefault("ind_hanging", None)
                out.setdefault("ind_hangingChars", None)
            if "ind_hanging" in out and out["ind_hanging"] is not None:
                out.setdefault("ind_firstLine", None)
                out.setdefault("ind_firstLineChars", None)
        elif name == "spacing":
            for attr in _SPACING_ATTRS:
                v = _int(child.get(W + attr))
                if v is not None:
                    out["sp_" + attr] = v
            rule = child.get(W + "lineRule")
            if rule:
                out["sp_lineRule"] = rule
            for attr in ("beforeAutospacing", "afterAutospacing"):
                v = child.get(W + attr)
                if v is not None:
                    out["sp_" + attr] = v.lower() not in _FALSE
        elif name == "pBdr":
            for edge in ("top", "bottom"):
                e = child.find(W + edge)
                if e is not None:
                    out["bdr_" + edge] = (e.get(W + "val") or "nil") not in ("nil", "none")
        elif name == "numPr":
            num = child.find(W + "numId")
            out["numbered"] = num is not None and num.get(W + "val") not in (None, "0")
        elif name == "pStyle":
            out["_pStyle"] = child.get(W + "val")
        elif name == "outlineLvl":
            out["outline"] = _int(child.get(W + "val"))
    return out


# ------------------------------------------------------------------ styles

class Styles:
    """Style sheet with cached resolution per paragraph style / character style."""

    def __init__(self, root, theme_root=None):
        self._theme_root = theme_root
        self.theme_unresolved = False
        self._styles: dict[str, tuple[str, str | None, object, object, object]] = {}
        self.default_para = None
        self.default_table = None
        self.doc_rpr: dict = {}
        self.doc_ppr: dict = {}
        self._para_cache: dict = {}
        self._char_cache: dict = {}
        # Documents of a batch repeat the same few pPr/rPr: resolve each distinct one once.
        self._ppr_cache: dict = {}
        self._rpr_cache: dict = {}
        self.story_cache: dict = {}
        self._table_border_cache: dict = {}
        if root is None:
            return
        dd = root.find(W + "docDefaults")
        if dd is not None:
            self.doc_rpr = parse_rpr(dd.find(f"{W}rPrDefault/{W}rPr"), self.theme_font)
            self.doc_ppr = parse_ppr(dd.find(f"{W}pPrDefault/{W}pPr"))
        for st in root.iterchildren(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            stype = st.get(W + "type") or "paragraph"
            based = st.find(W + "basedOn")
            self._styles[sid] = (stype, based.get(W + "val") if based is not None else None,
                                 st.find(RPR), st.find(PPR), st.find(W + "tblPr"))
            if _on_attr(st.get(W + "default")):
                if stype == "paragraph" and self.default_para is None:
                    self.default_para = sid
                elif stype == "table" and self.default_table is None:
                    self.default_table = sid

    @cached_property
    def _theme(self) -> dict:
        fonts = {}
        root = self._theme_root
        if root is None:
            return fonts
        for kind in ("major", "minor"):
            el = root.find(f".//{A_NS}{kind}Font")
            if el is None:
                continue
            for script, tag in (("latin", "latin"), ("ea", "ea"), ("cs", "cs")):
                f = el.find(A_NS + tag)
                if f is not None and f.get("typeface"):
                    fonts[(kind, script)] = f.get("typeface")
        return fonts

    def theme_font(self, name: str) -> str:
        kind = "major" if name.startswith("major") else "minor"
        script = "ea" if "EastAsia" in name else "cs" if "Bidi" in name else "latin"
        font = self._theme.get((kind, script))
        if font:
            return font
        self.theme_unresolved = True
        return f"(theme:{name})"

    def _chain(self, sid, want: str) -> list:
        """Styles from the root of the basedOn chain down to `sid` (loops cut)."""
        chain, seen = [], set()
        while sid and sid not in seen and len(chain) < 20:
            seen.add(sid)
            st = self._styles.get(sid)
            if st is None or st[0] != want:
                break
            chain.append(st)
            sid = st[1]
        chain.reverse()
        return chain

    def para_style(self, sid) -> tuple[dict, dict]:
        """(paragraph props, run props) of a paragraph style, defaults included."""
        key = sid or self.default_para
        hit = self._para_cache.get(key)
        if hit is None:
            ppr, rpr = dict(self.doc_ppr), dict(self.doc_rpr)
            chain = self._chain(key, "paragraph")
            if not chain and sid and self.default_para:
                chain = self._chain(self.default_para, "paragraph")  # unknown style id → Normal
            for st in chain:
                ppr.update(parse_ppr(st[3]))
                rpr.update(parse_rpr(st[2], self.theme_font))
            ppr.pop("_pStyle", None)
            hit = self._para_cache[key] = (ppr, rpr)
        return hit

    def paragraph_props(self, ppr_el) -> tuple[dict, dict]:
        """(paragraph props, run props before run formatting) of a paragraph. Shared: read only."""
        key = etree.tostring(ppr_el) if ppr_el is not None else b""
        hit = self._ppr_cache.get(key)
        if hit is None:
            direct = parse_ppr(ppr_el)
            base_pp, base_rp = self.para_style(direct.pop("_pStyle", None))
            pp = dict(base_pp)
            pp.update(direct)
            if len(self._ppr_cache) > 4096:
                self._ppr_cache.clear()
            hit = self._ppr_cache[key] = (pp, base_rp)
        return hit

    def run_props(self, base_rp: dict, rpr_el) -> dict:
        """Run props: run rPr → character style → paragraph style chain → defaults. Shared: read only."""
        if rpr_el is None:
            return base_rp
        key = (id(base_rp), etree.tostring(rpr_el))
        hit = self._rpr_cache.get(key)
        if hit is None:
            direct = parse_rpr(rpr_el, self.theme_font)
            rstyle = direct.pop("_rStyle", None)
            hit = dict(base_rp)
            if rstyle:
                hit.update(self.char_style(rstyle))
            hit.update(direct)
            if len(self._rpr_cache) > 8192:
                self._rpr_cache.clear()
            self._rpr_cache[key] = hit
        return hit

    def char_style(self, sid) -> dict:
        hit = self._char_cache.get(sid)
        if hit is None:
            hit = {}
            for st in self._chain(sid, "character"):
                hit.update(parse_rpr(st[2], self.theme_font))
            hit.pop("_rStyle", None)
            self._char_cache[sid] = hit
        return hit

    def table_style_borders(self, sid) -> dict:
        key = sid or self.default_table
        hit = self._table_border_cache.get(key)
        if hit is None:
            hit = {}
            for st in self._chain(key, "table"):
                tblpr = st[4]
                if tblpr is not None:
                    hit.update(_borders(tblpr.find(W + "tblBorders")))
            self._table_border_cache[key] = hit
        return hit


def _on_attr(v) -> bool:
    return v is not None and v.lower() not in _FALSE


def _borders(el) -> dict:
    out = {}
    if el is None:
        return out
    for child in el:
        if isinstance(child.tag, str):
            out[child.tag[len(W):]] = (child.get(W + "val") or "nil") not in ("nil", "none")
    return out


# ------------------------------------------------------------------ document objects

class Run:
    __slots__ = ("rp", "text")

    def __init__(self, text: str, rp: dict):
        self.text = text
        self.rp = rp


class Para:
    """One line of text: a paragraph, or one `<w:br/>`-separated piece of one."""

    __slots__ = (
        "box",
        "cont",
        "el",
        "field_rps",
        "footnote_refs",
        "image",
        "index",
        "loc",
        "page_field",
        "pp",
        "runs",
        "sect",
        "shape",
        "text",
    )

    def __init__(self, pp: dict, loc: str, el=None):
        self.runs: list[Run] = []
        self.pp = pp
        self.text = ""
        self.loc = loc
        self.shape = False      # a drawing/VML shape that is not a picture (a line, a box)
        self.image = False
        self.page_field = False
        self.field_rps: list[dict] = []
        self.sect = 0
        self.cont = False       # continues the previous line of the same paragraph
        self.index = -1         # position among body-level blocks (-1: in a table/box/part)
        self.footnote_refs = 0
        self.el = el
        self.box = None         # width of the table cell holding it, in twips

    def text_runs(self):
        return [r for r in self.runs if r.text.strip() and not r.rp.get("vanish")]

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"Para({self.text!r}, {self.loc})"


class Cell:
    __slots__ = ("col", "paras", "span")

    def __init__(self, col: int, span: int):
        self.paras: list[Para] = []
        self.col = col
        self.span = span


class Table:
    __slots__ = ("borders", "index", "ncols", "number", "rows", "sect", "style")

    def __init__(self):
        self.rows: list[list[Cell]] = []
        self.ncols = 0
        self.borders: list[str] = []   # visible edges (table, style or cell level)
        self.style = None
        self.index = -1
        self.sect = 0
        self.number = 0

    def paras(self):
        return [p for row in self.rows for c in row for p in c.paras]

    def column(self, which: str) -> list[Para]:
        """Paragraphs of the first (`left`) or last (`right`) column, row by row."""
        out = []
        for row in self.rows:
            if not row:
                continue
            if which == "left":
                out.extend(row[0].paras)
            elif len(row) > 1:
                out.extend(row[-1].paras)
        return out


class Section:
    __slots__ = ("blocks", "el", "index")

    def __init__(self, el, index):
        self.el = el
        self.index = index
        self.blocks: list = []

    def _get(self, tag, attr):
        if self.el is None:
            return None
        e = self.el.find(W + tag)
        return None if e is None else e.get(W + attr)

    @property
    def size(self):
        w, h = _int(self._get("pgSz", "w")), _int(self._get("pgSz", "h"))
        return (w, h) if w and h else None

    @property
    def orient(self):
        return self._get("pgSz", "orient")

    def margin(self, side):
        v = _int(self._get("pgMar", side))
        return abs(v) if v is not None else None

    @property
    def title_page(self) -> bool:
        if self.el is None:
            return False
        e = self.el.find(W + "titlePg")
        return e is not None and _on(e)

    @property
    def page_start(self):
        return _int(self._get("pgNumType", "start"))

    def refs(self, kind: str) -> dict:
        out = {}
        if self.el is not None:
            for e in self.el.iterchildren(W + kind + "Reference"):
                out[e.get(W + "type") or "default"] = e.get(R_ID)
        return out


# ------------------------------------------------------------------ reading a story

class _Reader:
    """Turns the XML of a story (body, header, footnote) into Para/Table objects."""

    def __init__(self, styles: Styles):
        self.styles = styles
        self.textbox_paras: list[Para] = []
        self.tables: list[Table] = []

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
            edges.update(_borders(tblpr.find(W + "tblBorders")))
        visible = {e for e, on in edges.items() if on}
        grid = el.find(W + "tblGrid")
        widths = [_int(g.get(W + "w"), 0) for g in grid.findall(W + "gridCol")] if grid is not None else []
        t.ncols = len(widths)
        if depth >= MAX_DEPTH:
            return t
        widest = 0
        for r_i, tr in enumerate(el.iterchildren(TR)):
            trpr = tr.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                continue  # a deleted row (tracked change)
            row, col = [], 0
            for tc in tr.iterchildren(TC):
                tcpr = tc.find(W + "tcPr")
                span = 1
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    span = max(_int(gs.get(W + "val"), 1), 1) if gs is not None else 1
                    visible.update(e for e, on in _borders(tcpr.find(W + "tcBorders")).items()
                                   if on and e not in ("tl2br", "tr2bl"))
                cell = Cell(col, span)
                width = None
                tcw = tcpr.find(W + "tcW") if tcpr is not None else None
                if tcw is not None and tcw.get(W + "type", "dxa") == "dxa":
                    width = _int(tcw.get(W + "w"))
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
            if fld.find(R) is None:
                cur.field_rps.append(base_rp)
        if instr and _PAGE_FIELD.search(" ".join(instr)):
            lines[0].page_field = True
            if cur is not lines[0]:
                lines[0].field_rps.extend(cur.field_rps)
        return lines

    def _drawing(self, el, para: Para, loc, depth):
        is_image = False
        for e in el.iter(PIC, V_NS + "imagedata"):
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
        if tag == R:
            yield child
        elif tag in _RUN_CONTAINERS and depth < MAX_DEPTH:
            yield from _iter_runs(child, depth + 1)
        elif tag == MC + "AlternateContent" and depth < MAX_DEPTH:
            choice = child.find(MC + "Choice")
            if choice is None:
                choice = child.find(MC + "Fallback")
            if choice is not None:
                yield from _iter_runs(choice, depth + 1)


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
    for rel in root.iterchildren(REL_NS + "Relationship"):
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


_STYLES_CACHE: dict[bytes, Styles] = {}


def _styles_for(parts, rels) -> Styles:
    styles_name = next((t for k, t in rels.values() if k == "styles"), "word/styles.xml")
    theme_name = next((t for k, t in rels.values() if k == "theme"), "word/theme/theme1.xml")
    sdata, tdata = parts.get(styles_name, b""), parts.get(theme_name, b"")
    key = sdata + b"\0" + tdata
    hit = _STYLES_CACHE.get(key)
    if hit is None:
        # Batches of generated documents share one style sheet: parse it once.
        sroot = parse_xml(sdata, styles_name) if sdata else None
        troot = parse_xml(tdata, theme_name) if tdata else None
        hit = Styles(sroot, troot)
        if len(_STYLES_CACHE) > 16:
            _STYLES_CACHE.clear()
        _STYLES_CACHE[key] = hit
    return hit


class HeaderPart:
    __slots__ = ("name", "paras")

    def __init__(self, name, paras):
        self.name = name
        self.paras = paras

    @property
    def page_paras(self):
        return [p for p in self.paras if p.page_field]


class Package:
    """Everything the rules read, parsed once."""

    def __init__(self, parts: dict[str, bytes]):
        if "word/document.xml" not in parts:
            raise DocumentError("không phải tệp Word .docx (thiếu word/document.xml)")
        self.parts = parts
        self.rels = _rels(parts, "word/document.xml")
        self.styles = _styles_for(parts, self.rels)
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

