"""Stamping number and date into word/document.xml however Word split the lines into runs,
changing the characters of the blank and not one byte more."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cchc_docs.errors import DocumentError
from cchc_docs.ooxml.splice import splice, wt_locations
from cchc_docs.register.draft import read_draft, type_of
from cchc_docs.register.stamp import stamp

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def t(text: str, preserve=True) -> str:
    attr = ' xml:space="preserve"' if preserve else ""
    return f"<w:r><w:rPr><w:sz w:val=\"26\"/></w:rPr><w:t{attr}>{text}</w:t></w:r>"


def p(*runs: str) -> str:
    return f"<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{''.join(runs)}</w:p>"


def doc(number_runs, date_runs, subject="V/v kiểm tra CCHC", lưu="- Lưu: VT, NV.") -> bytes:
    header = (f"<w:tbl><w:tr><w:tc>{p(t('UBND'))}</w:tc><w:tc>{p(t('CỘNG HÒA'))}</w:tc></w:tr>"
              f"<w:tr><w:tc>{p(*number_runs)}{p(t(subject))}</w:tc><w:tc>{p(*date_runs)}</w:tc></w:tr></w:tbl>")
    footer = (f"<w:tbl><w:tr><w:tc>{p(t('Nơi nhận:'))}{p(t('- Như trên;'))}{p(t(lưu))}</w:tc>"
              f"<w:tc>{p(t('CHỦ TỊCH'))}{p()}{p(t('Nguyễn Văn A'))}</w:tc></w:tr></w:tbl>")
    kinh_gui = p(t("Kính gửi:"), "<w:r><w:tab/></w:r>", t("- Ủy ban nhân dân các xã;")) + p(t("- Các phòng."))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}"><w:body>{header}{kinh_gui}{footer}<w:sectPr/></w:body></w:document>'
            ).encode()


def texts(xml: bytes) -> list[str]:
    from lxml import etree

    root = etree.fromstring(xml)
    return ["".join(x.text or "" for x in par.iter(f"{{{W}}}t")) for par in root.iter(f"{{{W}}}p")]


def run_texts(xml: bytes, k: int) -> list[str]:
    from lxml import etree

    par = list(etree.fromstring(xml).iter(f"{{{W}}}p"))[k]
    return [x.text or "" for x in par.iter(f"{{{W}}}t")]


D = dt.date(2024, 7, 5)
DATE_RUNS = [t("Hương Sơn, ngày      tháng      năm 2024")]


@pytest.mark.parametrize("runs, expected", [
    ([t("Số:      /UBND-NV")], ["Số: 05/UBND-NV"]),
    ([t("Số:"), t("      "), t("/UBND-NV")], ["Số:", " 05", "/UBND-NV"]),
    ([t("Số: "), t("   "), t(" /UBND-NV")], ["Số: 05", "", "/UBND-NV"]),
    ([t("Số:"), t("/"), t("UBND-NV")], ["Số: 05", "/", "UBND-NV"]),
    ([t("Số: ......./UBND-NV")], ["Số: 05/UBND-NV"]),
])
def test_number_goes_into_the_runs_that_held_the_blank(runs, expected):
    xml = doc(runs, DATE_RUNS)
    new, _ = stamp(read_draft(xml), 5, D)
    assert run_texts(new, 2) == expected


def test_number_ten_and_above_has_no_leading_zero():
    new, _ = stamp(read_draft(doc([t("Số:      /UBND-NV")], DATE_RUNS)), 123, D)
    assert "Số: 123/UBND-NV" in texts(new)


@pytest.mark.parametrize("runs, expected", [
    ([t("Hương Sơn, ngày      tháng      năm 2024")], "Hương Sơn, ngày 05 tháng 7 năm 2024"),
    ([t("Hương Sơn, ngày"), t("      "), t("tháng"), t("      "), t("năm "), t("2024")],
     "Hương Sơn, ngày 05 tháng 7 năm 2024"),
    ([t("Hương Sơn, ngày ... tháng ... năm 20...")], "Hương Sơn, ngày 05 tháng 7 năm 2024"),
    ([t("Hương Sơn, ngày 01 tháng 7 năm 2024")], "Hương Sơn, ngày 05 tháng 7 năm 2024"),
])
def test_date_line(runs, expected):
    new, warnings = stamp(read_draft(doc([t("Số:      /UBND-NV")], runs)), 5, D)
    assert expected in texts(new)
    assert bool(warnings) == ("01 tháng" in runs[0])


def test_decree_30_zero_rules_in_the_date():
    xml = doc([t("Số:      /UBND-NV")], DATE_RUNS)
    new, _ = stamp(read_draft(xml), 1, dt.date(2025, 2, 9))
    assert "Hương Sơn, ngày 09 tháng 02 năm 2025" in texts(new)
    new, _ = stamp(read_draft(xml), 1, dt.date(2024, 12, 25))
    assert "Hương Sơn, ngày 25 tháng 12 năm 2024" in texts(new)


def test_only_the_blank_bytes_change():
    xml = doc([t("Số:"), t("      "), t("/UBND-NV")],
              [t("Hương Sơn, ngày"), t("      "), t("tháng      năm 2024")])
    new, _ = stamp(read_draft(xml), 7, D)
    # Outside the contents of w:t elements, every byte is the author's.
    strip = lambda raw: re.sub(rb"(<w:t(?: [^>]*)?>)[^<]*(</w:t>)", rb"\1\2", raw)
    assert strip(new) == strip(xml)
    # And inside them only the blanks changed.
    assert run_texts(new, 2) == ["Số:", " 07", "/UBND-NV"]
    assert run_texts(new, 4) == ["Hương Sơn, ngày", " 05 ", "tháng 7 năm 2024"]


def test_preserve_is_added_when_a_run_gains_outer_spaces():
    xml = doc([t("Số:", preserve=False), t("      ", preserve=False), t("/UBND-NV", preserve=False)], DATE_RUNS)
    new, _ = stamp(read_draft(xml), 5, D)
    assert b'<w:t xml:space="preserve"> 05</w:t>' in new
    assert "<w:t>Số:</w:t>".encode() in new  # untouched runs keep their tags as they were


def test_empty_wt_element_can_take_the_number():
    xml = doc([t("Số:"), "<w:r><w:t/></w:r>", t("/UBND-NV")], DATE_RUNS)
    assert len(wt_locations(xml)) == len(re.findall(rb"<w:t[ />]", xml))
    new, _ = stamp(read_draft(xml), 5, D)
    assert "Số: 05/UBND-NV" in texts(new)


def test_tab_inside_the_blank_is_refused():
    xml = doc([t("Số:"), "<w:r><w:tab/></w:r>", t("/UBND-NV")], DATE_RUNS)
    with pytest.raises(DocumentError, match="dấu tab"):
        stamp(read_draft(xml), 5, D)


def test_splice_escapes_and_keeps_entities_elsewhere():
    raw = f'<w:document xmlns:w="{W}"><w:t>a &amp; b</w:t><w:t a=">">x</w:t></w:document>'.encode()
    assert splice(raw, {1: "<&>"}) == raw.replace(b">x<", b">&lt;&amp;&gt;<")


def test_fields_read_from_the_draft():
    d = read_draft(doc([t("Số:      /UBND-NV")], DATE_RUNS, lưu="- Lưu: VT, NV (3)."))
    assert (d.symbol, d.type_name, d.summary, d.place) == ("UBND-NV", "Công văn", "V/v kiểm tra CCHC", "Hương Sơn")
    assert d.recipients == ["Ủy ban nhân dân các xã", "Các phòng"]
    assert d.keep_units == ["VT", "NV"] and d.keep_copies == {"VT": 1, "NV": 3}
    assert (d.signer, d.signer_position) == ("Nguyễn Văn A", "CHỦ TỊCH")


@pytest.mark.parametrize("symbol, name", [
    ("UBND-NV", "Công văn"), ("BC-UBND", "Báo cáo"), ("QyĐ-UBND", "Quy định"), ("TTr-UBND", "Tờ trình"),
    ("KH-UBND", "Kế hoạch"), ("SNV-VP", "Công văn"), ("TB-UBND", "Thông báo"),
])
def test_type_from_the_symbol(symbol, name):
    assert type_of(symbol)[1] == name


def test_hostile_entities_are_not_expanded():
    body = doc([t("Số:      /UBND-NV")], DATE_RUNS).split(b"?>", 1)[1]
    xml = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           + body.replace("Nguyễn Văn A".encode(), b"&x;"))
    try:
        d = read_draft(xml)
    except DocumentError:
        return  # refusing is fine too
    assert "root:" not in d.signer
