"""Builds the committed corpus: `python tests/corpus/build_corpus.py` writes tests/corpus/docs/
NN-name.docx and, beside each, NN-name.json (where its layout came from and the findings a
reviewer expects, by rule id). The texts are in texts.py; the layouts follow the decree's
model forms (Phụ lục III as the legal libraries publish it) and what real files do: lines under
the agency and the Tiêu ngữ drawn as borders or typed as `______`, the signer's placeholder
split over two lines, drafts with blank number and day, an appendix in its own file, files
that are not administrative documents. Defects are put in one at a time, each with its rule.

The expected findings were written by hand from the decree, not read back from the checker.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import docx  # noqa: E402
from docx.enum.text import WD_LINE_SPACING  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Pt, Twips  # noqa: E402
from test_check import LEFT_W, RIGHT_W, TNR, border, borderless, page_field, para, rule_line, save  # noqa: E402

import texts as T  # noqa: E402

SOURCE = ("NĐ 30/2020/NĐ-CP, Phụ lục III, {model} (bố cục mẫu); nội dung viết cho bộ mẫu này")


def _doc(margin_left=1701, letter=False, a4=(11906, 16838)):
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = TNR
    normal.font.size = Pt(14)
    rf = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rf.set(qn("w:eastAsia"), TNR)
    rf.set(qn("w:cs"), TNR)
    normal.paragraph_format.space_after = Pt(0)
    s = d.sections[0]
    s.page_width, s.page_height = (Twips(12240), Twips(15840)) if letter else (Twips(a4[0]), Twips(a4[1]))
    s.top_margin, s.bottom_margin = Twips(1134), Twips(1134)
    s.left_margin, s.right_margin = Twips(margin_left), Twips(1134)
    s.different_first_page_header_footer = True
    page_field(s.header.paragraphs[0])
    return d


def _typed(cell, n, chars="_"):
    return para(cell, chars * n if len(chars) == 1 else chars, 13, align="center")


def header(d, o):
    t = d.add_table(rows=2, cols=2)
    borderless(t)
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Twips(LEFT_W), Twips(RIGHT_W)
    for col, width in zip(t._tbl.tblGrid.gridCol_lst, (LEFT_W, RIGHT_W)):
        col.w = Twips(width)
    c = t.cell(0, 0)
    first = True
    for k, line in enumerate(o["agency"]):
        last = k == len(o["agency"]) - 1
        para(c, line, 13, bold=last, align="center", first_in_cell=first)
        first = False
    issuing = o["agency"][-1]
    if o["agency_line"] == "border":
        rule_line(c, 1300, LEFT_W)
    elif o["agency_line"] == "typed":
        _typed(c, max(6, int(len(issuing) * 0.55)))
    else:
        _typed(c, 0, o["agency_line"])  # the dashes given
    c = t.cell(0, 1)
    para(c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=not o.get("qh_plain"), align="center", first_in_cell=True)
    br = f"\n{o['tn_br']}" if o.get("tn_br") else ""  # the line typed after a line break, same paragraph
    para(c, "Độc lập - Tự do - Hạnh phúc" + br, 13, bold=True, align="center")
    if br:
        pass
    elif o["tn_line"] == "border":
        rule_line(c, 3350, RIGHT_W)
    elif o["tn_line"] == "typed":
        _typed(c, 23)
    else:
        _typed(c, 0, o["tn_line"])
    c = t.cell(1, 0)
    first = True
    if o["number"] is not None:
        para(c, o["number"], 13, align="center", before=3, first_in_cell=True)
        first = False
    if o.get("vv"):
        para(c, o["vv"], 12, align="center", before=6, bold=bool(o.get("vv_bold")), first_in_cell=first)
        first = False
    if o.get("mark"):
        para(c, o["mark"], 13, bold=True, align="center", before=6, first_in_cell=first)
    c = t.cell(1, 1)
    if o["date"] is not None:
        para(c, o["date"], 14, italic=True, align="center", before=3, first_in_cell=True)


def body_para(d, text, o, italic=False):
    p = para(d, "", 14, align=o.get("body_align", "both"), first=o.get("indent", 567), before=6,
             line=None if o.get("at_least") else 1.15)
    if o.get("at_least"):  # `at least 1,2 pt` (a scanner's export): single spacing in effect
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        p.paragraph_format.line_spacing = Pt(o["at_least"])
    lead, rest = "", text
    if text.startswith("Điều ") and ". " in text[:12]:
        lead, rest = text.split(". ", 1)
        lead += ". "
    for chunk, bold in ((lead, True), (rest, False)):
        if chunk:
            r = p.add_run(chunk)
            r.font.size = Pt(14)
            r.bold = bold or None
            r.italic = italic or None
            if o.get("font"):
                r.font.name = o["font"]
    return p


def title(d, o):
    para(d, o["title"], 14, bold=True, align="center", before=12)
    if o.get("subject"):
        para(d, o["subject"], 14, bold=True, align="center")
        if o.get("attached"):
            para(d, o["attached"], 14, italic=True, align="center")
        if o["agency_line"] == "typed":
            para(d, "_" * max(6, int(len(o["subject"]) * 0.4)), 14, align="center")
        else:
            p = para(d, size=2, align="center")
            p.paragraph_format.left_indent = p.paragraph_format.right_indent = Twips(3000)
            border(p)


def kinh_gui(d, o):
    kg = o.get("kg")
    if not kg:
        return
    if isinstance(kg, str):
        if o.get("kg_below"):  # `Kính gửi:` alone, the recipient's field on the next line
            para(d, "Kính gửi:", 14, align="center", before=12)
            para(d, kg, 14, align="center")
            return
        para(d, f"Kính gửi: {kg}", 14, align="center", before=12)
        return
    p = para(d, f"Kính gửi:\t{kg[0]}", 14, before=12)
    p.paragraph_format.left_indent = Twips(3686)
    p.paragraph_format.first_line_indent = Twips(-1418)
    for item in kg[1:]:
        q = para(d, item, 14)
        q.paragraph_format.left_indent = Twips(3686)


def signer(d, o):
    t = d.add_table(rows=1, cols=3 if o.get("sig_margin") else 2)  # a trailing empty column as a margin
    borderless(t)
    left, right = t.cell(0, 0), t.cell(0, 1)
    first = True
    if o["nn"] or o.get("nn_forced"):
        para(left, "Nơi nhận:", 12, bold=True, italic=True, before=12, first_in_cell=True)
        first = False
        for item in o["nn"]:
            para(left, item, 11)
        if not o.get("no_luu"):
            para(left, "- Lưu: VT, VP.", 11)
    elif o.get("party_a"):
        para(left, o["party_a"], 14, bold=True, align="center", before=12, first_in_cell=True)
    rfirst = True
    for line in o["signer"]:
        para(right, line, 14, bold=True, align="center", before=12 if rfirst else 0, first_in_cell=rfirst)
        rfirst = False
    if o.get("split_placeholder"):
        # As drafts and the legal libraries' model forms print it: one placeholder over two lines.
        para(right, "(Chữ ký của người có thẩm quyền,", 14, italic=True, align="center")
        para(right, "dấu/chữ ký số của cơ quan, tổ chức)", 14, italic=True, align="center")
    else:
        for _ in range(3):
            para(right)
    para(right, o["name"], 14, bold=True, align="center")


def appendix(d, o):
    new = d.add_section()
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    new._sectPr.insert(new._sectPr.index(new._sectPr.find(qn("w:pgMar"))) + 1, pg)
    para(d, "Phụ lục", 14, bold=True, align="center")
    para(d, "DANH SÁCH THÀNH VIÊN TỔ CÔNG TÁC", 14, bold=True, align="center")
    para(d, f"(Kèm theo {o['title'].capitalize()} số 12/{o['abbr']}-UBND ngày 05 tháng 3 năm 2026 "
            "của Ủy ban nhân dân huyện)", 14, italic=True, align="center")
    table = d.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for k, text in enumerate(("TT", "Họ và tên", "Chức vụ")):
        table.cell(0, k).text = text


def build(o) -> bytes:
    d = _doc(margin_left=o.get("margin_left", 1701), letter=o.get("letter", False), a4=o.get("a4", (11906, 16838)))
    if o.get("roman"):
        pg = OxmlElement("w:pgNumType")
        pg.set(qn("w:fmt"), "upperRoman")
        s = d.sections[0]._sectPr
        s.insert(s.index(s.find(qn("w:pgMar"))) + 1, pg)
    header(d, o)
    if o.get("draft_box"):
        box = d.add_table(rows=1, cols=1)
        box.style = "Table Grid"
        para(box.cell(0, 0), "Dự thảo", 13, bold=True, align="center", first_in_cell=True)
    if o.get("title"):
        title(d, o)
    kinh_gui(d, o)
    for b in o.get("bases", ()):
        body_para(d, b, o, italic=not o.get("bases_plain"))
    if o.get("enact"):
        para(d, o["enact"], 14, bold=True, align="center", before=6)
    for text in o["body"]:
        body_para(d, text, o)
    signer(d, o)
    if o.get("appendix"):
        appendix(d, o)
    return save(d)


def appendix_file(heading="Phụ lục I") -> bytes:
    """An appendix sent as its own file (as the decree's Phụ lục I–VI are published)."""
    d = _doc()
    para(d, heading, 14, bold=True, align="center")
    para(d, "LỊCH KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2026", 14, bold=True, align="center")
    para(d, "(Kèm theo Kế hoạch số 15/KH-UBND", 14, italic=True, align="center")
    para(d, "ngày 10 tháng 3 năm 2026 của Ủy ban nhân dân huyện Hương Sơn)", 14, italic=True, align="center")
    para(d, "____________", 14, align="center")
    table = d.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate((("TT", "Đơn vị", "Thời gian"), ("1", "Xã Sơn Tây", "Tháng 4"),
                             ("2", "Xã Sơn Kim 1", "Tháng 5"))):
        for k, text in enumerate(row):
            table.cell(r, k).text = text
    return save(d)


def not_a_document() -> bytes:
    d = _doc()
    for k, text in enumerate(T.NOT_A_DOCUMENT):
        para(d, text, 14, bold=k == 0)
    return save(d)


def form_file(number: str | None = None) -> bytes:
    """An individual's application (đơn, tờ khai) or a contract template: Quốc hiệu and Tiêu
    ngữ first, nothing where an issuing agency stands (a `Số: …` line under the title or not)."""
    d = _doc()
    para(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True, align="center")
    para(d, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, align="center")
    para(d, "────────────────", 13, align="center")
    para(d, T.FORM[0], 14, bold=True, align="center", before=12)
    if number:
        para(d, number, 13, align="center")
    for text in T.FORM[1:]:
        para(d, text, 14, align="both", before=6)
    para(d, "Sơn Tây, ngày …… tháng …… năm ……", 14, italic=True, align="center", before=12)
    para(d, "NGƯỜI LÀM ĐƠN", 14, bold=True, align="center")
    para(d, "(Ký, ghi rõ họ tên)", 14, italic=True, align="center")
    return save(d)


def party_file() -> bytes:
    """A Party document: `ĐẢNG CỘNG SẢN VIỆT NAM` where the Quốc hiệu stands (Hướng dẫn 36-HD/VPTW)."""
    d = _doc()
    left, right, name, subject, body = T.PARTY
    t = d.add_table(rows=1, cols=2)
    borderless(t)
    for col, lines in enumerate((left, right)):
        for k, line in enumerate(lines):
            para(t.cell(0, col), line, 14 if col else 13, bold=k == 0 and col == 1 or k == 1 and col == 0,
                 italic=col == 1 and k == 1, align="center", first_in_cell=k == 0)
    para(d, name, 15, bold=True, align="center", before=12)
    para(d, subject, 14, bold=True, align="center")
    body_para(d, body, {})
    return save(d)


def phieu_trinh_file() -> bytes:
    """The Văn phòng's internal `PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC`: header, then a grid of boxes."""
    o, _ = base("to-trinh", 1)
    o.update(number="Số: 15/PT-VP", title=None, kg=None, body=(), signer=(), nn=())
    d = _doc()
    header(d, o)
    title_, points, box = T.PHIEU_TRINH
    para(d, title_, 14, bold=True, align="center", before=12)
    for text in points:
        para(d, text, 14, align="both", before=6)
    t = d.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    for k, text in enumerate(box):
        para(t.cell(0, 1), text, 14, bold=k == 0, italic=k == 1, align="center", first_in_cell=k == 0)
    return save(d)


MODELS = {"nghi-quyet": "Mẫu 1.1", "quyet-dinh": "Mẫu 1.2", "cong-dien": "Mẫu 1.6", "giay-moi": "Mẫu 1.7",
          "giay-gioi-thieu": "Mẫu 1.8", "bien-ban": "Mẫu 1.9", "giay-nghi-phep": "Mẫu 1.10"}
LAYOUTS = (
    ("agency and Tiêu ngữ lines drawn as paragraph borders (as Word users and this project draw them)",
     {"agency_line": "border", "tn_line": "border"}),
    ("agency and Tiêu ngữ lines typed as underscores `______` (as the legal libraries' model forms do)",
     {"agency_line": "typed", "tn_line": "typed"}),
    ("typed agency line, drawn Tiêu ngữ line; the signer's placeholder split over two lines",
     {"agency_line": "typed", "tn_line": "border", "split_placeholder": True}),
    ("draft for signature: blank number and day (`Số:      /…`, `ngày      tháng 3 năm 2026`), checked with --draft",
     {"agency_line": "border", "tn_line": "typed", "draft": True}),
)


def base(slug: str, k: int) -> tuple[dict, str]:
    """The clean document of type `slug` in layout k % 4, and its layout's description."""
    layout, opts = LAYOUTS[k % len(LAYOUTS)]
    name = T.NAMES[k % len(T.NAMES)]
    if slug == "cong-van":
        o = {"agency": T.AGENCY_UBND, "abbr": None, "number": "Số: 125/UBND-NV", "vv": T.CONG_VAN["vv"],
             "title": None, "kg": T.CONG_VAN["kg"], "body": T.CONG_VAN["body"], "signer": T.TM,
             "nn": ("- Như trên;", "- Sở Nội vụ (để b/c);"), "name": name}
    else:
        title_, abbr, subject, bases, body, sig, nn, kg = T.TYPES[slug]
        agency = T.AGENCY_UBND if k % 2 else T.AGENCY
        o = {"agency": agency, "abbr": abbr, "title": title_, "subject": subject, "body": body,
             "signer": sig, "nn": nn, "kg": kg, "name": name,
             "number": f"Số: {12 + k}/{abbr}-UBND" if abbr else None}
        if bases:
            o["bases"] = T.BASES
            o["enact"] = {"NGHỊ QUYẾT": "QUYẾT NGHỊ:", "QUYẾT ĐỊNH": "QUYẾT ĐỊNH:"}[title_]
        if slug in ("quy-che", "quy-dinh") and k % 2 == 0:
            # Issued by a decision: `(Ban hành kèm theo Quyết định số …)`, no number of its own.
            o["attached"] = "(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 20 tháng 3 năm 2026 của Ủy ban nhân dân xã)"
            o["number"] = None
        if slug in ("hop-dong", "ban-ghi-nho", "ban-thoa-thuan"):
            o["party_a"] = "ĐẠI DIỆN BÊN A"
        if slug == "bien-ban":
            o["nn"] = T.NN_PLAIN
    o["date"] = None if slug == "bien-ban" or o.get("attached") else f"{T.PLACE}, ngày 0{1 + k % 9} tháng 3 năm 2026"
    o.update(opts)
    if o.get("draft"):
        if o["number"]:
            o["number"] = o["number"].split(":")[0] + ":      /" + o["number"].split("/", 1)[1]
        if o["date"]:
            o["date"] = f"{T.PLACE}, ngày      tháng 3 năm 2026"
    return o, layout


# One defect at a time: (name, what changes, the rule a reviewer expects to fire).
DEFECTS = {
    "so-khong-so-0": (lambda o: o.update(number=o["number"].replace(o["number"].split(":")[1].split("/")[0], " 5")),
                      "SO"),
    "ngay-khong-so-0": (lambda o: o.update(date=f"{T.PLACE}, ngày 5 tháng 3 năm 2026"), "DT"),
    "thang-3-them-0": (lambda o: o.update(date=f"{T.PLACE}, ngày 15 tháng 03 năm 2026"), "DT"),
    "quoc-hieu-khong-dam": (lambda o: o.update(qh_plain=True), "QH"),
    "tieu-ngu-net-dut": (lambda o: o.update(tn_line="- - - - - - - - - - - -"), "TN"),
    "co-quan-gach-ngang": (lambda o: o.update(agency_line="----------"), "CQ"),
    "noi-dung-can-trai": (lambda o: o.update(body_align="left"), "BD"),
    "thieu-dong-luu": (lambda o: o.update(no_luu=True), "NN"),
    "hoc-vi-truoc-ten": (lambda o: o.update(name="TS. " + o["name"]), "SG"),
    "pho-khong-kt": (lambda o: o.update(signer=("TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH")), "SG"),
    "phong-arial": (lambda o: o.update(font="Arial"), "FT-TNR"),
    "le-trai-20mm": (lambda o: o.update(margin_left=1134), "PG-MAR"),
    "kho-letter": (lambda o: o.update(letter=True), "PG-A4"),
    "can-cu-khong-nghieng": (lambda o: o.update(bases_plain=True), "CC"),
    "khong-dau": (lambda o: o.update(body=(*o["body"][:-1], T.NO_MARKS)), "DAU"),
    "khong-dau-phuc-dap": (lambda o: o.update(body=(T.NO_MARKS_REPLY,)), "DAU"),
    "viet-hoa-sai": (lambda o: o.update(body=(o["body"][0].replace("Ủy ban nhân dân", "Ủy Ban Nhân Dân"),
                                              *o["body"][1:])), "HOA"),
    "dieu-dau-hai-cham": (lambda o: o.update(body=tuple(b.replace("Điều 2.", "Điều 2:") for b in o["body"])), "DM"),
    "so-trang-la-ma": (lambda o: o.update(roman=True), "PN-1"),
    "dau-khan-chu-thuong": (lambda o: o.update(mark="Khẩn"), "KM"),
    "thieu-kinh-gui": (lambda o: o.update(kg=None), "KG"),
    "vv-in-dam": (lambda o: o.update(vv_bold=True), "VV"),
    "phu-luc-khong-dan": (lambda o: o.update(appendix=True), "PL"),
}
# Which type each defect is put into (a defect only some types can have goes where it can).
PLAN = (
    ("cong-van", "so-khong-so-0"), ("bao-cao", "ngay-khong-so-0"), ("ke-hoach", "thang-3-them-0"),
    ("thong-bao", "quoc-hieu-khong-dam"), ("to-trinh", "tieu-ngu-net-dut"), ("chuong-trinh", "co-quan-gach-ngang"),
    ("huong-dan", "noi-dung-can-trai"), ("giay-moi", "thieu-dong-luu"), ("phuong-an", "hoc-vi-truoc-ten"),
    ("de-an", "pho-khong-kt"), ("du-an", "phong-arial"), ("chi-thi", "le-trai-20mm"),
    ("thong-cao", "kho-letter"), ("nghi-quyet", "can-cu-khong-nghieng"), ("giay-nghi-phep", "khong-dau"),
    ("cong-dien", "viet-hoa-sai"), ("quyet-dinh", "dieu-dau-hai-cham"), ("bao-cao", "so-trang-la-ma"),
    ("cong-van", "dau-khan-chu-thuong"), ("to-trinh", "thieu-kinh-gui"), ("cong-van", "vv-in-dam"),
    ("cong-van", "thieu-kinh-gui"), ("thong-bao", "phu-luc-khong-dan"), ("cong-van", "khong-dau-phuc-dap"),
)


def specs():
    """(file stem, options or a builder, metadata) for every document of the corpus."""
    out = []
    slugs = ["cong-van", *T.TYPES]
    for k, slug in enumerate(slugs):
        for variant in (0, 1):
            o, layout = base(slug, k + variant)
            model = MODELS.get(slug, "Mẫu 1.5" if slug == "cong-van" else "Mẫu 1.4")
            out.append((f"{slug}-{variant + 1}", o, {"type": slug, "layout": layout, "draft": bool(o.get("draft")),
                                                    "source": SOURCE.format(model=model), "expected": []}))
    qd, layout = base("quyet-dinh", 1)
    qd["appendix"] = True
    qd["body"] = (*qd["body"][:-1], qd["body"][-1].replace("tại Điều 1", "tại Điều 1 và Phụ lục kèm theo"))
    out.append(("quyet-dinh-phu-luc", qd, {"type": "quyet-dinh", "layout": layout + "; appendix in a new section "
                                           "numbered from 1", "draft": False, "expected": [],
                                           "source": SOURCE.format(model="Mẫu 1.2 và Mẫu 2.1")}))
    for n, (slug, defect) in enumerate(PLAN):
        o, layout = base(slug, 4 * n + 1 + n % 2)  # layouts 1 and 2: not drafts, dates and numbers filled
        change, rule_id = DEFECTS[defect]
        change(o)
        out.append((f"loi-{defect}-{slug}", o, {"type": slug, "layout": layout, "draft": False,
                                                "defect": defect, "expected": [rule_id],
                                                "source": SOURCE.format(model=MODELS.get(slug, "Mẫu 1.4"))}))
    out.append(("phu-luc-tep-rieng", appendix_file, {
        "type": "phu-luc", "layout": "appendix in its own file: `Phụ lục I`, title, `(Kèm theo …` split over two "
        "lines, typed line, a table (as the decree's own Phụ lục I–VI files are laid out)", "draft": False,
        "expected": [], "source": "NĐ 30/2020/NĐ-CP, Phụ lục III, Mẫu 2.1; bố cục các tệp Phụ lục của Nghị định"}))
    out.append(("phu-luc-tep-rieng-viet-hoa", lambda: appendix_file("PHỤ LỤC I"), {
        "type": "phu-luc", "layout": "appendix file whose heading is typed in capitals", "draft": False,
        "defect": "phu-luc-in-hoa", "expected": ["PL"], "source": "NĐ 30/2020/NĐ-CP, Phụ lục I, mục III.1.b"}))
    # Layouts of the real files measured for issue #12 (UBND tỉnh, citizens' forms, Party
    # committees), texts written here: each was a class of false alarms.
    qd, layout = base("quyet-dinh", 1)
    qd.update(bases=T.BASES_AMENDED, indent=709, a4=(11900, 16840), draft_box=True, at_least=1.2)
    out.append(("quyet-dinh-bo-cuc-thuc-te", qd, {
        "type": "quyet-dinh", "layout": layout + "; a `Dự thảo` box (one-cell table) between header and title; "
        "body indented 1,25 cm; page 11900 × 16840 twips; a law and its amending law on one `Căn cứ` line; "
        "last basis `Theo Tờ trình …`; line spacing `at least 1,2 pt` (as a provincial UBND's drafts are)",
        "draft": False, "expected": [], "source": SOURCE.format(model="Mẫu 1.2")}))
    dl, layout = base("quy-che", 2)
    dl.update(title=T.DIEU_LE[0], subject=T.DIEU_LE[1], attached=T.DIEU_LE[2], number=None, date=None, nn=())
    out.append(("dieu-le-kem-quyet-dinh", dl, {
        "type": "khong-xac-dinh", "layout": layout + "; an `ĐIỀU LỆ` (not a Decree 30 name) issued with a "
        "decision: `(Kèm theo Quyết định …)` under its title, no number, date or Nơi nhận of its own",
        "draft": False, "expected": [], "source": SOURCE.format(model="Mẫu 1.3")}))
    # Blank model forms and generator templates (layout of a complaint-handling system's forms):
    # blanks and fields stand where the agency, number, date, recipient and signer are written.
    tb, layout = base("thong-bao", 1)
    tb.update(agency=("(1)……………………………", "(2)……………………………"), number="Số: ……/TB-……(3)",
              date="……(4)……, ngày …… tháng …… năm ……", agency_line="border")
    cv, _ = base("cong-van", 2)
    cv.update(number="Số: ${KH}", date=f"{T.PLACE}, ngày ${{D}} tháng ${{M}} năm ${{Y}}", kg="${KG};",
              kg_below=True, name="${LD}", vv="V/v xử lý ${VV}")
    qd, _ = base("quyet-dinh", 1)
    qd.update(number="Số: «SoQD»/QĐ-UBND", date=f"{T.PLACE}, ngày {{{{ ngay }}}} tháng {{{{ thang }}}} năm 2026",
              name="{{ nguoi_ky }}", subject="{{ TRICH_YEU }}", sig_margin=True)
    for stem, o, what, slug in (
            ("mau-o-trong-danh-so", tb, "; a model form: the agency lines are footnote-numbered blanks "
             "`(1)……………`, `(2)……………`, number and date left blank", "thong-bao"),
            ("mau-truong-${}", cv, "; a generator's template: `Số: ${KH}`, `ngày ${D} tháng ${M} năm ${Y}`, "
             "`Kính gửi:` then `${KG};` on the next line, signer `${LD}`", "cong-van"),
            ("mau-truong-tron-thu", qd, "; a mail-merge template: `Số: «SoQD»/QĐ-UBND`, "
             "`ngày {{ ngay }} tháng {{ thang }}`, trích yếu `{{ TRICH_YEU }}`, signer `{{ nguoi_ky }}` in the "
             "middle of three columns (an empty one right of it)", "quyet-dinh")):
        out.append((stem.replace("${}", "bien"), o, {"type": slug, "layout": layout + what, "draft": True,
                                                     "expected": [], "source": SOURCE.format(model=MODELS.get(
                                                         slug, "Mẫu 1.5" if slug == "cong-van" else "Mẫu 1.4"))}))
    for stem, build_, what in (
            ("don-ca-nhan", form_file, "an individual's application (đơn): Quốc hiệu, Tiêu ngữ, `Sinh ngày:`, "
             "`Số điện thoại:`, `Số định danh cá nhân/CCCD:` fields, no agency, no number"),
            ("don-co-so", lambda: form_file("Số: {{so_don}}/ĐN"), "the same application made a template: a "
             "`Số: {{so_don}}/ĐN` field under the title, still no agency (as contract templates are)"),
            ("van-ban-cua-dang", party_file, "a Party committee's resolution: `ĐẢNG CỘNG SẢN VIỆT NAM` in place "
             "of the Quốc hiệu, `Số 04-NQ/CB` (Hướng dẫn 36-HD/VPTW, not Decree 30)"),
            ("phieu-trinh", phieu_trinh_file, "the Văn phòng's internal `PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC` with "
             "the UBND header and a grid of opinion boxes")):
        out.append((stem, build_, {"type": "khong-phai-van-ban", "layout": what, "draft": False,
                                   "expected": ["VB"], "source": "bố cục tệp thật (issue #12); nội dung viết cho "
                                   "bộ mẫu này"}))
    out.append(("khong-phai-van-ban", not_a_document, {
        "type": "khong-phai-van-ban", "layout": "meeting notes: no header, no number, no signer", "draft": False,
        "expected": ["VB"], "source": "ghi chép viết cho bộ mẫu này"}))
    return out


def main(dest: Path = HERE / "docs") -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("*"):
        old.unlink()
    written = []
    for k, (stem, o, meta) in enumerate(specs(), 1):
        data = o() if callable(o) else build(o)
        path = dest / f"{k:02d}-{stem}.docx"
        path.write_bytes(data)
        path.with_suffix(".json").write_text(json.dumps({"file": path.name, **meta}, ensure_ascii=False, indent=2)
                                             + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    print(f"{len(main())} documents in {HERE / 'docs'}")
