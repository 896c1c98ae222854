"""Helpers for the register tests: drafts built with python-docx the way a clerk's Word
file looks (lines split over several runs), backend URLs, and worker processes.

Workers live here, not in a test module, so that `spawn`ed processes can import them.
"""

from __future__ import annotations

import os
import secrets
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from cchc_docs.errors import CchcError

PG_ENV = "CCHC_TEST_PG_URL"


def _borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"})
        borders.append(el)
    tbl_pr.append(borders)


def _rule(cell, width_cm: float, cell_cm: float) -> None:
    """The solid line under the agency name or the motto, as Word draws it: an empty
    paragraph with a top border, narrowed by indents."""
    p = cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    side = Cm(max((cell_cm - width_cm) / 2, 0))
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    ppr = p._p.get_or_add_pPr()
    bdr = ppr.makeelement(qn("w:pBdr"), {})
    bdr.append(bdr.makeelement(qn("w:top"), {qn("w:val"): "single", qn("w:sz"): "4", qn("w:space"): "1",
                                             qn("w:color"): "auto"}))
    ppr.append(bdr)


def _decree_page(d) -> None:
    """A4, Decree 30 margins, Times New Roman: what the checker asks of every draft."""
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    for style in d.styles:
        rpr = getattr(style.element, "rPr", None)
        if getattr(style, "font", None) is None:
            continue
        style.font.name = "Times New Roman"
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), "Times New Roman")
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        del rpr


def _runs(paragraph, pieces, **fmt):
    for text in pieces:
        run = paragraph.add_run(text)
        run.font.size = Pt(fmt.get("size", 13))
        run.italic = fmt.get("italic")
        run.bold = fmt.get("bold")
    return paragraph


def make_draft(path: Path, subject: str = "tập trung khắc phục tồn tại, hạn chế trong thực hiện CCHC",
               symbol: str = "UBND-NV", year: int = 2024, lưu: str = "VT, NV",
               recipients=("Các phòng chuyên môn thuộc UBND huyện", "Ủy ban nhân dân các xã, thị trấn"),
               title: str | None = None) -> Path:
    """A Decree 30 draft as Word saves one: `Số:` and the date line in several runs.
    Without `title` a công văn (subject in the `V/v` line); with it (`BÁO CÁO`) a named type."""
    d = docx.Document()
    _decree_page(d)
    header = d.add_table(rows=2, cols=2)
    _borderless(header)
    left1, right1 = header.cell(0, 0), header.cell(0, 1)
    heads = [_runs(left1.paragraphs[0], ["UBND TỈNH HÀ TĨNH"]),
             _runs(left1.add_paragraph(), ["ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN"], bold=True)]
    _rule(left1, 2.3, 7.0)
    heads += [_runs(right1.paragraphs[0], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], bold=True, size=12),
              _runs(right1.add_paragraph(), ["Độc lập - Tự do - Hạnh phúc"], bold=True)]
    for p in heads:  # Decree 30: agency names, Quốc hiệu and Tiêu ngữ are centred
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _rule(right1, 5.9, 9.0)
    left2, right2 = header.cell(1, 0), header.cell(1, 1)
    # The way Word splits it after a clerk typed the blank: "Số:" | "      " | "/" | ký hiệu.
    number = _runs(left2.paragraphs[0], ["Số:", "      ", "/", symbol])
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if title is None:
        vv = _runs(left2.add_paragraph(), ["V/v ", subject], size=12)
        vv.alignment = WD_ALIGN_PARAGRAPH.CENTER
        vv.paragraph_format.space_before = Pt(6)
    date = _runs(right2.paragraphs[0], ["Hương Sơn, ngày", "      ", "tháng      năm ", str(year)],
                 italic=True, size=14)
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if title is not None:
        heading = _runs(d.add_paragraph(), [title], bold=True, size=14)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sub = _runs(d.add_paragraph(), [subject[:1].upper() + subject[1:]], bold=True, size=14)
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _rule(d, 0.09 * len(subject), 16.5)  # the short line under the subject: ~2/5 of it
    if recipients:
        if len(recipients) == 1:
            _runs(d.add_paragraph(), ["Kính gửi: ", recipients[0] + "."], size=14)
        else:
            _runs(d.add_paragraph(), ["Kính gửi:", "\t", f"- {recipients[0]};"], size=14)
            for k, r in enumerate(recipients[1:], start=1):
                end = "." if k == len(recipients) - 1 else ";"
                _runs(d.add_paragraph(), [f"- {r}{end}"], size=14)
    content = _runs(d.add_paragraph(), ["Nội dung văn bản./."], size=14)
    content.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    content.paragraph_format.first_line_indent = Cm(1)
    footer = d.add_table(rows=1, cols=2)
    _borderless(footer)
    left, right = footer.cell(0, 0), footer.cell(0, 1)
    _runs(left.paragraphs[0], ["Nơi nhận:"], bold=True, italic=True, size=12)
    items = (["- Như trên;"] if recipients else []) + ["- Sở Nội vụ (để b/c);", f"- Lưu: {lưu}."]
    for item in items:
        _runs(left.add_paragraph(), [item], size=11)
    _runs(right.paragraphs[0], ["TM. ỦY BAN NHÂN DÂN"], bold=True, size=14)
    _runs(right.add_paragraph(), ["CHỦ TỊCH"], bold=True, size=14)
    for _ in range(3):
        right.add_paragraph()
    _runs(right.add_paragraph(), ["Trần Bình Thân"], bold=True, size=14)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def rezip(path: Path, out: Path) -> Path:
    """The same parts in another zip (other timestamps and compression): the same draft."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2001, 2, 3, 4, 5, 6)), src.read(info))
    return out


def document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml")


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


# ---------------------------------------------------------------- backends

def pg_base_url() -> str:
    """The PostgreSQL test server; skipped locally when absent, a failure in CI."""
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} must be set in CI (see .ci/pg-start)")
        pytest.skip(f"{PG_ENV} not set: no PostgreSQL server for the shared-register tests")
    return url


class PgSchema:
    """A private schema per test, so tests never see each other's register."""

    def __init__(self, base: str):
        import psycopg
        from sqlalchemy.engine import make_url

        self.name = "t_" + secrets.token_hex(6)
        u = make_url(base)
        self.conninfo = dict(host=u.host, port=u.port or 5432, user=u.username,
                             password=u.password, dbname=u.database)
        with psycopg.connect(**self.conninfo, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {self.name}")
        sep = "&" if "?" in base else "?"
        self.url = f"{base}{sep}options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(**self.conninfo, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {self.name} CASCADE")


