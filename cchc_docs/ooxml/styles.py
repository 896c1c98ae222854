"""Word formatting as Word resolves it: rPr/pPr parsing, the style sheet, docDefaults, theme fonts.

Run properties come from the run, then its character style, then the paragraph's style
chain (basedOn, root first), then docDefaults; only the properties the project reads are
kept. Values are dicts keyed by short names (`sz` in half-points, `b`, `i`, `jc`,
`ind_left` in twips, ...), shared between paragraphs: treat them as read-only.
"""

from __future__ import annotations

from functools import cached_property

from lxml import etree

from .ns import A, W
from .safety import parse_xml

PPR, RPR = W + "pPr", W + "rPr"
_FALSE = frozenset(("0", "false", "off", "none"))


def is_on(el) -> bool:
    v = el.get(W + "val")
    return v is None or v.lower() not in _FALSE


# Word measures in twips, half-points or fiftieths of a percent: nothing real comes near this.
# A larger value (`w:left="1e999"`, `1e300`, `nan`) is invalid for the property it sets and is
# read as absent, so the one rule that needs it says so and every other rule still runs.
MAX_MEASURE = 10_000_000


def to_int(v, default=None):
    if v is None:
        return default
    try:
        n = int(float(v))
    except (ValueError, OverflowError):  # "abc", "1e999" (inf), "nan"
        return default
    return n if -MAX_MEASURE <= n <= MAX_MEASURE else default


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
            out[name] = is_on(child)
        elif name == "sz":
            sz = to_int(child.get(W + "val"))
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
                v = to_int(child.get(W + attr))
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
                v = to_int(child.get(W + attr))
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
                    val = e.get(W + "val") or "nil"
                    out["bdr_" + edge] = val not in ("nil", "none")
                    out["bdr_" + edge + "_val"] = val
        elif name == "numPr":
            num = child.find(W + "numId")
            out["numbered"] = num is not None and num.get(W + "val") not in (None, "0")
        elif name == "pStyle":
            out["_pStyle"] = child.get(W + "val")
        elif name == "outlineLvl":
            out["outline"] = to_int(child.get(W + "val"))
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
            el = root.find(f".//{A}{kind}Font")
            if el is None:
                continue
            for script, tag in (("latin", "latin"), ("ea", "ea"), ("cs", "cs")):
                f = el.find(A + tag)
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
                    hit.update(borders(tblpr.find(W + "tblBorders")))
            self._table_border_cache[key] = hit
        return hit


def _on_attr(v) -> bool:
    return v is not None and v.lower() not in _FALSE


def borders(el) -> dict:
    out = {}
    if el is None:
        return out
    for child in el:
        if isinstance(child.tag, str):
            out[child.tag[len(W):]] = (child.get(W + "val") or "nil") not in ("nil", "none")
    return out


_CACHE: dict[bytes, Styles] = {}


def styles_for(parts, rels) -> Styles:
    """The style sheet (with its theme) of a package whose main part has relationships `rels`."""
    styles_name = next((t for k, t in rels.values() if k == "styles"), "word/styles.xml")
    theme_name = next((t for k, t in rels.values() if k == "theme"), "word/theme/theme1.xml")
    sdata, tdata = parts.get(styles_name, b""), parts.get(theme_name, b"")
    key = sdata + b"\0" + tdata
    hit = _CACHE.get(key)
    if hit is None:
        # Batches of generated documents share one style sheet: parse it once.
        sroot = parse_xml(sdata, styles_name) if sdata else None
        troot = parse_xml(tdata, theme_name) if tdata else None
        hit = Styles(sroot, troot)
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = hit
    return hit
