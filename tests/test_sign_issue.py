"""`cchc register issue DRAFT --sign`: number and date into the document and into the
chairman's signed PDF, agency signature, signed PDF archived with its sha256;
`cchc register verify` re-validates it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import needs
import signkit

PW = {"CCHC_KEY_PASSWORD": signkit.PASSWORD}


@pytest.fixture
def setup(ws, tmp_path, cchc):
    needs("soffice")
    needs("pdftotext")
    pki = signkit.make_pki(tmp_path / "pki")
    sig, seal = signkit.make_images(tmp_path)
    docx = Path(cchc("letter", "-w", ws).stdout.strip().splitlines()[-1])
    return ws, pki, sig, seal, docx


def test_chairman_signs_then_register_issue_sign_numbers_and_archives(setup, cchc, tmp_path):
    ws, pki, sig, seal, docx = setup
    draft = Path(cchc("pdf", docx, "-o", tmp_path / "du-thao").stdout.strip())
    signed = tmp_path / "chu-tich.pdf"
    r = cchc("sign", draft, "--as", "signer", "--key", pki.signer_p12, "--image", sig, "-o", signed, env=PW)
    assert r.exit_code == 0, r.output
    r = cchc("register", "issue", docx, "-w", ws, "--date", "2024-07-05", "--sign", "--key", pki.agency_p12,
             "--seal", seal, "--signed-pdf", signed, env=PW)
    assert r.exit_code == 0, r.output
    assert "Đã cấp số 01/UBND-NV ngày 05/7/2024" in r.stderr
    paths = [Path(p) for p in r.stdout.split()]
    pdf, archived = paths[0], paths[1:]
    issued = ws / "output" / "ban-hanh" / "01-UBND-NV-cong-van-don-doc.docx"
    assert pdf == issued.with_suffix(".pdf") and issued.is_file() and len(archived) == 2
    for a in archived:
        assert a.read_bytes() == pdf.read_bytes()
        side = a.with_name(a.name + ".sha256").read_text()
        assert side == f"{hashlib.sha256(a.read_bytes()).hexdigest()}  {a.name}\n"
        assert a.with_suffix(".docx").is_file()          # next to the .docx copy
    rep = json.loads(cchc("verify", pdf, "--trust", pki.ca_pem, "--json").stdout)[0]
    assert rep["ok"] and [s["role"] for s in rep["signatures"]] == ["signer", "agency"]
    from cchc_docs.sign.fields import field_values
    from cchc_docs.sign.signing import open_writer

    assert field_values(open_writer(pdf.read_bytes()).prev) == {"cchc-so": "01", "cchc-ngay": "05",
                                                               "cchc-thang": "7"}
    r = cchc("register", "verify", "-w", ws, "--trust", pki.ca_pem)
    assert r.exit_code == 0 and "2 PDF đã ký trong lưu trữ" in r.stderr, r.output
    # A changed archived PDF is caught by the register's verify.
    data = bytearray(archived[0].read_bytes())
    data[len(data) // 3] ^= 0x01
    archived[0].write_bytes(bytes(data))
    r = cchc("register", "verify", "-w", ws, "--trust", pki.ca_pem)
    assert r.exit_code == 1 and str(archived[0]) in r.stdout and "mã băm khác" in r.stderr


def test_issue_sign_from_the_docx_alone(setup, cchc):
    ws, pki, sig, seal, docx = setup
    r = cchc("register", "issue", docx, "-w", ws, "--date", "2024-07-05", "--sign", "--key", pki.agency_p12,
             "--seal", seal, env=PW)
    assert r.exit_code == 0, r.output
    pdf = Path(r.stdout.split()[0])
    rep = json.loads(cchc("verify", pdf, "--trust", pki.ca_pem, "--json").stdout)[0]
    assert rep["ok"] and [s["role"] for s in rep["signatures"]] == ["agency"]
    from cchc_docs.sign.layout import read_layout

    row = [ln.text for ln in read_layout(pdf.read_bytes())[0].lines]
    assert any(t.startswith("Số: 01/UBND-NV") for t in row), row


def test_a_pdf_of_another_year_is_refused_before_numbering(setup, cchc, tmp_path):
    ws, pki, sig, seal, docx = setup
    draft = Path(cchc("pdf", docx, "-o", tmp_path / "du-thao").stdout.strip())
    signed = tmp_path / "chu-tich.pdf"
    assert cchc("sign", draft, "--as", "signer", "--key", pki.signer_p12, "--image", sig, "-o", signed,
                env=PW).exit_code == 0
    r = cchc("register", "issue", docx, "-w", ws, "--date", "2025-01-03", "--sign", "--key", pki.agency_p12,
             "--seal", seal, "--signed-pdf", signed, env=PW)
    assert r.exit_code == 2 and "năm 2024" in r.stderr
    assert cchc("register", "list", "-w", ws, "--json").stdout.strip() in ("[]", "")
