"""`cchc serve --sign-key K.p12 --seal SEAL.png`: a document issued from /register is also
signed by the agency as a PDF, archived with its .sha256, and offered for download."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from conftest import needs  # noqa: E402
import signkit  # noqa: E402
from webkit import client, text, token  # noqa: E402

SIGNED = "01-UBND-NV-cong-van-don-doc.pdf"


@pytest.fixture
def pki(tmp_path):
    p = signkit.make_pki(tmp_path / "pki")
    _, seal = signkit.make_images(tmp_path)
    return p, seal


@pytest.fixture
def signed_client(ws, pki, monkeypatch):
    needs("soffice")
    needs("pdftotext")
    from cchc_docs.web.actions import load_agency_key

    p, seal = pki
    monkeypatch.setenv("CCHC_KEY_PASSWORD", signkit.PASSWORD)
    key = load_agency_key(p.agency_p12, seal)
    monkeypatch.delenv("CCHC_KEY_PASSWORD")      # loaded once at start; not needed afterwards
    with client(ws, agency_key=key) as c:
        yield c


def _issue(c, date="2024-07-05"):
    return c.post("/register/issue", data={"csrf": token(c, "/register"), "what": "letter", "date": date})


def test_issue_with_the_agency_key_signs_archives_and_offers_the_pdf(signed_client, ws, pki, cchc):
    p, _ = pki
    assert "Máy chủ có khóa ký số của cơ quan" in text(signed_client.get("/register").text)
    r = _issue(signed_client)
    assert r.status_code == 200
    page = text(r.text)
    assert "Đã cấp số 01/UBND-NV ngày 05/7/2024" in page
    assert f"Đã ký số cơ quan: output/ban-hanh/{SIGNED}" in page
    assert f'href="/download/issued-{SIGNED}"' in r.text
    pdf = ws / "output" / "ban-hanh" / SIGNED
    assert pdf.is_file() and (ws / "output/ban-hanh/01-UBND-NV-cong-van-don-doc.docx").is_file()
    rep = json.loads(cchc("verify", pdf, "--trust", p.ca_pem, "--json").stdout)[0]
    assert rep["ok"] and [s["role"] for s in rep["signatures"]] == ["agency"]
    from cchc_docs.sign.layout import read_layout

    lines = [ln.text for ln in read_layout(pdf.read_bytes())[0].lines]
    assert any(t.startswith("Số: 01/UBND-NV") for t in lines), lines
    archived = sorted((ws / "output/archive/2024").rglob("*.pdf"))
    assert sorted(a.parent.name for a in archived) == ["NV", "VT"]
    for a in archived:
        assert a.read_bytes() == pdf.read_bytes()
        assert a.with_name(a.name + ".sha256").read_text() == \
            f"{hashlib.sha256(a.read_bytes()).hexdigest()}  {a.name}\n"
    d = signed_client.get(f"/download/issued-{SIGNED}")
    assert d.status_code == 200 and d.content == pdf.read_bytes()
    # The offer is shown once, after the issue; the register still lists the document.
    again = signed_client.get("/register").text
    assert f"issued-{SIGNED}" not in again and "01/UBND-NV" in text(again)
    r = cchc("register", "verify", "-w", ws, "--trust", p.ca_pem)
    assert r.exit_code == 0 and "2 PDF đã ký trong lưu trữ" in r.stderr, r.output


def test_signing_that_fails_after_the_number_says_how_to_finish(signed_client, ws, monkeypatch):
    from cchc_docs import pdf as pdf_mod
    from cchc_docs.errors import DocumentError, Problem

    def broken(*args, **kwargs):
        raise DocumentError(Problem("LibreOffice không chuyển được văn bản sang PDF"))

    monkeypatch.setattr(pdf_mod, "convert_to_pdf", broken)
    r = _issue(signed_client)
    assert r.status_code == 400
    page = text(r.text)
    assert "LibreOffice không chuyển được" in page
    assert "đã được cấp số 01/UBND-NV ngày 05/07/2024 nhưng chưa ký số cơ quan" in page
    assert "cchc sign PDF --as agency --number 1 --date 2024-07-05" in page
    assert not (ws / "output/ban-hanh" / SIGNED).exists()
    assert "01/UBND-NV" in text(signed_client.get("/register").text)


def test_without_a_key_the_web_issues_an_unsigned_docx(ws):
    with client(ws) as c:
        assert "Máy chủ có khóa ký số" not in text(c.get("/register").text)
        r = _issue(c)
    assert r.status_code == 200 and "ký số" not in text(r.text)
    assert not list((ws / "output").rglob("*.pdf"))


def test_serve_refuses_to_start_without_the_password(ws, pki, cchc, monkeypatch):
    p, seal = pki
    monkeypatch.delenv("CCHC_KEY_PASSWORD", raising=False)
    r = cchc("serve", "-w", ws, "--sign-key", p.agency_p12, "--seal", seal)
    assert r.exit_code == 2
    assert "chưa có mật khẩu của khóa ký số cơ quan" in r.stderr and "đặt biến môi trường CCHC_KEY_PASSWORD" in r.stderr
    assert "cchc đang chạy" not in r.output


def test_serve_refuses_a_wrong_password_a_bad_seal_or_a_key_alone(ws, pki, cchc, tmp_path):
    p, seal = pki
    wrong = "sai-mat-khau-9"
    r = cchc("serve", "-w", ws, "--sign-key", p.agency_p12, "--seal", seal, env={"CCHC_KEY_PASSWORD": wrong})
    assert r.exit_code == 2 and "sai mật khẩu" in r.stderr and wrong not in r.output
    from PIL import Image

    opaque = tmp_path / "dau-nen-trang.png"
    Image.new("RGB", (200, 200), (255, 255, 255)).save(opaque)
    r = cchc("serve", "-w", ws, "--sign-key", p.agency_p12, "--seal", opaque,
             env={"CCHC_KEY_PASSWORD": signkit.PASSWORD})
    assert r.exit_code == 2 and "PNG nền trong suốt" in r.stderr and signkit.PASSWORD not in r.output
    r = cchc("serve", "-w", ws, "--sign-key", p.agency_p12, env={"CCHC_KEY_PASSWORD": signkit.PASSWORD})
    assert r.exit_code == 2 and "cần cả khóa ký và ảnh con dấu" in r.stderr


def test_the_same_letter_is_not_signed_and_numbered_twice(signed_client, ws):
    assert _issue(signed_client).status_code == 200
    r = _issue(signed_client, date="2024-07-08")
    assert r.status_code == 409
    page = text(r.text)
    assert "đã được cấp số 01/UBND-NV ngày 05/7/2024" in page and ".cchc-issue-" not in page
    assert sorted(p.name for p in (ws / "output/ban-hanh").glob("*.pdf")) == [SIGNED]
