"""The register through the web: issue, list and search, void with reason, export the book."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("fastapi")

from register_drafts import _fresh_engines, db  # noqa: E402,F401 - fixtures: SQLite and PostgreSQL
from webkit import client, text, token  # noqa: E402


@pytest.fixture
def c(ws):
    with client(ws) as c:
        yield c


def _issue(c, what="letter", date="2024-07-05"):
    return c.post("/register/issue", data={"csrf": token(c, "/register"), "what": what, "date": date})


def test_issue_the_letter_numbers_dates_and_archives_it(c, ws):
    r = _issue(c)
    assert r.status_code == 200
    assert "Đã cấp số 01/UBND-NV ngày 05/7/2024" in text(r.text)
    from docx import Document

    issued = ws / "output/ban-hanh/01-UBND-NV-cong-van-don-doc.docx"
    assert "bản chính: output/ban-hanh/01-UBND-NV-cong-van-don-doc.docx" in text(r.text)
    paras = [p.text for t in Document(str(issued)).tables
             for row in t.rows for cell in row.cells for p in cell.paragraphs]
    assert "Số: 01/UBND-NV" in paras
    assert "Hương Sơn, ngày 05 tháng 7 năm 2024" in paras
    assert sorted(p.parent.name for p in (ws / "output/archive/2024").rglob("*.docx")) == ["NV", "VT"]
    page = text(c.get("/register").text)
    assert "01/UBND-NV 05/7/2024 Công văn V/v tập trung khắc phục" in page
    r = c.get("/download/issued-01-UBND-NV-cong-van-don-doc.docx")
    assert r.status_code == 200 and r.content == issued.read_bytes()
    # The draft stays a draft: issuing never writes the number into it.
    assert c.get("/download/letter").content != issued.read_bytes()
    assert c.get("/download/issued-..%2F..%2Fcchc.toml").status_code == 404


def test_the_same_letter_is_not_numbered_twice(c):
    assert _issue(c, date="2024-07-05").status_code == 200
    r = _issue(c, date="2024-07-08")
    assert r.status_code == 409
    page = text(r.text)
    assert "Không thực hiện: chưa ghi gì." in page
    assert "đã được cấp số 01/UBND-NV ngày 05/7/2024" in page
    assert "02/UBND-NV" not in text(c.get("/register").text)


def test_bad_date_is_refused_in_vietnamese(c):
    r = _issue(c, date="05/07/2024")
    assert r.status_code == 400 and "ngày '05/07/2024' không hợp lệ" in text(r.text)


def test_search_ignores_tone_marks_and_case(c):
    _issue(c)
    assert "01/UBND-NV" in text(c.get("/register", params={"q": "KHAC PHUC TON TAI"}).text)
    page = text(c.get("/register", params={"q": "quy hoạch"}).text)
    assert "01/UBND-NV" not in page and "khớp với điều kiện tìm" in page


def test_void_needs_a_reason_then_marks_the_entry(c, ws):
    _issue(c)
    r = c.post("/register/void", data={"csrf": token(c, "/register"), "number": "01", "year": "2024", "reason": " "})
    assert r.status_code == 400 and "phải ghi lý do thu hồi" in text(r.text)
    r = c.post("/register/void", data={"csrf": token(c, "/register"), "number": "01", "year": "2024",
                                       "reason": "Ban hành nhầm đối tượng"})
    assert r.status_code == 200
    page = text(r.text)
    assert "Đã thu hồi văn bản 01/UBND-NV (năm 2024)" in page
    assert "Thu hồi: Ban hành nhầm đối tượng" in page
    audit = (ws / ".cchc/audit.log").read_text(encoding="utf-8")
    assert "\tcấp số\t01/UBND-NV\t2024-07-05" in audit
    assert "\tthu hồi\t01/UBND-NV\t2024\tBan hành nhầm đối tượng" in audit


def test_void_of_an_unknown_number_is_refused(c):
    r = c.post("/register/void", data={"csrf": token(c, "/register"), "number": "09", "year": "2024",
                                       "reason": "nhầm"})
    assert r.status_code == 400
    assert "Không thực hiện" in text(r.text)


def test_export_the_book(c, ws):
    import openpyxl

    _issue(c)
    r = c.post("/register/export", data={"csrf": token(c, "/register"), "year": "2024", "format": "xlsx"})
    assert r.status_code == 200
    assert (ws / "output/so-van-ban-di-2024.xlsx").read_bytes() == r.content
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    cells = [str(v) for sh in wb.worksheets for row in sh.iter_rows(values_only=True) for v in row if v]
    assert any("01/UBND-NV" in v for v in cells)
    r = c.post("/register/export", data={"csrf": token(c, "/register"), "year": "2024", "format": "pdf"})
    assert r.status_code == 400 and "xlsx hoặc docx" in text(r.text)


def test_issue_the_report_once_returns_are_in(c, ws):
    r = _issue(c, what="report", date="2024-09-05")
    assert r.status_code == 200, text(r.text)[:800]
    assert "Đã cấp số 01/BC-UBND" in text(r.text) or "Đã cấp số 01/" in text(r.text)
    assert (ws / "output/ban-hanh/01-BC-UBND-bao-cao-tong-hop.docx").is_file()


def test_the_register_database_is_passed_through(ws, db):
    """`cchc serve --db URL`: the web issues into the same register the CLI reads."""
    from cchc_docs import register

    with client(ws, db_url=db) as c:
        r = c.post("/register/issue", data={"csrf": token(c, "/register"), "what": "letter",
                                            "date": "2024-07-05"})
        assert r.status_code == 200 and "Đã cấp số 01/UBND-NV" in text(r.text)
        assert "01/UBND-NV" in text(c.get("/register").text)
    assert [e.label for e in register.list_entries(ws, db_url=db)] == ["01/UBND-NV"]
