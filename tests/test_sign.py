"""Signed PDFs per Decree 30: the sample letter made with `cchc pdf`, signed by the chairman,
numbered and signed by the agency, checked by `cchc verify` and by pyHanko's own validator;
positions read back from the PDF and from a rendered page."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from conftest import needs
import signkit


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    needs("soffice")
    needs("pdftotext")
    from click.testing import CliRunner

    from cchc_docs import workspace
    from cchc_docs.cli import cli

    root = tmp_path_factory.mktemp("sign")
    ws = workspace.init(root / "ws")
    run = CliRunner()
    res = run.invoke(cli, ["letter", "-w", str(ws)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    docx = Path(res.stdout.strip().splitlines()[-1])
    res = run.invoke(cli, ["pdf", str(docx), "-o", str(root / "pdf")], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    pdf = Path(res.stdout.strip())
    pki = signkit.make_pki(root / "pki")
    sig, seal = signkit.make_images(root)
    return {"root": root, "ws": ws, "pdf": pdf, "pki": pki, "sig": sig, "seal": seal}


def _cchc(*args, env=None, input=None):
    from click.testing import CliRunner

    from cchc_docs.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input, catch_exceptions=False)


PW = {"CCHC_KEY_PASSWORD": signkit.PASSWORD}


@pytest.fixture(scope="module")
def flow(kit):
    """signer -> number 05 on 05.07.2024 -> agency, with the CLI."""
    root = kit["root"]
    r1 = _cchc("sign", kit["pdf"], "--as", "signer", "--key", kit["pki"].signer_p12, "--image", kit["sig"],
               "-o", root / "chu-tich.pdf", env=PW)
    assert r1.exit_code == 0, r1.output
    r2 = _cchc("sign", root / "chu-tich.pdf", "--as", "agency", "--key", kit["pki"].agency_p12, "--image",
               kit["seal"], "--number", "5", "--date", "2024-07-05", "-o", root / "ban-hanh.pdf", env=PW)
    assert r2.exit_code == 0, r2.output
    return root / "chu-tich.pdf", root / "ban-hanh.pdf"


def _pyhanko_bottom_lines(path: Path, ca_pem: Path) -> list[bool]:
    """pyHanko's own verdict per signature, independent of cchc's code."""
    import asn1crypto.pem
    import asn1crypto.x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    ca = asn1crypto.x509.Certificate.load(asn1crypto.pem.unarmor(ca_pem.read_bytes())[2])
    out = []
    for e in PdfFileReader(io.BytesIO(path.read_bytes()), strict=False).embedded_signatures:
        try:
            out.append(validate_pdf_signature(e, ValidationContext(trust_roots=[ca], allow_fetching=False)).bottom_line)
        except Exception:
            out.append(False)
    return out


def test_pdf_export_is_pdfa2b_with_embedded_fonts(kit):
    needs("pdfinfo")
    meta = subprocess.run(["pdfinfo", "-meta", str(kit["pdf"])], capture_output=True, text=True).stdout
    assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    fonts = subprocess.run(["pdffonts", str(kit["pdf"])], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def test_signer_then_agency_both_valid_per_cchc_and_pyhanko(kit, flow):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    _, issued = flow
    res = _cchc("verify", issued, "--trust", kit["pki"].ca_pem, "--json")
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)[0]
    sigs = {s["role"]: s for s in report["signatures"]}
    assert sigs["signer"]["signer"] == "Trần Bình Thân" and sigs["agency"]["signer"] == "UBND HUYỆN HƯƠNG SƠN"
    assert sigs["signer"]["modification"] == "FORM_FILLING" and sigs["signer"]["appearance_ok"]
    reader = PdfFileReader(io.BytesIO(issued.read_bytes()))
    import asn1crypto.pem, asn1crypto.x509

    ca = asn1crypto.x509.Certificate.load(asn1crypto.pem.unarmor(kit["pki"].ca_pem.read_bytes())[2])
    lines = [validate_pdf_signature(e, ValidationContext(trust_roots=[ca], allow_fetching=False)).bottom_line
             for e in reader.embedded_signatures]
    assert lines == [True, True]


def test_number_and_date_are_filled_in_the_issued_pdf(flow):
    from cchc_docs.sign.layout import read_layout

    page1 = read_layout(flow[1].read_bytes())[0]
    text = [ln.text for ln in page1.lines]
    so = next(ln for ln in page1.lines if ln.words[0].text == "Số:")
    words = sorted((w for ln in page1.lines for w in ln.words if abs(w.box.cy - so.box.cy) < 5),
                   key=lambda w: w.box.x0)
    row = " ".join(w.text for w in words)
    assert "Số: 05 /UBND-NV" in row, text
    assert "ngày 05 tháng 7 năm 2024" in row, row


def test_images_are_where_the_decree_puts_them(kit, flow):
    from pyhanko.pdf_utils.reader import PdfFileReader

    from cchc_docs.sign.layout import find_signer_block, read_layout

    data = flow[1].read_bytes()
    block = find_signer_block(read_layout(kit["pdf"].read_bytes()))
    rects = {e.field_name: [float(v) for v in e.sig_field["/Rect"]]
             for e in PdfFileReader(io.BytesIO(data)).embedded_signatures}
    sx0, sy0, sx1, sy1 = rects["cchc-ky-nguoi-ky"]
    assert block.name.box.y1 <= sy0 and sy1 <= block.position.box.y0           # between position and name
    centre = (block.position.box.cx + block.name.box.cx) / 2
    assert abs((sx0 + sx1) / 2 - centre) < 2
    ax0, ay0, ax1, ay1 = rects["cchc-ky-co-quan"]
    assert abs(ax1 - (sx0 + (sx1 - sx0) / 3)) < 2 and ax0 < sx0                 # a third, on the left
    assert 35 <= (ax1 - ax0) * 25.4 / 72 <= 37                                  # real size 36 mm
    # The rendered last page: blue inside the signer's box, red in the seal's, at 72 dpi.
    needs("pdftoppm")
    from PIL import Image

    out = kit["root"] / "trang3"
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-singlefile", "-f", "3", "-l", "3", str(flow[1]), str(out)],
                   capture_output=True, check=True)
    im = Image.open(f"{out}.png").convert("RGB")
    h = im.height

    def count(box, test):
        x0, y0, x1, y1 = box
        return sum(test(im.getpixel((x, h - y))) for x in range(int(x0), int(x1)) for y in range(int(y0) + 1, int(y1)))

    blue = lambda p: p[2] > 150 and p[0] < 90
    red = lambda p: p[0] > 150 and p[1] < 80 and p[2] < 80
    assert count((sx0 + (sx1 - sx0) / 3, sy0, sx1, sy1), blue) > 50
    assert count((ax0, ay0, ax1, ay1), red) > 500
    assert count((0, 0, 300, 300), red) == 0 or ax0 < 300        # nothing red far from the seal
    assert count((0, sy1 + 80, 595, 841), blue) == 0             # no blue above the signer block


def test_one_changed_byte_is_caught(kit, flow):
    data = bytearray(flow[1].read_bytes())
    i = data.index(b"/Contents", 2000) - 300        # inside the signed bytes, not in a signature blob
    data[i] = ord("A") if data[i] != ord("A") else ord("B")
    bad = kit["root"] / "sua.pdf"
    bad.write_bytes(bytes(data))
    res = _cchc("verify", bad, "--trust", kit["pki"].ca_pem, "--json")
    assert res.exit_code in (1, 2)
    rep = json.loads(res.stdout)[0]
    assert not rep["ok"]
    assert False in _pyhanko_bottom_lines(bad, kit["pki"].ca_pem)      # pyHanko agrees


def test_untrusted_root_and_unreadable_file(kit, flow):
    res = _cchc("verify", flow[1], "--trust", kit["pki"].other_ca_pem)
    assert res.exit_code == 1 and "CHỨNG THƯ KHÔNG TIN CẬY" in res.stdout
    junk = kit["root"] / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    res = _cchc("verify", junk)
    assert res.exit_code == 2 and "không phải PDF" in res.stdout
    res = _cchc("verify", kit["pdf"])              # readable but unsigned: invalid, not unreadable
    assert res.exit_code == 1 and "không có chữ ký số" in res.stdout


def test_signature_after_a_page_rewrite_is_not_form_filling(kit, flow):
    """Rewriting the page instead of filling the fields must fail the chairman's signature."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils import generic

    w = IncrementalPdfFileWriter(io.BytesIO(flow[0].read_bytes()))
    page_ref = w.find_page_for_modification(0)[0]
    page = page_ref.get_object()
    extra = generic.StreamObject(stream_data=b"BT /F1 13 Tf 140 705 Td (05) Tj ET")
    page["/Contents"] = generic.ArrayObject([*page["/Contents"]] if isinstance(page["/Contents"], generic.ArrayObject)
                                            else [page.raw_get("/Contents")])
    page["/Contents"].append(w.add_object(extra))
    w.mark_update(page_ref)
    out = io.BytesIO()
    w.write(out)
    bad = kit["root"] / "viet-de.pdf"
    bad.write_bytes(out.getvalue())
    res = _cchc("verify", bad, "--trust", kit["pki"].ca_pem, "--json")
    assert res.exit_code == 1
    assert json.loads(res.stdout)[0]["signatures"][0]["changed_after"] is True
    assert _pyhanko_bottom_lines(bad, kit["pki"].ca_pem) == [False]


