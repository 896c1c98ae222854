"""`cchc serve` refusals: foreign Host, missing token, oversized upload, hostile .docx,
no path from the browser, office mode (accounts, roles, expiry, audit)."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest

pytest.importorskip("fastapi")

from webkit import client, text, token  # noqa: E402


@pytest.fixture
def c(ws):
    with client(ws) as c:
        yield c


def test_foreign_host_is_refused_with_a_vietnamese_page(c):
    r = c.get("/", headers={"host": "attacker.example:8030"})
    assert r.status_code == 400
    assert '<html lang="vi">' in r.text and "Địa chỉ truy cập không được phép" in r.text
    for host in ("localhost:8030", "127.0.0.1", "[::1]:8030"):
        assert c.get("/", headers={"host": host}).status_code == 200


def test_given_host_is_allowed(ws):
    with client(ws, host="127.0.0.2") as c:
        assert c.get("/", headers={"host": "127.0.0.2:8030"}).status_code == 200
        assert c.get("/", headers={"host": "127.0.0.3:8030"}).status_code == 400


def _post_routes(app):
    from cchc_docs.web import office, pages

    for route in pages.router.routes + office.router.routes:
        if "POST" in getattr(route, "methods", ()):
            yield re.sub(r"\{[^}]+\}", "1", route.path)


def test_every_post_without_token_is_refused(c, ws):
    routes = sorted(_post_routes(c.app))
    assert {"/data/findings", "/forms", "/register/issue", "/register/void", "/register/export",
            "/check", "/results", "/login", "/logout"} <= set(routes)
    before = (ws / "data/findings.csv").read_bytes()
    for url in routes:
        for data in ({}, {"csrf": "forged"}):
            r = c.post(url, data=data)
            assert r.status_code == 403, url
            assert "Phiên làm việc không hợp lệ" in r.text and '<html lang="vi">' in r.text
    assert (ws / "data/findings.csv").read_bytes() == before
    assert not (ws / "register.sqlite").exists() or "01/" not in text(c.get("/register").text)


def test_token_of_another_session_is_refused(ws):
    with client(ws) as a, client(ws) as b:
        assert a.post("/forms", data={"csrf": token(b)}).status_code == 403


def test_oversized_upload_is_refused_before_reading(c, ws):
    big = b"x" * (20 * 1024 * 1024 + 1)
    r = c.post("/check", files={"file": ("lon.docx", big)}, data={"csrf": token(c)})
    assert r.status_code == 413
    assert "Tệp quá lớn" in r.text and "tối đa 20 MB" in r.text


def test_oversized_stream_without_length_is_cut(ws):
    with client(ws, max_body=64 * 1024) as c:
        tok = token(c)

        def body():
            for _ in range(100):
                yield b"a" * 4096

        r = c.post("/check", content=body(), headers={"content-type": "application/x-www-form-urlencoded",
                                                      "x-csrf-token": tok})
        assert r.status_code == 413 and "Tệp quá lớn" in r.text


def _docx_with(document_xml: bytes, base: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            z.writestr(item, document_xml if item.filename == "word/document.xml" else src.read(item))
    return out.getvalue()


def test_hostile_docx_on_check_is_refused(c, ws):
    from cchc_docs.pipeline import Session

    letter = Session(ws).render_letter()
    bomb = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b'<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    r = c.post("/check", data={"csrf": token(c)}, files={"file": ("bom.docx", _docx_with(bomb, letter))})
    assert r.status_code == 422
    page = text(r.text)
    assert "Không thực hiện (bom.docx): tệp bị từ chối, không mở để kiểm tra." in page
    assert "word/document.xml có khai báo DOCTYPE/ENTITY" in page
    r = c.post("/check", data={"csrf": token(c)}, files={"file": ("cu.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100)})
    assert r.status_code == 422 and "tệp Word cũ (.doc)" in text(r.text)
    r = c.post("/check", data={"csrf": token(c)}, files={"file": ("rac.docx", b"not a zip")})
    assert r.status_code == 422 and "không đọc được gói zip" in text(r.text)


def test_check_puts_each_finding_beside_its_text(c, ws):
    from cchc_docs.pipeline import Session

    good = Session(ws).render_letter()
    r = c.post("/check", data={"csrf": token(c), "draft": "1"}, files={"file": ("du-thao.docx", good)})
    assert r.status_code == 200 and "Đạt: không có lỗi thể thức" in text(r.text)
    src = zipfile.ZipFile(io.BytesIO(good)).read("word/document.xml")
    broken = src.replace("Kính gửi:".encode(), "KÍNH GỬI:".encode())
    assert broken != src
    r = c.post("/check", data={"csrf": token(c), "draft": "1"},
               files={"file": ("sai.docx", _docx_with(broken, good))})
    assert r.status_code == 200
    rows = re.findall(r'<tr id="p\d+" class="bad">(.*?)</tr>', r.text, re.S)
    assert len(rows) == 1, text(r.text)[:2000]  # the finding sits on its own paragraph only
    assert "KÍNH GỬI: - Các phòng chuyên môn" in text(rows[0]) and "KG viết “Kính gửi” sai" in text(rows[0])
    assert "lỗi thể thức" in text(r.text)


def test_no_path_from_the_browser(c, ws):
    (ws / "output").mkdir(exist_ok=True)
    for url in ("/download/..%2Fcchc.toml", "/download/../cchc.toml", "/download/cchc.toml",
                "/download/book-2024.toml", "/download/letter"):
        r = c.get(url)
        assert r.status_code == 404, url
        assert "[agency]" not in r.text


def test_office_mode_refuses_to_start_without_accounts(ws, cchc):
    from cchc_docs.errors import InputError

    with pytest.raises(InputError, match="chưa có tài khoản"):
        client(ws, host="0.0.0.0")
    result = cchc("serve", "-w", ws, "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "không mở máy chủ cho cả mạng (0.0.0.0) khi chưa có tài khoản nào" in result.stderr


def test_add_user_hashes_the_password_from_the_environment(ws, cchc, monkeypatch):
    monkeypatch.setenv("CCHC_WEB_PASSWORD", "mat-khau-rat-dai")
    result = cchc("serve", "-w", ws, "--add-user", "lan.vt", "--role", "van-thu")
    assert result.exit_code == 0, result.stderr
    stored = (ws / ".cchc/accounts.toml").read_text(encoding="utf-8")
    assert "mat-khau-rat-dai" not in stored and "$argon2id$" in stored
    assert (ws / ".cchc/accounts.toml").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("CCHC_WEB_PASSWORD", "ngan")
    result = cchc("serve", "-w", ws, "--add-user", "hoa", "--role", "chuyen-vien")
    assert result.exit_code == 2 and "ít nhất 8 ký tự" in result.stderr


def _login(c, name, password):
    return c.post("/login", data={"csrf": token(c, "/login"), "name": name, "password": password})


@pytest.fixture
def office(ws):
    from cchc_docs.web import accounts

    accounts.add_user(ws, "lan.vt", "van-thu", "van-thu-mat-khau")
    accounts.add_user(ws, "hoa.cv", "chuyen-vien", "chuyen-vien-mat-khau")
    return ws


def test_office_mode_login_roles_and_audit(office):
    with client(office, host="0.0.0.0", allowed_hosts=("192.168.1.10",)) as c:
        r = c.get("/", headers={"host": "192.168.1.10:8030"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login"
        r = _login(c, "lan.vt", "sai-mat-khau")
        assert r.status_code == 401 and "Sai tên tài khoản hoặc mật khẩu" in r.text
        assert _login(c, "hoa.cv", "chuyen-vien-mat-khau").status_code == 200
        r = c.post("/register/issue", data={"csrf": token(c, "/register"), "what": "letter", "date": "2024-07-05"})
        assert r.status_code == 403 and "Không đủ quyền" in r.text
        assert "hoa.cv (Chuyên viên) không được cấp số văn bản" in text(r.text)
        assert c.post("/letter/draft", data={"csrf": token(c, "/letter")}).status_code == 200
        c.post("/logout", data={"csrf": token(c)})
        assert c.get("/", follow_redirects=False).status_code == 303
        _login(c, "lan.vt", "van-thu-mat-khau")
        r = c.post("/register/issue", data={"csrf": token(c, "/register"), "what": "letter", "date": "2024-07-05"})
        assert r.status_code == 200 and "Đã cấp số 01/UBND-NV" in text(r.text)
        r = c.post("/data/findings/5", data={"csrf": token(c), "value": "2", "note": ""})
        assert r.status_code == 403
        c.post("/register/void", data={"csrf": token(c, "/register"), "number": "01", "year": "2024",
                                       "reason": "Ban hành nhầm"})
    log = (office / ".cchc/audit.log").read_text(encoding="utf-8").splitlines()
    assert len(log) == 2
    assert log[0].split("\t")[1:4] == ["lan.vt", "cấp số", "01/UBND-NV"]
    assert log[1].split("\t")[1:5] == ["lan.vt", "thu hồi", "01/UBND-NV", "2024"]


def test_sessions_expire(office):
    with client(office, session_hours=1 / 3600) as c:
        assert _login(c, "lan.vt", "van-thu-mat-khau").status_code == 200
        time.sleep(1.2)
        assert c.get("/register", follow_redirects=False).headers.get("location") == "/login"


def test_login_gives_a_new_session_id(office):
    with client(office) as c:
        c.get("/login")
        before = c.cookies.get("cchc_session")
        _login(c, "lan.vt", "van-thu-mat-khau")
        assert c.cookies.get("cchc_session") not in (None, before)


def test_serve_binds_loopback_by_default(ws, cchc, monkeypatch):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    result = cchc("serve", "-w", ws)
    assert result.exit_code == 0, result.stderr
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8030
    assert "cchc đang chạy tại http://127.0.0.1:8030/" in result.stderr
    assert seen["app"].state.actions.root == ws