def dispose_engines() -> None:
    from cchc_docs.register import db

    for engine in db._ENGINES.values():
        engine.dispose()
    db._ENGINES.clear()
    db._REGISTERS.clear()


# ---------------------------------------------------------------- workers

def issue_worker(ws_root: str, paths: list[str], date: str, db_url: str | None, barrier, results) -> None:
    """One clerk: wait for the others, then issue each draft in turn."""
    import datetime as dt

    from cchc_docs import register

    barrier.wait(timeout=120)
    for path in paths:
        try:
            issued = register.issue(ws_root, path, date=dt.date.fromisoformat(date), db_url=db_url)
            results.put(("ok", os.getpid(), str(issued.path), issued.number))
        except CchcError as exc:
            results.put(("error", os.getpid(), path, str(exc)))


def stall_after_allocation(ws_root: str, path: str, date: str, db_url: str | None, marker: str) -> None:
    """Issue, but stop dead between allocation (archive files staged) and the commit:
    the parent kills this process there, as a power cut would."""
    import datetime as dt
    import time

    from cchc_docs import register
    from cchc_docs.register import issuance

    def stall(number, staged):
        Path(marker).write_text(f"{number}\n" + "\n".join(str(t) for t, _ in staged.moves))
        time.sleep(600)

    issuance._before_commit = stall
    register.issue(ws_root, path, date=dt.date.fromisoformat(date), db_url=db_url)



# Fixtures shared by the register's test modules (imported there by name, as pytest wants).
@pytest.fixture(autouse=True)
def _fresh_engines():
    yield
    dispose_engines()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request):
    """The register's database URL: None = the workspace's register.sqlite."""
    if request.param == "sqlite":
        yield None
        return
    schema = PgSchema(pg_base_url())
    yield schema.url
    dispose_engines()
    schema.drop()
