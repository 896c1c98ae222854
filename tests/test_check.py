"""`cchc check`: a clean Decree 30 công văn built here with python-docx, then one defect at a
time, each expected to be found under its exact rule id; hostile inputs refused cleanly."""

from __future__ import annotations

import io
import json
import random
import unicodedata
import zipfile
from types import SimpleNamespace

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from cchc_docs.check import RULES, Finding, check_docx, check_parts
from cchc_docs.errors import DocumentError
from cchc_docs.ooxml.package import read_parts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TNR = "Times New Roman"
LEFT_W, RIGHT_W = 3402, 5669


# ------------------------------------------------------------------ building documents

def _fonts(run, name):
    run.font.name = name
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def para(container, text="", size=14, bold=False, italic=False, align=None, before=0, after=0,
         first=None, line=None, font=None, first_in_cell=False):
    p = container.paragraphs[0] if first_in_cell else container.add_paragraph()
    if text:
        r = p.add_run(text)
        r.font.size = Pt(size)
        r.bold = bold or None
        r.italic = italic or None
        if font:
            _fonts(r, font)
    pf = p.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if align:
        pf.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
                        "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    if first is not None:
        pf.first_line_indent = Twips(first)
    if line is not None:
        pf.line_spacing = line
    return p


def border(p, edge="top"):
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    e = OxmlElement(f"w:{edge}")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        e.set(qn(k), v)
    bdr.append(e)
    # pBdr comes before spacing/ind/jc in CT_PPr: Word rejects it elsewhere.
    ppr.insert(0, bdr)
    return p


def rule_line(cell, width, cell_width):
    p = para(cell, size=2, align="center")
    side = (cell_width - width) // 2
    p.paragraph_format.left_indent = Twips(side)
    p.paragraph_format.right_indent = Twips(side)
    return border(p)


def borderless(table, visible=False):
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "single" if visible else "nil")
        e.set(qn("w:sz"), "4")
        borders.append(e)
    tblpr.append(borders)


def page_field(p, size=14):
    fld = parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE "><w:r><w:rPr><w:sz w:val="{size * 2}"/>'
                    '</w:rPr><w:t>2</w:t></w:r></w:fldSimple>')
    p._p.append(fld)
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def body(document, text, **kw):
    opts = {"size": 14, "align": "both", "first": 567, "before": 6, "line": 1.15}
    opts.update(kw)
    return para(document, text, **opts)


BODY_TEXTS = [
    ("Theo báo cáo của Đoàn kiểm tra cải cách hành chính (CCHC) trong 06 tháng đầu năm 2024, công tác "
     "CCHC đã được cấp ủy, chính quyền các cấp tiếp tục quan tâm, chỉ đạo quyết liệt."),
    "Để tiếp tục phát huy các kết quả đạt được, Ủy ban nhân dân huyện yêu cầu:",
    ("1. Ủy ban nhân dân các xã, thị trấn tập trung khắc phục triệt để các tồn tại, hạn chế; báo cáo kết "
     "quả về Ủy ban nhân dân huyện (qua Phòng Nội vụ) trước ngày 30/8/2024."),
    "- Nâng cao chất lượng giải quyết thủ tục hành chính, không để hồ sơ quá hạn;",
    "- Đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
    "Yêu cầu các đơn vị, địa phương triển khai thực hiện nghiêm túc./.",
]


