"""`cchc pdf` / convert_to_pdf: LibreOffice headless, all files in one process, own profile.

The conversion tests skip only when soffice or poppler-utils are missing on a developer's
machine; in CI (env CI set) a missing tool fails them (conftest.needs)."""

from __future__ import annotations

import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest
from conftest import needs
from test_check import BODY_TEXTS, build, save

from cchc_docs.errors import CchcError
from cchc_docs.pdf import convert_to_pdf


def two_page_letter(path: Path) -> Path:
    long_body = BODY_TEXTS[:-1] * 5 + BODY_TEXTS[-1:]
    d, _ = build(body_texts=long_body)
    path.write_bytes(save(d))
    return path


def pdftext(pdf: Path, page: int) -> str:
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                         capture_output=True, check=True).stdout.decode("utf-8")
    return unicodedata.normalize("NFC", out)


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def squashed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def tools():
    import os

    from cchc_docs.pdf import find_soffice

    for tool in ("soffice", "pdftotext", "pdfinfo"):
        needs(tool)
    if find_soffice() is None:  # CCHC_SOFFICE points nowhere: the same rule as a missing tool
        if os.environ.get("CI"):
            pytest.fail(f"CCHC_SOFFICE={os.environ.get('CCHC_SOFFICE')} is not a file, in CI")
        pytest.skip("CCHC_SOFFICE does not point to soffice")


def test_two_page_vietnamese_letter(tools, tmp_path):
    src = two_page_letter(tmp_path / "cong-van.docx")
    [pdf] = convert_to_pdf([src], tmp_path / "pdf")
    assert pdf == (tmp_path / "pdf" / "cong-van.pdf").resolve() and pdf.is_file()
    assert pages(pdf) == 2
    first, second = pdftext(pdf, 1), pdftext(pdf, 2)
    text = squashed(first + second)
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "HUYỆN HƯƠNG SƠN", "Hương Sơn, ngày 05 tháng 7 năm 2024",
                   "V/v tập trung khắc phục tồn tại, hạn chế", "Kính gửi:", "số hóa hồ sơ",
                   "Trần Bình Thân", "- Lưu: VT, NV."):
        assert phrase in text, phrase
    # Page 1 shows no number; page 2 opens with its number, centred in the top margin.
    first_lines = [line.strip() for line in first.splitlines() if line.strip()]
    second_lines = [line.strip() for line in second.splitlines() if line.strip()]
    assert "1" not in first_lines
    assert second_lines[0] == "2"


def test_many_files_one_call_and_paths_in_order(tools, tmp_path, cchc):
    srcs = []
    for name in ("b.docx", "a.docx", "c.docx"):
        d, _ = build()
        (tmp_path / name).write_bytes(save(d))
        srcs.append(tmp_path / name)
    result = cchc("pdf", *srcs, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str((tmp_path / "out" / f"{s.stem}.pdf").resolve()) for s in srcs]
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]  # staging removed


def test_default_output_is_next_to_each_file(tools, tmp_path, cchc):
    d, _ = build()
    (tmp_path / "x").mkdir()
    src = tmp_path / "x" / "cv.docx"
    src.write_bytes(save(d))
    result = cchc("pdf", src)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str((tmp_path / "x" / "cv.pdf").resolve())


def test_two_conversions_at_once(tools, tmp_path):
    """Each call has its own profile, so concurrent calls (or an open LibreOffice) do not block."""
    d, _ = build()
    results, errors = {}, []

    def run(k):
        try:
            src = tmp_path / f"doc{k}.docx"
            src.write_bytes(save(d))
            results[k] = convert_to_pdf([src], tmp_path / f"out{k}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors and all(results[k][0].is_file() for k in range(2))


def test_missing_libreoffice_is_a_clear_error(monkeypatch, tmp_path, cchc):
    monkeypatch.setenv("CCHC_SOFFICE", str(tmp_path / "no-soffice"))
    src = tmp_path / "a.docx"
    src.write_bytes(b"x")
    with pytest.raises(CchcError, match="apt-get install libreoffice-writer-nogui fonts-liberation2"):
        convert_to_pdf([src], tmp_path)
    result = cchc("pdf", src)
    assert result.exit_code == 2
    assert "LibreOffice" in result.stderr and "Windows" in result.stderr


def test_missing_input_is_refused(tmp_path, cchc):
    result = cchc("pdf", tmp_path / "khong-co.docx")
    assert result.exit_code == 2 and "không tìm thấy" in result.stderr


def test_same_name_from_two_folders_is_refused(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.docx").write_bytes(b"x")
    with pytest.raises(CchcError, match="cùng tên"):
        convert_to_pdf([tmp_path / "a" / "x.docx", tmp_path / "b" / "x.docx"], tmp_path / "out")


# ---------------------------------------------------------------- what goes in (issue #11)

def _linked_picture_docx(path: Path, url: str) -> Path:
    """A Word file whose picture is *linked* to `url` (Insert > Picture > Link to file)."""
    import io
    import re
    import zipfile

    import docx
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(png, "PNG")
    d = docx.Document()
    d.add_paragraph("Văn bản có ảnh liên kết")
    d.add_picture(io.BytesIO(png.getvalue()))
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb'Target="media/image1.png"', f'Target="{url}" TargetMode="External"'.encode(), data)
            if info.filename == "word/document.xml":
                data = data.replace(b"r:embed=", b"r:link=")
            dst.writestr(info, data)
    return path


def test_libreoffice_fetches_nothing(tools, tmp_path):
    import http.server

    hits = []

    class Counting(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        src = _linked_picture_docx(tmp_path / "lien-ket.docx", f"http://127.0.0.1:{server.server_port}/anh.png")
        [pdf] = convert_to_pdf([src], tmp_path / "pdf")
    finally:
        server.shutdown()
    assert pdf.is_file() and "Văn bản có ảnh liên kết" in pdftext(pdf, 1)
    assert hits == []


def test_a_text_file_named_docx_is_refused(tools, tmp_path, cchc):
    fake = tmp_path / "gia.docx"
    fake.write_text("Đây chỉ là chữ, không phải Word", encoding="utf-8")
    result = cchc("pdf", fake)
    assert result.exit_code == 2 and "không phải tệp Word" in result.stderr and "gia.docx" in result.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_build_then_pdf_of_what_it_printed(tools, ws, cchc):
    built = cchc("build", "-w", ws)
    assert built.exit_code == 0, built.stderr
    files = built.stdout.splitlines()  # what `xargs -d '\n'` passes on
    assert any(f.endswith(".xlsx") for f in files) and any(f.endswith("manifest.csv") for f in files)
    result = cchc("pdf", *files)
    assert result.exit_code == 0, result.stderr
    docx_files = [Path(f) for f in files if f.endswith(".docx")]
    assert "Bỏ qua 26 tệp không phải Word .docx" in result.stderr and "manifest.csv" in result.stderr
    pdfs = [Path(p) for p in result.stdout.splitlines()]
    assert pdfs == [p.with_suffix(".pdf").resolve() for p in docx_files]
    assert all(p.is_file() and p.stat().st_size > 0 for p in pdfs)