def test_attachment_and_copy_text_top_right(kit):
    from cchc_docs.sign.layout import read_layout

    root = kit["root"]
    r = _cchc("sign", kit["pdf"], "--as", "attachment", "--key", kit["pki"].agency_p12, "--number", "05/UBND-NV",
              "-o", root / "kem.pdf", env=PW)
    assert r.exit_code == 0, r.output
    r = _cchc("sign", kit["pdf"], "--as", "copy", "-w", kit["ws"], "--key", kit["pki"].agency_p12,
              "-o", root / "sao.pdf", env=PW)
    assert r.exit_code == 0, r.output
    res = _cchc("verify", root / "kem.pdf", root / "sao.pdf", "--trust", kit["pki"].ca_pem, "--json")
    assert res.exit_code == 0, res.stdout
    reps = json.loads(res.stdout)
    when = reps[1]["signatures"][0]["signed_at"]
    assert when.endswith(" +07:00") and len(when) == len("05.07.2024 10:15:20 +07:00")
    # Read the stamp back as a reader sees it: pdftotext includes the appearance text.
    lines = [ln for ln in read_layout((root / "sao.pdf").read_bytes())[0].lines][:3]
    texts = [ln.text for ln in lines]
    assert texts[0] == "SAO Y" and texts[1] == "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN" and texts[2] == when, texts
    # Letters at their real width (pyHanko 0.38 spread them ~2x with a 2048-unit font):
    from fontTools.ttLib import TTFont

    from cchc_docs.sign.fonts import times_font

    font = TTFont(times_font())
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    expected = sum(hmtx[cmap[ord(c)]][0] for c in "SAO Y") / font["head"].unitsPerEm * 10
    assert abs(lines[0].box.width - expected) < 1.0, (lines[0].box.width, expected)
    page = read_layout(kit["pdf"].read_bytes())[0]
    assert lines[2].box.y0 > max(ln.box.y1 for ln in page.lines)           # above the Quốc hiệu


