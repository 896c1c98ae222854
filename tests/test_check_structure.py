"""Structure detection on layouts real documents use (issue #12, point 2), one case each."""

from __future__ import annotations

from corpus.build_corpus import base, build

from cchc_docs.check import check_report
from cchc_docs.ooxml.package import read_parts


def _report(o, draft=False):
    return check_report(read_parts(build(o)), draft=draft)


def test_unknown_type_is_not_a_cong_van():
    o, _ = base("thong-bao", 1)
    o.update(title=None, subject=None, number="Số: 12/UBND-VP", kg=None)
    report = _report(o)
    assert report.kind == "không xác định"
    # A công văn's own rules (V/v, Kính gửi) are not applied to a document of unknown type.
    assert not {"VV", "KG", "TL"} & {f.rule for f in report.findings}


def test_quy_dinh_numbered_qd_is_told_its_abbreviation():
    o, _ = base("quy-dinh", 1)
    o["number"] = "Số: 13/QĐ-UBND"
    report = _report(o)
    assert report.kind == "quy định"
    so = [f for f in report.errors if f.rule == "SO"]
    assert so and "QyĐ" in so[0].message and "quyết định" in so[0].message


def test_typed_agency_line_is_a_line_and_dashes_are_not_solid():
    o, _ = base("ke-hoach", 1)          # agency line typed as `______`
    assert o["agency_line"] == "typed" and not _report(o).errors
    o["agency_line"] = "-------------"
    cq = [f for f in _report(o).errors if f.rule == "CQ"]
    assert len(cq) == 1 and "nét đứt" in cq[0].message


def test_line_typed_after_a_line_break_is_the_tieu_ngu_line():
    o, _ = base("ke-hoach", 1)
    o["tn_br"] = "_" * 23              # `Độc lập - Tự do - Hạnh phúc` ↵ `_______` in one paragraph
    assert not _report(o).errors
    o["tn_br"] = "-" * 23
    tn = [f for f in _report(o).errors if f.rule == "TN"]
    assert len(tn) == 1 and "nét đứt" in tn[0].message


def test_model_form_blanks_and_template_fields_are_blanks_not_values():
    o, _ = base("thong-bao", 1)
    o.update(agency=("(1)……………………", "(2)……………………"), agency_line="border")
    assert not _report(o).errors       # no capitals, weight or line length to judge on a blank
    o, _ = base("cong-van", 2)
    o.update(number="Số: ${KH}", date="Hương Sơn, ngày ${D} tháng ${M} năm ${Y}", kg="${KG};", kg_below=True)
    assert not _report(o, draft=True).errors
    # Unfilled fields are the blanks of a draft: told as such without --draft, not as wrong values.
    messages = {f.rule: f.message for f in _report(o).errors}
    assert set(messages) == {"SO", "DT"} and all("để trống" in m for m in messages.values())


def test_signer_is_the_last_column_with_text():
    o, _ = base("quyet-dinh", 1)
    o["sig_margin"] = True             # Nơi nhận | signer | an empty column kept as a margin
    assert not _report(o).errors


def test_capital_ngay_in_a_blank_date_is_told_as_such():
    o, _ = base("to-trinh", 3)
    o["date"] = "……, Ngày      tháng      năm"
    dt = [f for f in _report(o, draft=True).errors if f.rule == "DT"]
    assert [f.message.split(" (")[0] for f in dt] == ["viết “Ngày”"]


def test_split_placeholder_is_not_the_signer():
    o, _ = base("bao-cao", 2)
    assert o["split_placeholder"]
    assert not [f for f in _report(o).findings if f.rule == "SG"]


def test_draft_date_with_blank_day_is_a_draft_date():
    o, _ = base("to-trinh", 3)
    assert o["draft"] and "ngày      tháng 3 năm 2026" in o["date"]
    assert not _report(o, draft=True).errors
    assert {"SO", "DT"} <= {f.rule for f in _report(o, draft=False).errors}


def test_deputy_signs_under_kt_and_to_trinh_needs_kinh_gui():
    o, _ = base("ke-hoach", 1)
    assert o["signer"][1] == "KT. CHỦ TỊCH" and not _report(o).errors
    o, _ = base("to-trinh", 1)
    o["kg"] = None
    assert [f.rule for f in _report(o).errors] == ["KG"]