def build(kind="cong-van", number="Số: 05/UBND-NV", date="Hương Sơn, ngày 05 tháng 7 năm 2024",
          body_texts=BODY_TEXTS, type_name="BÁO CÁO", subject="Kết quả thực hiện công tác cải cách hành chính",
          appendix=False):
    """A Decree 30 document as the project lays it out; returns (Document, refs)."""
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = TNR
    normal.font.size = Pt(14)
    rf = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rf.set(qn("w:eastAsia"), TNR)
    rf.set(qn("w:cs"), TNR)
    normal.paragraph_format.space_after = Pt(0)
    s = d.sections[0]
    s.page_width, s.page_height = Twips(11906), Twips(16838)
    s.top_margin, s.bottom_margin = Twips(1134), Twips(1134)
    s.left_margin, s.right_margin = Twips(1701), Twips(1134)
    s.different_first_page_header_footer = True
    page_field(s.header.paragraphs[0])
    ref = SimpleNamespace(doc=d, section=s)

    # The body starts with the header table: python-docx's document starts with no paragraph.
    t = d.add_table(rows=2, cols=2)
    borderless(t)
    ref.header_table = t
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Twips(LEFT_W), Twips(RIGHT_W)
    for col, width in zip(t._tbl.tblGrid.gridCol_lst, (LEFT_W, RIGHT_W)):
        col.w = Twips(width)  # LibreOffice lays columns out from the grid, Word from the cells
    c = t.cell(0, 0)
    ref.parent = para(c, "UBND TỈNH HÀ TĨNH", 13, align="center", first_in_cell=True)
    ref.agency = para(c, "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN", 13, bold=True, align="center")
    ref.agency_line = rule_line(c, 1300, LEFT_W)
    c = t.cell(0, 1)
    ref.qh = para(c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, align="center", first_in_cell=True)
    ref.tn = para(c, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, align="center")
    ref.tn_line = rule_line(c, 3350, RIGHT_W)
    c = t.cell(1, 0)
    ref.so = para(c, number if kind == "cong-van" else number.replace("UBND-NV", "BC-UBND"), 13,
                  align="center", before=3, first_in_cell=True)
    ref.vv = None
    if kind == "cong-van":
        ref.vv = para(c, "V/v tập trung khắc phục tồn tại, hạn chế trong thực hiện CCHC", 12,
                      align="center", before=6)
    c = t.cell(1, 1)
    ref.dt = para(c, date, 14, italic=True, align="center", before=3, first_in_cell=True)

    if kind != "cong-van":
        ref.type_para = para(d, type_name, 14, bold=True, align="center", before=12)
        ref.subject = para(d, subject, 14, bold=True, align="center")
        p = para(d, size=2, align="center")
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Twips(3000)
        ref.subject_line = border(p)
    ref.kg = para(d, "Kính gửi:\t- Các phòng chuyên môn thuộc UBND huyện;", 14, before=12)
    ref.kg.paragraph_format.left_indent = Twips(3686)
    ref.kg.paragraph_format.first_line_indent = Twips(-1418)
    ref.kg2 = para(d, "- Ủy ban nhân dân các xã, thị trấn.", 14)
    ref.kg2.paragraph_format.left_indent = Twips(3686)
    if appendix and body_texts is BODY_TEXTS:
        # The body must point to its appendix (NĐ 30, Phụ lục I, III.1.a; rule PL since issue #12).
        body_texts = [*BODY_TEXTS[:-1], "Kết quả của từng xã tại Phụ lục kèm theo.", BODY_TEXTS[-1]]
    ref.body = [body(d, text) for text in body_texts]

    t = d.add_table(rows=1, cols=2)
    borderless(t)
    ref.sig_table = t
    left, right = t.cell(0, 0), t.cell(0, 1)
    ref.nn = para(left, "Nơi nhận:", 12, bold=True, italic=True, before=12, first_in_cell=True)
    ref.nn_items = [para(left, text, 11) for text in
                    ("- Như trên;", "- Sở Nội vụ (để b/c);", "- Chủ tịch, các PCT UBND huyện;")]
    ref.luu = para(left, "- Lưu: VT, NV.", 11)
    ref.authority = para(right, "TM. ỦY BAN NHÂN DÂN", 14, bold=True, align="center", before=12,
                         first_in_cell=True)
    ref.position = para(right, "CHỦ TỊCH", 14, bold=True, align="center")
    for _ in range(3):
        para(right)
    ref.signer = para(right, "Trần Bình Thân", 14, bold=True, align="center")

    if appendix:
        new = d.add_section()
        new.orientation = WD_ORIENT.LANDSCAPE
        new.page_width, new.page_height = Twips(16838), Twips(11906)
        pg = OxmlElement("w:pgNumType")
        pg.set(qn("w:start"), "1")
        new._sectPr.insert(new._sectPr.index(new._sectPr.find(qn("w:pgMar"))) + 1, pg)
        ref.appendix_section = new
        ref.pl = para(d, "Phụ lục", 14, bold=True, align="center")
        ref.pl_title = para(d, "KẾT QUẢ KHẮC PHỤC CỦA CÁC XÃ", 14, bold=True, align="center")
        ref.pl_note = para(d, "(Kèm theo Báo cáo số      /BC-UBND ngày      tháng      năm 2024)", 14,
                           italic=True, align="center")
        table = d.add_table(rows=2, cols=3)
        table.style = "Table Grid"
        for k, text in enumerate(("TT", "Đơn vị", "Kết quả")):
            table.cell(0, k).text = text
    return d, ref


