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
    for tool in ("soffice", "pdftotext", "pdfinfo"):
        needs(tool)


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
