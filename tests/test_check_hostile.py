"""Hostile files never switch the checker off nor exhaust the machine (issue #12, point 4):
each case ends refused with a reason, or checked with the other rules still running. Time and
memory are measured in bench/bench_check.py; here the outcome is asserted."""

from __future__ import annotations

import re

import pytest

from hostile import CT, DOCM_MAIN, DOCX_MAIN, inflating_bomb, replace_part
from test_check import build, save

from cchc_docs.check import check_docx
from cchc_docs.check.files import check_file
from cchc_docs.errors import DocumentError
from cchc_docs.ooxml.package import read_parts


@pytest.fixture(scope="module")
def clean() -> bytes:
    d, _ = build(number="Số: 05/UBND-NV")
    return save(d)


def _document(data: bytes) -> bytes:
    return read_parts(data)["word/document.xml"]


def test_clean_document_passes(clean):
    assert [f for f in check_docx(clean) if f.severity == "error"] == []


def test_overflowing_number_is_invalid_for_its_rule_only(clean):
    xml = _document(clean).decode()
    # Every paragraph gets an indent of 1e999 twips (inf as a float) and the number loses its 0.
    xml = re.sub(r"<w:pPr>", '<w:pPr><w:ind w:left="1e999" w:firstLine="-1e999"/>', xml)
    xml = xml.replace("Số: 05/UBND-NV", "Số: 5/UBND-NV")
    found = check_docx(replace_part(clean, "word/document.xml", xml.encode()))
    rules = {f.rule for f in found if f.severity == "error"}
    assert "SO" in rules, found  # Số: 5/ is still caught: the checker was not switched off
    assert not [f for f in found if f.rule == "*" or "không kiểm tra được" in f.message]
    so = next(f for f in found if f.rule == "SO")
    assert "05" in so.message and so.how_to_fix


def test_unicode_digit_number_is_a_finding_not_a_crash(clean):
    xml = _document(clean).decode().replace("Số: 05/UBND-NV", "Số: ²/UBND-NV")
    found = check_docx(replace_part(clean, "word/document.xml", xml.encode()))
    assert any(f.rule == "SO" and "chữ số Ả Rập" in f.message for f in found)
    assert not [f for f in found if f.severity == "undecided" and f.rule == "SO"]


def test_inflating_bomb_is_refused_with_its_reason(tmp_path):
    path = tmp_path / "bom.docx"
    size = inflating_bomb(path)  # 1.4 MB on disk, 4 × 63 MB inflated, ~180:1
    assert size < 2 * 1024 * 1024
    result = check_file(str(path))
    assert result["status"] == "unreadable"
    assert "quá lớn" in result["error"] and "word/document.xml" in result["error"]


def test_too_many_tags_is_refused(clean):
    # 200,000 numbered paragraphs, 6 tags each: 1.2 million tags, compressing like text does.
    body = "".join(f"<w:p><w:r><w:t>{k}</w:t></w:r></w:p>" for k in range(200_000))
    xml = _document(clean).decode().replace("<w:body>", "<w:body>" + body, 1)
    with pytest.raises(DocumentError, match="thẻ XML"):
        check_docx(replace_part(clean, "word/document.xml", xml.encode()))


def test_dtd_in_content_types_is_refused(clean):
    ct = ('<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY x "y">]>' + CT.split("?>", 1)[1]).format(main=DOCX_MAIN)
    with pytest.raises(DocumentError, match="DOCTYPE"):
        check_docx(replace_part(clean, "[Content_Types].xml", ct.encode()))


def test_vba_project_is_reported(clean):
    ct = read_parts(clean)["[Content_Types].xml"].replace(DOCX_MAIN.encode(), DOCM_MAIN.encode())
    data = replace_part(clean, "[Content_Types].xml", ct, extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" * 64})
    found = check_docx(data)
    macro = [f for f in found if f.rule == "MACRO"]
    assert macro and macro[0].severity == "error" and "macro" in macro[0].message
    assert "Save As" in macro[0].how_to_fix or "Lưu thành" in macro[0].how_to_fix
    assert {f.rule for f in found if f.severity == "error"} == {"MACRO"}  # the rest of the letter is fine


@pytest.mark.parametrize("broken, cause", [
    (b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body><w:p>",
     "cắt cụt"),
    (b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body></w:p>"
     b"</w:body></w:document>", "không khớp"),
    (b"<w:document><w:body/></w:document>", "namespace"),
])
def test_parse_errors_are_explained_in_vietnamese(clean, broken, cause):
    with pytest.raises(DocumentError) as exc:
        check_docx(replace_part(clean, "word/document.xml", broken))
    message = str(exc.value)
    assert "word/document.xml" in message and "lỗi cú pháp XML ở dòng 1" in message and cause in message
    # libxml2's own English is not quoted at the clerk.
    assert not re.search(r"Premature|mismatch|Namespace prefix|expected", message)


def test_an_unreadable_path_is_said_in_vietnamese_not_the_os_words(tmp_path):
    # read_parts on a folder: the OS says "Is a directory"; the clerk reads Vietnamese.
    from cchc_docs.ooxml.package import PackageError, read_parts

    with pytest.raises(PackageError) as info:
        read_parts(tmp_path)
    assert "không đọc được tệp: ở chỗ của tệp lại là một thư mục" in str(info.value)
    assert "Is a directory" not in str(info.value)