def save(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def findings(document, draft=False) -> list[Finding]:
    return check_docx(save(document), draft=draft)


def errors(document, draft=False) -> list[Finding]:
    return [f for f in findings(document, draft) if f.severity == "error"]


def rules_of(document, draft=False) -> set[str]:
    return {f.rule for f in errors(document, draft)}


def set_text(p, text):
    p.runs[0].text = text
    for r in p.runs[1:]:
        r.text = ""


def the_only(document, rule_id, draft=False) -> Finding:
    found = errors(document, draft)
    assert {f.rule for f in found} == {rule_id}, "\n".join(map(str, found))
    return found[0]


@pytest.fixture
def letter():
    return build()


# ------------------------------------------------------------------ clean documents

def test_clean_cong_van_has_no_findings(letter):
    d, _ = letter
    assert findings(d) == []


def test_clean_draft_passes_with_draft_only():
    d, _ = build(number="Số:      /UBND-NV", date="Hương Sơn, ngày      tháng      năm 2024")
    assert findings(d, draft=True) == []
    assert {f.rule for f in errors(d)} == {"SO", "DT"}


def test_clean_report_with_landscape_appendix_has_no_findings():
    d, _ = build(kind="bao-cao", appendix=True)
    assert findings(d) == []


def test_every_rule_has_id_description_reference():
    assert set(RULES) >= {"PG-A4", "PG-MAR", "FT-TNR", "FT-UNI", "PN-1", "PN-PL", "HD-TBL", "QH", "TN", "CQ",
                          "SO", "DT", "TL", "VV", "KG", "BD", "CC", "SG", "NN", "PL"}
    for rid, r in RULES.items():
        assert r.id == rid and r.description and r.reference.startswith("NĐ 30/2020")


# ------------------------------------------------------------------ one defect each: page and fonts

def test_arial_body_is_ft_tnr(letter):
    d, ref = letter
    _fonts(ref.body[0].runs[0], "Arial")
    f = the_only(d, "FT-TNR")
    assert "Arial" in f.message and "Theo báo cáo" in f.where


def test_legacy_vntime_font_is_ft_tnr(letter):
    d, ref = letter
    _fonts(ref.body[1].runs[0], ".VnTime")
    f = the_only(d, "FT-TNR")
    assert ".VnTime" in f.message and "TCVN3" in f.message


def test_style_font_is_resolved_through_the_style_chain(letter):
    d, ref = letter
    style = d.styles.add_style("Noi dung", 1)  # paragraph style based on Normal
    style.base_style = d.styles["Normal"]
    style.font.name = "Calibri"
    ref.body[2].style = style
    assert "Calibri" in the_only(d, "FT-TNR").message


def test_coloured_text_is_ft_tnr(letter):
    from docx.shared import RGBColor

    d, ref = letter
    ref.body[0].runs[0].font.color.rgb = RGBColor(0x00, 0x00, 0xFF)
    assert "0000FF" in the_only(d, "FT-TNR").message


def test_tcvn3_text_is_ft_uni(letter):
    d, ref = letter
    set_text(ref.body[0], "Theo b¸o c¸o cña §oµn kiÓm tra c¶i c¸ch hµnh chÝnh, c«ng t¸c CCHC ®· ®­îc quan t©m.")
    f = the_only(d, "FT-UNI")
    assert "TCVN3" in f.message


def test_vni_text_is_ft_uni(letter):
    d, ref = letter
    set_text(ref.body[0], "Theo baùo caùo cuûa Ñoaøn kieåm tra caûi caùch haønh chính, coâng taùc ñaõ ñöôïc quan taâm.")
    assert "TCVN3/VNI" in the_only(d, "FT-UNI").message


def test_decomposed_unicode_is_ft_uni(letter):
    d, ref = letter
    set_text(ref.body[0], unicodedata.normalize("NFD", ref.body[0].text))
    assert "NFD" in the_only(d, "FT-UNI").message


def test_unicode_text_with_a_registered_sign_is_not_legacy(letter):
    d, ref = letter
    set_text(ref.body[0], "Phần mềm Microsoft® Word và 30°C không phải bảng mã cũ; công tác CCHC đạt kết quả.")
    assert findings(d) == []


def test_two_centimetre_left_margin_is_pg_mar(letter):
    d, ref = letter
    ref.section.left_margin = Twips(1134)
    f = the_only(d, "PG-MAR")
    assert "lề trái 20 mm" in f.message and "30–35 mm" in f.message


def test_letter_paper_is_pg_a4(letter):
    d, ref = letter
    ref.section.page_width, ref.section.page_height = Twips(12240), Twips(15840)
    assert "Letter" in the_only(d, "PG-A4").message


def test_landscape_letter_is_pg_a4(letter):
    d, ref = letter
    ref.section.orientation = WD_ORIENT.LANDSCAPE
    ref.section.page_width, ref.section.page_height = Twips(16838), Twips(11906)
    assert "khổ ngang" in the_only(d, "PG-A4").message


def test_page_number_on_page_one_is_pn_1(letter):
    d, ref = letter
    ref.section.different_first_page_header_footer = False
    assert "trang 1" in the_only(d, "PN-1").message


def test_page_number_in_footer_is_pn_1(letter):
    d, ref = letter
    ref.section.header.paragraphs[0]._p.getparent().remove(ref.section.header.paragraphs[0]._p)
    page_field(ref.section.footer.paragraphs[0])
    assert {f.rule for f in errors(d)} == {"PN-1"}
    assert any("chân trang" in f.message for f in errors(d))


def test_missing_page_number_is_pn_1():
    d, ref = build(body_texts=BODY_TEXTS[:-1] * 5 + BODY_TEXTS[-1:])  # two pages
    hdr = ref.section.header.paragraphs[0]._p
    hdr.getparent().remove(hdr)
    assert "số trang" in the_only(d, "PN-1").message


def test_one_page_document_needs_no_page_number(letter):
    d, ref = letter
    hdr = ref.section.header.paragraphs[0]._p
    hdr.getparent().remove(hdr)
    assert findings(d) == []


def test_symbol_font_tick_box_is_not_a_font_error(letter):
    d, ref = letter
    r = ref.body[0].add_run("\uf0fe")
    _fonts(r, "Wingdings")
    r.font.size = Pt(14)
    assert findings(d) == []


def test_small_page_number_is_pn_1(letter):
    d, ref = letter
    hdr = ref.section.header.paragraphs[0]
    for sz in hdr._p.iter(qn("w:sz")):
        sz.set(qn("w:val"), "20")
    assert "cỡ chữ 10" in the_only(d, "PN-1").message


# ------------------------------------------------------------------ header block

def test_number_without_leading_zero_is_so():
    d, _ = build(number="Số: 5/UBND-NV")
    f = the_only(d, "SO")
    assert "05" in f.message and "Số: 5/UBND-NV" in f.where


def test_number_with_spaces_in_symbol_is_so():
    d, _ = build(number="Số: 05/UBND - NV")
    assert the_only(d, "SO")


def test_blank_number_without_draft_is_so():
    d, _ = build(number="Số:      /UBND-NV")
    assert "dự thảo" in the_only(d, "SO").message


def test_cong_van_with_type_abbreviation_is_so():
    d, _ = build(number="Số: 05/BC-UBND")
    assert "công văn" in the_only(d, "SO").message


def test_mixed_case_abbreviation_is_accepted():
    d, ref = build(kind="bao-cao", type_name="TỜ TRÌNH", subject="Đề nghị phê duyệt kế hoạch CCHC năm 2025")
    set_text(ref.so, "Số: 12/TTr-UBND")
    assert findings(d) == []


def test_report_with_plan_abbreviation_is_so():
    d, ref = build(kind="bao-cao")
    set_text(ref.so, "Số: 12/KH-UBND")
    assert "kế hoạch" in the_only(d, "SO").message


def test_day_without_leading_zero_is_dt():
    d, _ = build(date="Hương Sơn, ngày 5 tháng 7 năm 2024")
    assert "ngày 05" in the_only(d, "DT").message


def test_january_without_leading_zero_is_dt():
    d, _ = build(date="Hương Sơn, ngày 15 tháng 1 năm 2024")
    assert "tháng 01" in the_only(d, "DT").message


def test_july_with_leading_zero_is_dt():
    d, _ = build(date="Hương Sơn, ngày 15 tháng 07 năm 2024")
    assert "tháng 7" in the_only(d, "DT").message


def test_impossible_date_is_dt():
    d, _ = build(date="Hương Sơn, ngày 30 tháng 02 năm 2024")
    assert "không có thật" in the_only(d, "DT").message


def test_upright_date_is_dt(letter):
    d, ref = letter
    ref.dt.runs[0].italic = False
    assert "nghiêng" in the_only(d, "DT").message


def test_bold_vv_is_vv(letter):
    d, ref = letter
    ref.vv.runs[0].bold = True
    assert "đậm" in the_only(d, "VV").message


def test_vv_without_gap_is_vv(letter):
    d, ref = letter
    ref.vv.paragraph_format.space_before = Pt(0)
    assert "6 pt" in the_only(d, "VV").message


def test_en_dash_motto_is_tn(letter):
    d, ref = letter
    set_text(ref.tn, "Độc lập – Tự do – Hạnh phúc")
    assert the_only(d, "TN")


def test_motto_without_line_is_tn(letter):
    d, ref = letter
    ref.tn_line._p.getparent().remove(ref.tn_line._p)
    assert "đường kẻ" in the_only(d, "TN").message


def test_full_width_line_under_agency_is_cq(letter):
    d, ref = letter
    ref.agency_line.paragraph_format.left_indent = Twips(0)
    ref.agency_line.paragraph_format.right_indent = Twips(0)
    assert "đường kẻ" in the_only(d, "CQ").message


def test_bold_parent_agency_is_cq(letter):
    d, ref = letter
    ref.parent.runs[0].bold = True
    ref.agency.runs[0].bold = False
    assert {f.rule for f in errors(d)} == {"CQ"}


def test_upright_not_bold_quoc_hieu_is_qh(letter):
    d, ref = letter
    ref.qh.runs[0].bold = False
    assert "đậm" in the_only(d, "QH").message


def test_quoc_hieu_with_oa_spelling_is_accepted(letter):
    d, ref = letter
    set_text(ref.qh, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert findings(d) == []


def test_bordered_header_table_is_hd_tbl(letter):
    d, ref = letter
    tblpr = ref.header_table._tbl.tblPr
    tblpr.remove(tblpr.find(qn("w:tblBorders")))
    borderless(ref.header_table, visible=True)
    assert "viền" in the_only(d, "HD-TBL").message


def test_header_without_table_is_hd_tbl():
    d = docx.Document()
    d.styles["Normal"].font.name = TNR
    for text in ("ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        para(d, text, 13, bold=True)
    found = check_docx(save(d))
    assert "HD-TBL" in {f.rule for f in found}


# ------------------------------------------------------------------ type name, Kính gửi, body

def test_report_without_bold_subject_is_tl():
    d, ref = build(kind="bao-cao")
    ref.subject.runs[0].bold = False
    assert "đậm" in the_only(d, "TL").message


def test_report_type_name_not_centred_is_tl():
    d, ref = build(kind="bao-cao")
    ref.type_para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    assert the_only(d, "TL")


def test_last_recipient_without_full_stop_is_kg(letter):
    d, ref = letter
    set_text(ref.kg2, "- Ủy ban nhân dân các xã, thị trấn;")
    assert "dấu chấm" in the_only(d, "KG").message


def test_cong_van_without_kinh_gui_is_kg(letter):
    d, ref = letter
    for p in (ref.kg, ref.kg2):
        p._p.getparent().remove(p._p)
    assert the_only(d, "KG")


def test_left_aligned_body_is_bd(letter):
    d, ref = letter
    ref.body[0].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    assert "căn lề trái" in the_only(d, "BD").message


def test_double_spaced_body_is_bd(letter):
    d, ref = letter
    for p in ref.body:
        p.paragraph_format.line_spacing = 2.0
    f = the_only(d, "BD")
    assert "2 lines" in f.message and "và 5 đoạn khác" in f.where


def test_body_without_first_line_indent_is_bd(letter):
    d, ref = letter
    ref.body[1].paragraph_format.first_line_indent = None
    assert "lùi đầu dòng" in the_only(d, "BD").message


def test_twelve_point_body_is_bd(letter):
    d, ref = letter
    ref.body[0].runs[0].font.size = Pt(12)
    assert "cỡ chữ 12" in the_only(d, "BD").message


def test_body_not_ending_with_slash_is_bd():
    d, _ = build(body_texts=BODY_TEXTS[:-1] + ["Yêu cầu các đơn vị triển khai thực hiện nghiêm túc."])
    assert "./." in the_only(d, "BD").message


def test_legal_bases_not_italic_is_cc():
    texts = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
             "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
             "Theo đề nghị của Trưởng phòng Nội vụ.",
             "Ủy ban nhân dân huyện báo cáo kết quả như sau:", BODY_TEXTS[-1]]
    d, ref = build(kind="bao-cao", body_texts=texts)
    for p in ref.body[:3]:
        p.runs[0].italic = True
    assert findings(d) == []
    ref.body[1].runs[0].italic = False
    assert "nghiêng" in the_only(d, "CC").message


# ------------------------------------------------------------------ signer, Nơi nhận, appendix

def test_missing_luu_line_is_nn(letter):
    d, ref = letter
    ref.luu._p.getparent().remove(ref.luu._p)
    assert "Lưu" in the_only(d, "NN").message


def test_luu_without_colon_is_nn(letter):
    d, ref = letter
    set_text(ref.luu, "- Lưu VT, NV.")
    assert the_only(d, "NN")


def test_cong_van_without_nhu_tren_is_nn(letter):
    d, ref = letter
    set_text(ref.nn_items[0], "- Sở Tư pháp;")
    assert "Như trên" in the_only(d, "NN").message


def test_noi_nhan_not_italic_is_nn(letter):
    d, ref = letter
    ref.nn.runs[0].italic = False
    assert the_only(d, "NN")


def test_signer_name_in_capitals_is_sg(letter):
    d, ref = letter
    set_text(ref.signer, "TRẦN BÌNH THÂN")
    assert "in hoa" in the_only(d, "SG").message


def test_signer_with_degree_is_sg(letter):
    d, ref = letter
    set_text(ref.signer, "TS. Trần Bình Thân")
    assert "học vị" in the_only(d, "SG").message


def test_authority_without_dot_is_sg(letter):
    d, ref = letter
    set_text(ref.authority, "TM ỦY BAN NHÂN DÂN")
    assert "TM." in the_only(d, "SG").message


def test_appendix_without_own_numbering_is_pn_pl():
    d, ref = build(kind="bao-cao", appendix=True)
    sect = ref.appendix_section._sectPr
    sect.remove(sect.find(qn("w:pgNumType")))
    assert the_only(d, "PN-PL")


def test_appendix_heading_in_capitals_is_pl():
    d, ref = build(kind="bao-cao", appendix=True)
    set_text(ref.pl, "PHỤ LỤC")
    assert the_only(d, "PL")


# ------------------------------------------------------------------ structures nobody here wrote

def _edit_document_xml(data: bytes, edit) -> bytes:
    parts = read_parts(data)
    parts["word/document.xml"] = edit(parts["word/document.xml"].decode()).encode()
    return _zip(parts)


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_tracked_changes_read_as_accepted(letter):
    d, ref = letter
    # A deleted wrong number and an inserted right one: the document reads "Số: 05/UBND-NV".
    so = ref.so._p
    for r in list(so.iter(qn("w:r"))):
        so.remove(r)
    so.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="1" w:author="a"><w:r><w:rPr><w:sz w:val="26"/></w:rPr>'
                        '<w:delText>Số: 5/UBND-NV</w:delText></w:r></w:del>'))
    so.append(parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="2" w:author="a"><w:r><w:rPr><w:sz w:val="26"/></w:rPr>'
                        '<w:t>Số: 05/UBND-NV</w:t></w:r></w:ins>'))
    assert findings(d) == []