def test_wrong_password_says_so_and_never_shows_it(kit):
    r = _cchc("sign", kit["pdf"], "--as", "attachment", "--key", kit["pki"].agency_p12, "--number", "05/UBND-NV",
              "-o", kit["root"] / "x.pdf", env={"CCHC_KEY_PASSWORD": "sai-roi-123"})
    assert r.exit_code == 2 and "sai mật khẩu" in r.output and "sai-roi-123" not in r.output
    assert not (kit["root"] / "x.pdf").exists()
    # Prompted (hidden) when the variable is absent.
    r = _cchc("sign", kit["pdf"], "--as", "attachment", "--key", kit["pki"].agency_p12, "--number", "05/UBND-NV",
              "-o", kit["root"] / "y.pdf", env={"CCHC_KEY_PASSWORD": None}, input=signkit.PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    assert signkit.PASSWORD not in r.output and signkit.PASSWORD.encode() not in (kit["root"] / "y.pdf").read_bytes()


def test_pkcs11_softhsm_token(kit, tmp_path):
    needs("softhsm2-util")
    if not Path(signkit.SOFTHSM_LIB).is_file():
        pytest.fail(f"{signkit.SOFTHSM_LIB} missing although softhsm2-util is installed")
    env = signkit.make_token(tmp_path, kit["pki"])
    import os

    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = env["SOFTHSM2_CONF"]
    try:
        r = _cchc("sign", kit["pdf"], "--as", "attachment", "--pkcs11", signkit.SOFTHSM_LIB, "--token", "cchc-test",
                  "--number", "05/UBND-NV", "-o", tmp_path / "token.pdf", env={"CCHC_KEY_PIN": signkit.PIN})
        assert r.exit_code == 0, r.output
        bad = _cchc("sign", kit["pdf"], "--as", "attachment", "--pkcs11", signkit.SOFTHSM_LIB, "--token",
                    "cchc-test", "--number", "05/UBND-NV", "-o", tmp_path / "t2.pdf", env={"CCHC_KEY_PIN": "999999"})
        assert bad.exit_code == 2 and "999999" not in bad.output
        named = _cchc("sign", kit["pdf"], "--as", "copy", "--agency", "UBND HUYỆN HƯƠNG SƠN", "--pkcs11",
                      signkit.SOFTHSM_LIB, "--token", "cchc-test", "--key-label", "agency",
                      "-o", tmp_path / "t3.pdf", env={"CCHC_KEY_PIN": signkit.PIN})
        assert named.exit_code == 0, named.output
        wrong = _cchc("sign", kit["pdf"], "--as", "copy", "--agency", "X", "--pkcs11", signkit.SOFTHSM_LIB,
                      "--token", "cchc-test", "--key-label", "khong-co", "-o", tmp_path / "t4.pdf",
                      env={"CCHC_KEY_PIN": signkit.PIN})
        assert wrong.exit_code == 2 and "--key-label" in wrong.output
    finally:
        if old is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = old
    res = _cchc("verify", tmp_path / "token.pdf", "--trust", kit["pki"].ca_pem, "--json")
    assert res.exit_code == 0, res.stdout
    assert json.loads(res.stdout)[0]["signatures"][0]["signer"] == "UBND HUYỆN HƯƠNG SƠN"


def test_pades_b_t_with_a_local_timestamp_server(kit):
    root = kit["root"]
    with signkit.local_tsa(kit["pki"]) as url:
        r = _cchc("sign", kit["pdf"], "--as", "attachment", "--key", kit["pki"].agency_p12, "--number",
                  "05/UBND-NV", "--tsa", url, "-o", root / "bt.pdf", env=PW)
    assert r.exit_code == 0, r.output
    res = _cchc("verify", root / "bt.pdf", "--trust", kit["pki"].ca_pem, "--json")
    assert res.exit_code == 0, res.stdout
    sig = json.loads(res.stdout)[0]["signatures"][0]
    assert sig["timestamped"] is True
    # B-B by default: no timestamp token.
    r = _cchc("sign", kit["pdf"], "--as", "attachment", "--key", kit["pki"].agency_p12, "--number",
              "05/UBND-NV", "-o", root / "bb.pdf", env=PW)
    assert r.exit_code == 0, r.output
    res = _cchc("verify", root / "bb.pdf", "--trust", kit["pki"].ca_pem, "--json")
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["signatures"][0]["timestamped"] is False


def test_issued_pdf_keeps_the_pdfa_claim_and_refuses_a_second_agency_signature(kit, flow):
    needs("pdfinfo")
    import re

    meta = subprocess.run(["pdfinfo", "-meta", str(flow[1])], capture_output=True, text=True).stdout
    # pyHanko rewrites the XMP packet in RDF's attribute form: pdfaid:part="2".
    assert re.search(r'pdfaid:part(="2"|>2<)', meta) and re.search(r'pdfaid:conformance(="B"|>B<)', meta), meta
    r = _cchc("sign", flow[1], "--as", "agency", "--key", kit["pki"].agency_p12, "--image", kit["seal"],
              "-o", kit["root"] / "hai-lan.pdf", env=PW)
    assert r.exit_code == 2 and "đã có chữ ký loại 'agency'" in r.output
    assert not (kit["root"] / "hai-lan.pdf").exists()


def test_an_opaque_image_is_refused_with_the_decree_rule(kit, tmp_path):
    from PIL import Image

    jpg = tmp_path / "chu-ky.png"
    Image.new("RGB", (300, 120), (255, 255, 255)).save(jpg)      # PNG without transparency
    r = _cchc("sign", kit["pdf"], "--as", "signer", "--key", kit["pki"].signer_p12, "--image", jpg,
              "-o", tmp_path / "x.pdf", env=PW)
    assert r.exit_code == 2 and "PNG nền trong suốt" in r.output and str(jpg) in r.output
    assert not (tmp_path / "x.pdf").exists()


def test_an_unreachable_timestamp_server_is_a_message(kit, tmp_path):
    import socket

    with socket.socket() as sock:          # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    r = _cchc("sign", kit["pdf"], "--as", "attachment", "--key", kit["pki"].agency_p12, "--number", "05/UBND-NV",
              "--tsa", f"http://127.0.0.1:{port}/", "-o", tmp_path / "x.pdf", env=PW)
    assert r.exit_code == 2 and "dấu thời gian" in r.output and not (tmp_path / "x.pdf").exists()
