"""What may be numbered, and where the register is: the refusals spend no number."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
from register_drafts import _fresh_engines, db, make_draft  # noqa: F401 - fixtures

from cchc_docs import register
from cchc_docs.errors import RegisterError
from cchc_docs.pipeline import Session

D = dt.date(2024, 7, 5)
SECRET = "ssS3cr3t@Z"


@pytest.mark.parametrize("url, says", [
    (f"vanthu:{SECRET}@127.0.0.1/so", "thiếu phần sqlite:/// hoặc postgresql+psycopg://"),
    (f"mysql://vanthu:{SECRET}@127.0.0.1/so", "chỉ dùng được SQLite (sqlite:///…) và PostgreSQL"),
    (f"postgresql://vanthu:{SECRET}@127.0.0.1:abc/so", "có cổng không phải là số"),
    (f"postgresql://vanthu:{SECRET}@127.0.0.1:5432", "thiếu tên cơ sở dữ liệu"),
    ("sqlite://relative.sqlite", "ba dấu /"),
])
def test_a_register_address_must_be_a_database_url(ws, cchc, url, says):
    draft = Session(ws).write_letter()
    result = cchc("register", "issue", draft, "-w", ws, "--date", "2024-07-05", "--db", url)
    assert result.exit_code == 2 and says in result.stderr, result.stderr
    # The password, nor any piece of it, is printed; nothing was created anywhere.
    assert "ssS3cr3t" not in result.stderr + result.stdout and "Z@127" not in result.stderr
    assert not (ws / "register.sqlite").exists()
    assert not [p for p in ws.rglob("*") if "ssS3cr3t" in str(p) or p.suffix == ".sqlite"]
    assert not (ws / "output" / "ban-hanh").exists()


def test_a_password_with_at_is_hidden_in_connection_errors(ws, monkeypatch):
    draft = Session(ws).write_letter()
    monkeypatch.setenv("CCHC_DB", f"postgresql://vanthu:{SECRET}@127.0.0.1:1/so")
    with pytest.raises(RegisterError) as info:
        register.issue(ws, draft, date=D)
    text = str(info.value)
    assert "không kết nối được tới cơ sở dữ liệu sổ đăng ký postgresql+psycopg://vanthu:***@127.0.0.1:1/so" in text
    assert "máy chủ từ chối kết nối (PostgreSQL chưa chạy, hoặc sai cổng)" in text  # not the driver's English
    assert "ssS3cr3t" not in text and "Z@" not in text and "Connection refused" not in text


def test_year_out_of_range_is_a_message(ws, cchc):
    result = cchc("register", "list", "-w", ws, "--year", "99999999999999999999")
    assert result.exit_code == 2 and "--year" in result.stderr and "Traceback" not in result.stderr


def test_a_communes_own_form_is_not_numbered(ws, cchc):
    forms = cchc("forms", "-w", ws, "--only", "Sơn Long", "--format", "docx")
    assert forms.exit_code == 0, forms.stderr
    form = next(p for p in forms.stdout.split() if p.endswith(".docx"))
    refused = cchc("register", "issue", form, "-w", ws, "--date", "2024-07-05")
    assert refused.exit_code == 2
    assert "không phải 'ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN'" in refused.stderr and "XÃ SƠN LONG" in refused.stderr
    # No number spent: the next document of the district is 01.
    assert register.list_entries(ws) == []
    assert register.issue(ws, Session(ws).write_letter(), date=D).number == 1
    assert not (ws / "output" / "archive" / "2024" / "khac").exists()


@pytest.mark.parametrize("luu, says", [
    ("VT, CON", "'CON'"), ("VT, NUL", "'NUL'"), ("VT, C:\\Windows", "C:\\\\Windows"),
    (", ".join(f"P{k}" for k in range(25)), "25 đơn vị (tối đa 20)"),
])
def test_luu_units_that_cannot_be_office_units_are_refused(ws, db, luu, says):
    draft = make_draft(ws / "d.docx", lưu=luu)
    with pytest.raises(RegisterError, match="chưa cấp số") as info:
        register.issue(ws, draft, date=D, db_url=db)
    assert says in str(info.value)
    assert register.list_entries(ws, db_url=db) == []
    assert register.issue(ws, make_draft(ws / "ok.docx"), date=D, db_url=db).number == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_register_and_archive_are_private(ws):
    old = os.umask(0o022)
    try:
        issued = register.issue(ws, Session(ws).write_letter(), date=D)
    finally:
        os.umask(old)
    assert stat.S_IMODE((ws / "register.sqlite").stat().st_mode) == 0o600
    for path in issued.archived:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_archive_keeps_a_clean_package(ws):
    import zipfile

    draft = Session(ws).write_letter()
    dirty = ws / "dirty.docx"
    with zipfile.ZipFile(draft) as src, zipfile.ZipFile(dirty, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("../../x", b"escape")
        dst.writestr("word/stray.xml", b"<x/>")
        with pytest.warns(UserWarning, match="Duplicate name"):
            dst.writestr("word/styles.xml", src.read("word/styles.xml"))
    issued = register.issue(ws, dirty, date=D)
    with zipfile.ZipFile(draft) as zf:
        wanted = sorted(zf.namelist())
    for path in (issued.path, *issued.archived):
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
        assert sorted(names) == wanted and len(names) == len(set(names))
    assert not (ws.parent / "x").exists()


def test_a_draft_that_fails_the_checker_is_not_numbered(ws, cchc, db):
    bad = make_draft(ws / "thieu-kinh-gui.docx", recipients=())
    args = ["register", "issue", bad, "-w", ws, "--date", "2024-07-05"] + (["--db", db] if db else [])
    refused = cchc(*args)
    assert refused.exit_code == 2
    assert "KG: công văn thiếu “Kính gửi:”" in refused.stderr and "chưa cấp số" in refused.stderr
    assert "cchc check --draft thieu-kinh-gui.docx" in refused.stderr
    assert register.list_entries(ws, db_url=db) == [] and not (ws / "output" / "ban-hanh").exists()
    good = make_draft(ws / "dung.docx")
    assert register.issue(ws, good, date=D, db_url=db).number == 1


def test_issue_without_a_date_is_questioned_like_a_given_one(cchc, ws, monkeypatch):
    # The sample campaign is of 2024: "today" in Vietnam, two years on, cannot be its date.
    from cchc_docs.vn import dates

    monkeypatch.setattr(dates, "today", lambda: __import__("datetime").date(2026, 12, 2))
    result = cchc("letter", "-w", ws, "--issue")
    assert result.exit_code == 2
    assert "ngày ban hành 02/12/2026 sau năm của đợt (2024) hơn một năm" in result.stderr
    assert not (ws / "output" / "ban-hanh").exists()
