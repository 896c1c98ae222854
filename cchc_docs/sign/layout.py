"""Where things are on a PDF page, read from the PDF's own text layer.

The signer's image, the seal and the number/date fields are placed relative to the words
the document actually prints (the position line, the name, `Số:`, `ngày … tháng … năm`),
never at fixed coordinates: the same letter is one page or three depending on the data.

The words and their boxes come from poppler's `pdftotext -bbox-layout` (poppler is
already needed for rendering). Its output is poppler's own fixed XHTML, produced from a
PDF we hand it; it is read with narrow regular expressions rather than a general XML
parser, so nothing in the PDF's text can inject markup (pdftotext escapes &, <, >).
Coordinates here are PDF user space: origin bottom left, y upwards, in points.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CchcError, DocumentError, Problem

PDFTOTEXT_SECONDS = 60
POPPLER_HINT = "cài đặt poppler: `sudo apt-get install poppler-utils` (Windows: poppler cho Windows)"

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S)


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF user space (x0 < x1, y0 < y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2))

    def whole(self) -> tuple[int, int, int, int]:
        """Whole points: pyHanko's layout does exact fractions and refuses floats."""
        return (round(self.x0), round(self.y0), round(self.x1), round(self.y1))


@dataclass(frozen=True)
class Word:
    text: str
    box: Box


@dataclass
class Line:
    words: list[Word]
    box: Box

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Page:
    number: int          # 0-based, as pyHanko counts
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


def _box(m, height: float) -> Box:
    x0, top, x1, bottom = (float(v) for v in m.groups()[:4])
    return Box(x0, height - bottom, x1, height - top)


def parse_bbox_layout(text: str) -> list[Page]:
    pages = []
    for i, pm in enumerate(_PAGE.finditer(text)):
        width, height = float(pm.group(1)), float(pm.group(2))
        page = Page(i, width, height)
        for lm in _LINE.finditer(pm.group(3)):
            words = [Word(html.unescape(wm.group(5)), _box(wm, height)) for wm in _WORD.finditer(lm.group(5))]
            if words:
                page.lines.append(Line(words, _box(lm, height)))
        # Reading order top to bottom, then left to right (pdftotext groups by block).
        page.lines.sort(key=lambda ln: (-round(ln.box.y1), ln.box.x0))
        pages.append(page)
    return pages


def read_layout(data: bytes, name: str = "PDF", pages: tuple[int, int] | None = None) -> list[Page]:
    """The pages of a PDF (bytes) with their text lines and word boxes; `pages` = (first, last),
    1-based, limits the work to those (the others come back empty, so indexes stay right)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise CchcError(Problem("không tìm thấy lệnh pdftotext (poppler) để đọc bố cục PDF", hint=POPPLER_HINT))
    with tempfile.TemporaryDirectory(prefix="cchc-layout-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(data)
        try:
            limit = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
            proc = subprocess.run([exe, "-bbox-layout", "-enc", "UTF-8", *limit, str(src), "-"],
                                  stdin=subprocess.DEVNULL, capture_output=True, timeout=PDFTOTEXT_SECONDS)
        except subprocess.TimeoutExpired:
            raise DocumentError(Problem(f"đọc bố cục PDF quá {PDFTOTEXT_SECONDS} giây", file=name)) from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise DocumentError(Problem("không đọc được chữ trong PDF", file=name, hint="; ".join(detail) or None))
    parsed = parse_bbox_layout(proc.stdout.decode("utf-8", "replace"))
    if not pages or pages[0] == 1 and pages[1] == 1:
        return parsed
    # pdftotext emits only the pages asked for; put them back at their page numbers.
    first, last = pages
    out = [Page(i, parsed[0].width if parsed else 595, parsed[0].height if parsed else 842)
           for i in range(last)]
    wanted = sorted({first, last})
    for number, page in zip(wanted if len(parsed) == len(wanted) else range(first, last + 1), parsed):
        page.number = number - 1
        out[number - 1] = page
    return out


# --- the signer block -------------------------------------------------------------------


@dataclass(frozen=True)
class SignerBlock:
    page: int
    position: Line      # the last line of the authority/position lines (e.g. CHỦ TỊCH)
    name: Line          # the signer's name

    @property
    def gap(self) -> Box:
        """The space between the position line and the name, where the image goes."""
        x0 = min(self.position.box.x0, self.name.box.x0)
        x1 = max(self.position.box.x1, self.name.box.x1)
        return Box(x0, self.name.box.y1, x1, self.position.box.y0)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def find_signer_block(pages: list[Page], name: str = "PDF") -> SignerBlock:
    """The signer's block: on the last page with text, in the right half, an upper-case
    position line followed, after the empty space left for the signature, by the name."""
    for page in reversed(pages):
        right = [ln for ln in page.lines if ln.box.x0 > page.width * 0.45]
        best = None
        for above, below in zip(right, right[1:]):
            line_h = max(above.box.height, below.box.height)
            space = above.box.y0 - below.box.y1
            if space >= 2.5 * line_h and _is_upper(above.text) and not _is_upper(below.text):
                best = SignerBlock(page.number, above, below)   # the last such pair wins
        if best:
            return best
        if page.lines:
            break
    raise DocumentError(Problem(
        "không tìm thấy khối chữ ký (dòng chức vụ viết hoa, khoảng trống, rồi họ tên người ký) "
        "ở bên phải trang cuối", file=name,
        hint="văn bản phải theo mẫu Nghị định 30: chức vụ và họ tên người ký ở ô bên phải cuối văn bản"))


# --- number and date lines ---------------------------------------------------------------


@dataclass(frozen=True)
class IssueSlots:
    """The blanks of a draft's `Số:` and date lines on page 1 (None: already filled)."""

    number: Box | None
    day: Box | None
    month: Box | None
    year: str | None        # the year the draft prints, if any
    font_size: float


