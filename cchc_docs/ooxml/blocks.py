"""The paragraph/run model of a read document: lines of text with resolved formatting, tables,
sections and header/footer parts. Built by `reader`, never changed after.
"""

from __future__ import annotations

from .ns import R, W
from .styles import is_on, to_int

R_ID = R + "id"


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
    __slots__ = ("borders", "index", "ncols", "number", "rows", "sect", "skipped", "style")

    def __init__(self):
        self.rows: list[list[Cell]] = []
        self.skipped: list[str] = []   # texts of rows formatted like a row already read (reader.table)
        self.ncols = 0
        self.borders: list[str] = []   # visible edges (table, style or cell level)
        self.style = None
        self.index = -1
        self.sect = 0
        self.number = 0

    def paras(self):
        return [p for row in self.rows for c in row for p in c.paras]

    def last_text_column(self) -> int:
        """Index of the last column (not the first) holding text in any row, else -1."""
        for k in range(max((len(r) for r in self.rows), default=0) - 1, 0, -1):
            if any(p.text.strip() for row in self.rows if len(row) > k for p in row[k].paras):
                return k
        return -1

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
        w, h = to_int(self._get("pgSz", "w")), to_int(self._get("pgSz", "h"))
        return (w, h) if w and h else None

    @property
    def orient(self):
        return self._get("pgSz", "orient")

    def margin(self, side):
        v = to_int(self._get("pgMar", side))
        return abs(v) if v is not None else None

    @property
    def title_page(self) -> bool:
        if self.el is None:
            return False
        e = self.el.find(W + "titlePg")
        return e is not None and is_on(e)

    @property
    def page_start(self):
        return to_int(self._get("pgNumType", "start"))

    def refs(self, kind: str) -> dict:
        out = {}
        if self.el is not None:
            for e in self.el.iterchildren(W + kind + "Reference"):
                out[e.get(W + "type") or "default"] = e.get(R_ID)
        return out


class HeaderPart:
    __slots__ = ("name", "paras")

    def __init__(self, name, paras):
        self.name = name
        self.paras = paras

    @property
    def page_paras(self):
        return [p for p in self.paras if p.page_field]