def test_text_boxes_images_fields_and_sections_do_not_crash(letter):
    d, ref = letter
    box = (f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
           '<w:drawing/></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
           '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr><w:t>DỰ THẢO</w:t></w:r></w:p>'
           '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    ref.body[0]._p.append(parse_xml(box))
    ref.body[1]._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" DATE "><w:r><w:t>x</w:t></w:r>'
                                    '</w:fldSimple>'))
    d.add_section()
    found = findings(d)
    assert all(f.rule in RULES for f in found)


def test_text_box_fonts_are_checked(letter):
    d, ref = letter
    box = (f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
           '<w:txbxContent><w:p><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>'
           '<w:t>KHẨN</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    ref.body[0]._p.append(parse_xml(box))
    f = the_only(d, "FT-TNR")
    assert "text box" in f.where


def test_mangled_documents_never_raise(letter):
    """Delete random elements of a clean document: only findings or DocumentError, never a crash."""
    from lxml import etree

    d, _ = letter
    data = save(d)
    parts = read_parts(data)
    rng = random.Random(30)
    for _ in range(60):
        root = etree.fromstring(parts["word/document.xml"])
        elements = list(root.iter())
        for el in rng.sample(elements[2:], 5):
            if el.getparent() is not None:
                el.getparent().remove(el)
        mangled = dict(parts)
        mangled["word/document.xml"] = etree.tostring(root)
        result = check_parts(mangled)
        assert all(isinstance(f, Finding) for f in result)


def test_empty_body_gives_findings_not_a_crash():
    parts = read_parts(save(docx.Document()))
    parts["word/document.xml"] = f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'.encode()
    found = check_parts(parts)
    # Issue #12: an empty file is not a công văn with 20 missing parts but one finding saying
    # it is not an administrative document (before: HD-TBL, QH, SO, ... each reported).
    assert [(f.rule, f.severity) for f in found] == [("VB", "error")]


# ------------------------------------------------------------------ hostile inputs

def test_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "a.docx"
    path.write_text("hello")
    with pytest.raises(DocumentError, match="không phải tệp Word"):
        check_docx(path)


def test_old_doc_file_is_explained(tmp_path):
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(DocumentError, match=r"\.doc"):
        check_docx(path)


def test_zip_without_document_is_refused():
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"})
    with pytest.raises(DocumentError, match="document.xml"):
        check_docx(data)


def test_zip_bomb_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("word/document.xml", b"<w:document/>")
        zf.writestr("word/media/bomb.bin", b"\0" * (50 * 1024 * 1024))  # 50 MB → about 50 KB
    with pytest.raises(DocumentError, match="zip bomb"):
        check_docx(buf.getvalue())


def test_xxe_entity_is_not_resolved(tmp_path, letter):
    secret = tmp_path / "secret.txt"
    secret.write_text("MAT-KHAU-BI-MAT")
    d, _ = letter
    evil = _edit_document_xml(save(d), lambda xml: xml.replace(
        "<w:document", f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><w:document', 1
    ).replace("Nơi nhận:", "&xxe;", 1))
    with pytest.raises(DocumentError) as info:
        check_docx(evil)
    assert "DOCTYPE" in str(info.value) and "MAT-KHAU" not in str(info.value)


def test_billion_laughs_is_refused(letter):
    d, _ = letter
    lol = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    evil = _edit_document_xml(save(d), lambda xml: xml.replace("<w:document", lol + "<w:document", 1))
    with pytest.raises(DocumentError):
        check_docx(evil)


def test_broken_xml_is_refused(letter):
    d, _ = letter
    evil = _edit_document_xml(save(d), lambda xml: xml[: len(xml) // 2])
    with pytest.raises(DocumentError, match="XML"):
        check_docx(evil)


# ------------------------------------------------------------------ the command

@pytest.fixture
def files(tmp_path, letter):
    good = tmp_path / "tot.docx"
    good.write_bytes(save(letter[0]))
    bad_doc, _ = build(number="Số: 5/UBND-NV")
    bad = tmp_path / "sai.docx"
    bad.write_bytes(save(bad_doc))
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    return SimpleNamespace(good=good, bad=bad, broken=broken)


def test_cli_exit_codes(cchc, files):
    ok = cchc("check", files.good)
    assert ok.exit_code == 0 and ok.stdout == ""
    assert "1 đạt" in ok.stderr

    bad = cchc("check", files.bad)
    assert bad.exit_code == 1
    line = bad.stdout.strip()
    assert line.startswith(f"{files.bad}: SO: ") and "05" in line

    mixed = cchc("check", files.broken, files.bad, files.good)
    assert mixed.exit_code == 2
    assert f"{files.broken}" in mixed.stderr and "không đọc được" in mixed.stderr
    assert f"{files.bad}: SO:" in mixed.stdout  # the other files were still checked

    missing = cchc("check", files.good.parent / "khong-co.docx")
    assert missing.exit_code == 2 and "không tìm thấy" in missing.stderr


def test_cli_json_report(cchc, files):
    result = cchc("check", "--json", files.good, files.bad, files.broken)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["version"] == 1 and report["draft"] is False
    by_name = {f["file"]: f for f in report["files"]}
    assert by_name[str(files.good)]["status"] == "pass"
    assert by_name[str(files.good)]["kind"] == "công văn"
    bad = by_name[str(files.bad)]
    assert bad["status"] == "fail" and bad["errors"] == 1
    assert bad["findings"][0]["rule"] == "SO" and bad["findings"][0]["reference"].startswith("NĐ 30/2020")
    assert by_name[str(files.broken)]["status"] == "unreadable" and by_name[str(files.broken)]["error"]
    assert report["summary"] == {"files": 3, "passed": 1, "failed": 1, "unreadable": 1,
                                 "errors": 1, "undecided": 0}


def test_cli_draft_and_rules(cchc, tmp_path):
    d, _ = build(number="Số:      /UBND-NV", date="Hương Sơn, ngày      tháng      năm 2024")
    path = tmp_path / "du-thao.docx"
    path.write_bytes(save(d))
    assert cchc("check", path).exit_code == 1
    assert cchc("check", "--draft", path).exit_code == 0
    listing = cchc("check", "--rules")
    assert listing.exit_code == 0
    assert [line.split()[0] for line in listing.stdout.splitlines()] == list(RULES)
    assert cchc("check").exit_code == 2


def test_cli_module_does_not_import_lxml():
    import subprocess
    import sys

    code = "import sys, cchc_docs.cli; print('lxml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_motto_line_drawn_as_a_floating_shape_is_accepted(letter):
    d, ref = letter
    ref.tn_line._p.getparent().remove(ref.tn_line._p)
    line = (f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
            '<v:line from="100pt,0" to="260pt,0" style="position:absolute"/></w:pict></w:r>')
    ref.qh._p.append(parse_xml(line))
    assert findings(d) == []