def page_words(page: Page) -> list[Word]:
    return [w for ln in page.lines for w in ln.words]


def next_right(words: list[Word], w: Word) -> Word | None:
    """The nearest word to the right of `w` on the same row (pdftotext splits a row at
    wide blanks, which are exactly the blanks we look for)."""
    row = [v for v in words if abs(v.box.cy - w.box.cy) < w.box.height / 3 and v.box.x0 >= w.box.x1 - 0.5
           and v is not w]
    return min(row, key=lambda v: v.box.x0, default=None)


def _gap(a: Word, b: Word | None) -> Box | None:
    """The blank between two words when it is wide enough to write into."""
    if b is None or b.box.x0 - a.box.x1 < 6:
        return None
    return Box(a.box.x1 + 1, min(a.box.y0, b.box.y0), b.box.x0 - 1, max(a.box.y1, b.box.y1))


def _starts_date(after: Word | None) -> bool:
    return after is not None and (after.text == "tháng" or after.text.isdigit())


def find_issue_slots(pages: list[Page], name: str = "PDF") -> IssueSlots:
    words = page_words(pages[0]) if pages else []
    so = next((w for w in words if w.text == "Số:"), None)
    ngay = next((w for w in words if w.text == "ngày" and _starts_date(next_right(words, w))), None)
    if so is None or ngay is None:
        missing = "dòng `Số:`" if so is None else "dòng `…, ngày … tháng … năm …`"
        raise DocumentError(Problem(f"không tìm thấy {missing} ở trang đầu", file=name))
    after_so = next_right(words, so)
    number = _gap(so, after_so) if after_so is not None and after_so.text.startswith("/") else None
    thang = next_right(words, ngay)
    day = _gap(ngay, thang) if thang is not None and thang.text == "tháng" else None
    nam = next_right(words, thang) if thang is not None else None
    month = _gap(thang, nam) if nam is not None and nam.text == "năm" else None
    year_w = next_right(words, nam) if nam is not None else None
    year = year_w.text if year_w is not None and year_w.text.isdigit() else None
    # LibreOffice's word box is about 1.3 x the font size high.
    return IssueSlots(number, day, month, year, round(so.box.height / 1.3, 1))


def top_right_box(pages: list[Page], lines: int, font_size: float = 10.0, width: float = 170.0) -> Box:
    """Box 14 of the decree's layout: top right of page 1, above the Quốc hiệu, its right edge
    on the text's right edge."""
    page = pages[0]
    right = max((ln.box.x1 for ln in page.lines), default=page.width - 57)
    top_text = max((ln.box.y1 for ln in page.lines), default=page.height - 57)
    height = lines * font_size * 1.2 + font_size   # leading 1.2 and room for the descenders
    y0 = min(top_text + 4, page.height - height - 8)
    return Box(right - width, y0, right, y0 + height)
