"""Units of 2025 and before: `cchc init --province/--agency/--commune`, headers per level,
and `cchc validate` flagging codes of the other list with their successor."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import pytest

from cchc_docs.errors import InputError
from cchc_docs.units import catalogue
from cchc_docs.units.headers import header_lines
from cchc_docs.vn.text import strip_diacritics

pytest.importorskip("vietnam_provinces")

# Published counts (Nghị quyết 202/2025/QH15 and the UBTVQH resolutions of June 2025).
PUBLISHED = {"Hà Tĩnh": (69, {"xã": 60, "phường": 9}),
             "Hà Nội": (126, {"xã": 75, "phường": 51}),
             "Hồ Chí Minh": (168, {"xã": 54, "phường": 113, "đặc khu": 1})}


def _communes(root: Path) -> list[dict]:
    with open(root / "data" / "communes.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _cells(root: Path) -> list[str]:
    doc = docx.Document(str(root / "output" / "cong-van-don-doc.docx"))
    return [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]


def _letter_header(cchc, root: Path) -> list[str]:
    result = cchc("letter", "-w", root)
    assert result.exit_code == 0, result.stderr
    path = Path(result.stdout.strip())
    checked = cchc("check", "--draft", path)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    table = docx.Document(str(path)).tables[0]
    return [table.rows[0].cells[0].text, table.rows[1].cells[0].text.split("\n")[0], table.rows[1].cells[1].text]


def test_catalogue_has_the_34_provinces_and_3321_units():
    assert len(catalogue.provinces()) == 34
    assert len(catalogue.all_communes()) == 3321
    assert catalogue.all_communes()["18196"].name == "Sơn Kim 1"
    # Codes changed meaning at the reform: the same code, two units.
    assert catalogue.legacy_communes()["18160"].name == "Sơn Lĩnh"
    assert catalogue.all_communes()["18160"].name == "Sơn Hồng"


@pytest.mark.parametrize("spelling", ["Ha Tinh", "hà tĩnh", "Hà Tỉnh", "tỉnh Hà Tĩnh", "42", "HaTinh", "Tp. Ha Tinh"])
def test_province_names_match_whatever_the_tone_marks(spelling):
    assert catalogue.find_province(spelling).name == "Hà Tĩnh"


@pytest.mark.parametrize("province", list(PUBLISHED))
def test_init_province_lists_the_published_units_and_its_letter_passes(cchc, tmp_path, province):
    root = tmp_path / "ws"
    result = cchc("init", root, "--province", province, "--year", "2026")
    assert result.exit_code == 0, result.stderr
    total, by_type = PUBLISHED[province]
    rows = _communes(root)
    assert len(rows) == total
    assert {t: sum(r["type"] == t for r in rows) for t in by_type} == by_type
    assert f"{total} đơn vị" in result.stderr
    assert 'units = "2025-07"' in (root / "cchc.toml").read_text(encoding="utf-8")
    header, number, date_line = _letter_header(cchc, root)
    p = catalogue.find_province(province)
    assert header == f"ỦY BAN NHÂN DÂN\n{p.title.upper()}\n"  # no chủ quản line
    assert number == "Số:      /UBND-NV"
    place = "Thành phố Hồ Chí Minh" if province == "Hồ Chí Minh" else province
    assert date_line == f"{place}, ngày      tháng      năm 2026"


def test_init_agency_gives_the_department_under_its_committee(cchc, tmp_path):
    root = tmp_path / "snv"
    result = cchc("init", root, "--province", "Ha Tinh", "--agency", "Sở Nội vụ", "--year", "2026")
    assert result.exit_code == 0, result.stderr
    assert len(_communes(root)) == 69
    header, number, date_line = _letter_header(cchc, root)
    assert header == "UBND TỈNH HÀ TĨNH\nSỞ NỘI VỤ\n"
    assert number == "Số:      /SNV-CCHC"
    assert date_line == "Hà Tĩnh, ngày      tháng      năm 2026"
    texts = [p.text for p in docx.Document(str(root / "output" / "cong-van-don-doc.docx")).paragraphs]
    assert any("Kế hoạch CCHC năm 2026 của Ủy ban nhân dân tỉnh Hà Tĩnh" in t for t in texts)
    assert any(t.startswith("1. Ủy ban nhân dân các xã, phường tập trung") for t in texts)
    assert "- Lưu: VT, CCHC." in texts[-5:] or any(t == "- Lưu: VT, CCHC." for t in _cells(root))


def test_init_commune_addresses_its_villages_and_forms_work(cchc, tmp_path):
    villages = tmp_path / "thon.csv"
    villages.write_text("code,name,type\n01,Kim Lộc,thôn\n02,Kim Thọ,thôn\n03,Trung Tâm,tổ dân phố\n", encoding="utf-8")
    root = tmp_path / "sk1"
    result = cchc("init", root, "--province", "Hà Tĩnh", "--commune", "son kim 1", "--villages", villages,
                  "--year", "2026")
    assert result.exit_code == 0, result.stderr
    assert [r["name"] for r in _communes(root)] == ["Kim Lộc", "Kim Thọ", "Trung Tâm"]
    header, number, date_line = _letter_header(cchc, root)
    assert header == "ỦY BAN NHÂN DÂN\nXÃ SƠN KIM 1\n"
    assert number == "Số:      /UBND-VP"
    assert date_line == "Xã Sơn Kim 1, ngày      tháng      năm 2026"  # named by a number: full name
    letter = docx.Document(str(root / "output" / "cong-van-don-doc.docx"))
    texts = [p.text for p in letter.paragraphs]
    assert any(t.startswith("1. Các thôn, tổ dân phố tập trung") for t in texts)
    # Findings for a thôn give it a form in its own name, under the commune's committee.
    (root / "data" / "findings.csv").write_text("commune,indicator,value,note\nKim Lộc,ke-hoach,x,\n", encoding="utf-8")
    forms = cchc("forms", "-w", root, "--only", "Kim Lộc", "--format", "docx")
    assert forms.exit_code == 0, forms.stderr
    form = docx.Document(str(root / "output" / "forms" / "kim-loc.docx"))
    assert form.tables[0].rows[0].cells[0].text == "UBND XÃ SƠN KIM 1\nTHÔN KIM LỘC\n"
    assert "TRƯỞNG THÔN" in form.tables[-1].rows[0].cells[1].text
    assert cchc("check", "--draft", root / "output" / "forms" / "kim-loc.docx").exit_code == 0


def test_unknown_province_exits_2_with_suggestions_and_writes_nothing(cchc, tmp_path):
    result = cchc("init", tmp_path / "x", "--province", "Hà Tây")
    assert result.exit_code == 2
    assert "không có tỉnh, thành phố 'Hà Tây'" in result.stderr and "có phải: Hà Tĩnh?" in result.stderr
    assert not (tmp_path / "x").exists()
    result = cchc("init", tmp_path / "y", "--province", "Hà Tĩnh", "--commune", "Sơn Long")
    assert result.exit_code == 2
    assert "nay thuộc xã Tứ Mỹ (18202)" in result.stderr  # a pre-2025 commune: its successor
    assert not (tmp_path / "y").exists()


def test_a_2024_code_in_a_2025_workspace_is_flagged_with_its_successor(cchc, tmp_path):
    root = tmp_path / "ws"
    assert cchc("init", root, "--province", "Hà Tĩnh", "--year", "2026").exit_code == 0
    path = root / "data" / "communes.csv"
    text = path.read_text(encoding="utf-8").replace("18160,Sơn Hồng,xã", "18160,Sơn Lĩnh,xã")
    path.write_text(text + "18178,Sơn Châu,xã\n", encoding="utf-8")
    findings = root / "data" / "findings.csv"
    findings.write_text(findings.read_text(encoding="utf-8").replace("Sơn Hồng,", "18160,"), encoding="utf-8")
    result = cchc("validate", "-w", root)
    assert result.exit_code == 0, result.stderr  # data still readable: warnings, not errors
    assert ("communes.csv, dòng " in result.stderr
            and "mã 18160 (Sơn Lĩnh) là mã của danh mục trước 1/7/2025; trong danh mục 2025-07 mã này là "
                "xã Sơn Hồng" in result.stderr)
    assert "mã 18178 (Sơn Châu)" in result.stderr and "xã Tứ Mỹ (18202)" in result.stderr


def test_a_pre_2025_name_in_findings_suggests_its_2025_commune(cchc, tmp_path):
    root = tmp_path / "ws"
    assert cchc("init", root, "--province", "Hà Tĩnh", "--year", "2026").exit_code == 0
    with open(root / "data" / "findings.csv", "a", encoding="utf-8") as fh:
        fh.write("Sơn Long,ke-hoach,x,\n")
    result = cchc("validate", "-w", root)
    assert result.exit_code == 2
    assert "'Sơn Long' là đơn vị trước 1/7/2025" in result.stderr and "nay thuộc xã Tứ Mỹ (18202)" in result.stderr


def test_the_2024_sample_matches_the_official_list_of_its_time(cchc, ws):
    assert 'units = "legacy"' in (ws / "cchc.toml").read_text(encoding="utf-8")
    result = cchc("validate", "-w", ws)
    assert result.exit_code == 0 and "Cảnh báo" not in result.stderr, result.stderr
    legacy = catalogue.legacy_communes()
    for row in _communes(ws):
        assert legacy[row["code"]].name == row["name"]


def test_second_sample_is_chosen_with_sample(cchc, tmp_path):
    root = tmp_path / "ht"
    result = cchc("init", root, "--sample", "ha-tinh-2026")
    assert result.exit_code == 0, result.stderr
    assert len(_communes(root)) == 69
    assert cchc("validate", "-w", root).exit_code == 0
    header, number, _ = _letter_header(cchc, root)
    assert header == "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n"
    bad = cchc("init", tmp_path / "z", "--sample", "nope")
    assert bad.exit_code == 2 and "huong-son-2024, ha-tinh-2026" in bad.stderr


@pytest.mark.parametrize("name, lines", [
    ("ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN", ["ỦY BAN NHÂN DÂN", "HUYỆN HƯƠNG SƠN"]),
    ("UBND HUYỆN HƯƠNG SƠN", ["UBND HUYỆN HƯƠNG SƠN"]),
    ("UBND THÀNH PHỐ HỒ CHÍ MINH", ["UBND THÀNH PHỐ", "HỒ CHÍ MINH"]),
    ("SỞ NỘI VỤ", ["SỞ NỘI VỤ"]),
])
def test_agency_names_break_between_words_of_meaning(name, lines):
    assert header_lines(name) == lines


def test_commune_report_addresses_villages_not_committees(cchc, tmp_path):
    root = tmp_path / "sk1"
    assert cchc("init", root, "--province", "Hà Tĩnh", "--commune", "Sơn Kim 1", "--year", "2026").exit_code == 0
    (root / "data" / "findings.csv").write_text("commune,indicator,value,note\nĐông Hà,ke-hoach,x,\n"
                                                "Tây Hà,tthc-qua-han,3,\n", encoding="utf-8")
    (root / "data" / "results").mkdir()
    forms = cchc("forms", "-w", root, "--only", "Đông Hà", "--format", "xlsx")
    assert forms.exit_code == 0, forms.stderr
    import openpyxl

    path = root / "output" / "forms" / "dong-ha.xlsx"
    wb = openpyxl.load_workbook(path)
    wb.active["E7"] = "Đã khắc phục"
    wb.save(root / "data" / "results" / "dong-ha.xlsx")
    result = cchc("report", "-w", root)
    assert result.exit_code == 0, result.stderr
    texts = [p.text for p in docx.Document(str(root / "output" / "bao-cao-tong-hop.docx")).paragraphs]
    assert any("yêu cầu các thôn, tổ dân phố, bản tập trung" in t for t in texts), texts
    assert any("Đề nghị thôn Tây Hà khẩn trương" in t for t in texts)
    assert not any("Ủy ban nhân dân thôn" in t or "Ủy ban nhân dân các thôn" in t for t in texts)


def test_excel_form_prints_one_page_wide_with_borders(cchc, ws):
    import openpyxl

    assert cchc("forms", "-w", ws, "--only", "Sơn Long", "--format", "xlsx").exit_code == 0
    sheet = openpyxl.load_workbook(ws / "output" / "forms" / "son-long.xlsx").active
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == \
        ("landscape", 1, 0)
    assert sheet.print_title_rows == "$6:$6"
    assert all(sheet.cell(r, c).border.left.style == "thin" for r in (6, 7) for c in range(1, 8))


def test_init_refuses_what_it_cannot_mean(cchc, tmp_path):
    bad = cchc("init", tmp_path / "a", "--province", "Hà Tĩnh", "--agency", "Công an tỉnh")
    assert bad.exit_code == 2 and "không có cơ quan 'Công an tỉnh'" in bad.stderr
    bad = cchc("init", tmp_path / "b", "--commune", "Sơn Kim 1")
    assert bad.exit_code == 2 and "--agency và --commune cần --province" in bad.stderr
    villages = tmp_path / "v.csv"
    villages.write_text("code,name,type\n01,Sơn Hồng,xã\n", encoding="utf-8")
    bad = cchc("init", tmp_path / "c", "--province", "Hà Tĩnh", "--commune", "Sơn Kim 1", "--villages", villages)
    assert bad.exit_code == 2 and "'xã Sơn Hồng' không phải thôn, tổ dân phố" in bad.stderr
    bad = cchc("init", tmp_path / "d", "--province", "Hà Tĩnh", "--villages", villages)
    assert bad.exit_code == 2 and "--villages chỉ dùng cùng --commune" in bad.stderr
    assert not any((tmp_path / d).exists() for d in "abcd")


def test_lineage_successors_are_in_the_2025_list_with_their_published_names():
    import csv as _csv

    with open(Path(catalogue.__file__).parent / "data" / "lineage-2024-2025.csv", encoding="utf-8") as fh:
        lineage = list(_csv.DictReader(fh))
    now = catalogue.all_communes()
    assert len(lineage) == 64
    for row in lineage:
        assert now[row["code_2025_07"]].name == row["name_2025_07"], row


def test_codes_of_the_2024_sample_that_mean_other_communes_today(ws):
    # The issue says five; the published lists give six (18223 was Sơn Trường, is Kim Hoa).
    now = catalogue.all_communes()
    changed = sorted(r["code"] for r in _communes(ws) if r["code"] in now and now[r["code"]].name != r["name"])
    assert changed == ["18133", "18160", "18163", "18184", "18202", "18223"]


def test_a_return_with_a_2024_code_in_a_2025_workspace_names_its_successor(cchc, tmp_path, ws):
    root = tmp_path / "ht"
    assert cchc("init", root, "--sample", "ha-tinh-2026").exit_code == 0
    # An old form of 2024 (xã Sơn Châu, 18178) sent back in the 2026 campaign.
    old = cchc("forms", "-w", ws, "--only", "Sơn Châu", "--format", "xlsx")
    assert old.exit_code == 0, old.stderr
    import shutil

    shutil.copy(ws / "output" / "forms" / "son-chau.xlsx", root / "data" / "results" / "son-chau.xlsx")
    result = cchc("results", "-w", root)
    assert "mã đơn vị '18178' không có trong danh sách đơn vị" in result.stderr
    assert "mã 18178 là xã Sơn Châu của danh mục trước 1/7/2025, nay thuộc xã Tứ Mỹ (18202)" in result.stderr


def test_an_option_is_named_as_an_option_not_a_column(cchc, tmp_path):
    result = cchc("init", tmp_path / "x", "--province", "Hà Tây")
    assert result.exit_code == 2
    assert "Lỗi: tùy chọn '--province': không có tỉnh, thành phố 'Hà Tây'" in result.stderr
    assert "cột '--province'" not in result.stderr and not (tmp_path / "x").exists()


def _library_letter(root: Path) -> tuple[list[str], str, str]:
    """The letter of a workspace through the library (fast enough for 34 provinces),
    checked as `cchc check --draft` does; returns its header cell lines, number, date line."""
    import io

    from cchc_docs.check.api import check_docx
    from cchc_docs.pipeline import Session

    data = Session(root).render_letter()
    errors = [f for f in check_docx(data, draft=True) if f.severity == "error"]
    assert not errors, errors
    table = docx.Document(io.BytesIO(data)).tables[0]
    return (table.rows[0].cells[0].text.split("\n")[:-1], table.rows[1].cells[0].text.split("\n")[0],
            table.rows[1].cells[1].text)


@pytest.mark.parametrize("province", [f"{n:02d}" for n in (1, 4, 8, 11, 12, 14, 15, 19, 20, 22, 24, 25, 31, 33, 37, 38, 40, 42, 44, 46, 48, 51, 52, 56, 66, 68, 75, 79, 80, 82, 86, 91, 92, 96)])
def test_every_2025_province_gets_a_workspace_whose_letter_passes(tmp_path, province):
    from cchc_docs import workspace

    p = next(x for x in catalogue.provinces() if x.code == province)
    spelling = strip_diacritics(f"{'TP.' if p.type == 'thành phố' else 'tỉnh'} {p.name}").lower()
    root = tmp_path / "ws"
    workspace.init(root, province=spelling, year=2026)
    rows = _communes(root)
    assert [r["code"] for r in rows] == [u.code for u in catalogue.communes(p.code)]
    lines, number, date_line = _library_letter(root)
    assert lines == ["ỦY BAN NHÂN DÂN", f"{p.type} {p.name}".upper()]  # no chủ quản line
    assert number == "Số:      /UBND-NV"
    place = "Thành phố Hồ Chí Minh" if p.name == "Hồ Chí Minh" else p.name
    assert date_line == f"{place}, ngày      tháng      năm 2026"


@pytest.mark.parametrize("old, now, how", [("Thừa Thiên Huế", "thành phố Huế", "1/1/2025, nay đổi tên thành"),
                                           ("vinh phuc", "tỉnh Phú Thọ", "1/7/2025, nay hợp nhất vào"),
                                           ("Tỉnh Bà Rịa - Vũng Tàu", "thành phố Hồ Chí Minh", "1/7/2025, nay hợp nhất vào"),
                                           ("BR-VT", "thành phố Hồ Chí Minh", "1/7/2025, nay hợp nhất vào"),
                                           ("Kontum", "tỉnh Quảng Ngãi", "1/7/2025, nay hợp nhất vào")])
def test_a_pre_2025_province_names_the_province_it_is_part_of(cchc, tmp_path, old, now, how):
    result = cchc("init", tmp_path / "x", "--province", old)
    assert result.exit_code == 2
    assert f"là tỉnh trước {how} {now}: dùng --province" in result.stderr
    assert not (tmp_path / "x").exists()


def test_merger_table_covers_the_63_provinces_of_before():
    names = {p.name for p in catalogue.provinces()}
    assert set(catalogue.MERGED_2025.values()) <= names
    assert len(catalogue.MERGED_2025) + len(names) == 63  # 29 merged into 34


def test_a_name_two_communes_share_without_tone_marks_asks_for_the_code(cchc, tmp_path):
    result = cchc("init", tmp_path / "x", "--province", "Thai Nguyen", "--commune", "xa van lang")
    assert result.exit_code == 2
    assert "có 2 đơn vị tên 'xa van lang' ở tỉnh Thái Nguyên: xã Văn Lang (02143), xã Văn Lăng (05665)" \
        in result.stderr and "dùng mã đơn vị" in result.stderr
    assert not (tmp_path / "x").exists()
    ok = cchc("init", tmp_path / "y", "--province", "Thái Nguyên", "--commune", "05665", "--year", "2026")
    assert ok.exit_code == 0, ok.stderr
    lines, number, date_line = _library_letter(tmp_path / "y")
    assert lines == ["ỦY BAN NHÂN DÂN", "XÃ VĂN LĂNG"] and number == "Số:      /UBND-VP"
    assert date_line == "Văn Lăng, ngày      tháng      năm 2026"


@pytest.mark.parametrize("agency, province, lines, number", [
    ("Sở Giao duc va Dao tao", "TP HCM", ["UBND THÀNH PHỐ", "HỒ CHÍ MINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
     "Số:      /SGDĐT-VP"),
    ("Văn phòng UBND tỉnh", "Hà Tĩnh", ["UBND TỈNH HÀ TĨNH", "VĂN PHÒNG"], "Số:      /VP-TH"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Nghệ An",
     ["UBND TỈNH NGHỆ AN", "SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"], "Số:      /SVHTTDL-VP"),
    ("Thanh tra tỉnh", "Huế", ["UBND THÀNH PHỐ HUẾ", "THANH TRA THÀNH PHỐ"], "Số:      /TTT-VP"),
])
def test_agencies_of_the_province_get_their_header_and_ky_hieu(cchc, tmp_path, agency, province, lines, number):
    result = cchc("init", tmp_path / "a", "--province", province, "--agency", agency, "--year", "2026")
    assert result.exit_code == 0, result.stderr
    got, got_number, _ = _library_letter(tmp_path / "a")
    assert got == lines and got_number == number


@pytest.mark.parametrize("agency, message", [
    ("Sở Tài chánh", "có phải: Sở Tài chính?"),
    ("Sở Kế hoạch và Đầu tư", "nhiệm vụ nay thuộc Sở Tài chính: dùng --agency 'Sở Tài chính'"),
    ("Công an tỉnh", "--agency nhận một trong: Văn phòng Ủy ban nhân dân tỉnh, Sở Nội vụ"),
])
def test_an_unknown_agency_exits_2_with_suggestions(cchc, tmp_path, agency, message):
    result = cchc("init", tmp_path / "a", "--province", "Hà Tĩnh", "--agency", agency)
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert not (tmp_path / "a").exists()


def test_a_line_of_the_header_never_opens_with_a_dash():
    assert header_lines("SỞ QUY HOẠCH - KIẾN TRÚC") == ["SỞ QUY HOẠCH -", "KIẾN TRÚC"]


@pytest.mark.parametrize("province, text, title", [
    ("Hà Nội", "Phuong Liet", "phường Phương Liệt"),  # a name opening like a type word
    ("Hà Nội", "Xã Phuong Duc", "xã Phượng Dực"),
    ("Hà Tĩnh", "phường trần phú", "phường Trần Phú"),
    ("Hà Tĩnh", "18196", "xã Sơn Kim 1"),
    ("Thái Nguyên", "5665", "xã Văn Lăng"),
])
def test_communes_are_found_by_name_type_and_code(province, text, title):
    assert catalogue.find_commune(catalogue.find_province(province), text).title == title


def test_a_wrong_type_word_names_the_unit_of_that_name(cchc, tmp_path):
    result = cchc("init", tmp_path / "x", "--province", "Hà Nội", "--commune", "Xã Ba Đình")
    assert result.exit_code == 2 and "có phải: phường Ba Đình (00004)?" in result.stderr
    assert not (tmp_path / "x").exists()


def test_a_ward_named_after_a_person_dates_with_its_full_name_and_has_tổ_dân_phố(cchc, tmp_path):
    root = tmp_path / "tp"
    assert cchc("init", root, "--province", "Hà Tĩnh", "--commune", "Tran Phu", "--year", "2026").exit_code == 0
    lines, number, date_line = _library_letter(root)
    assert date_line == "Phường Trần Phú, ngày      tháng      năm 2026"  # Decree 30 PL I ô4
    assert {r["type"] for r in _communes(root)} == {"tổ dân phố"}  # a phường has no thôn
    assert '"Trưởng các tổ dân phố"' in (root / "cchc.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, bold, lines", [
    # The place name stays whole even when the type word is left alone on its line.
    ("ỦY BAN NHÂN DÂN PHƯỜNG PHAN ĐÌNH PHÙNG", True, ["ỦY BAN NHÂN DÂN", "PHƯỜNG", "PHAN ĐÌNH PHÙNG"]),
    # The chủ quản line is not bold: measured narrower, broken less often.
    ("UBND PHƯỜNG HOÀNG LIỆT", True, ["UBND PHƯỜNG", "HOÀNG LIỆT"]),
    ("UBND PHƯỜNG HOÀNG LIỆT", False, ["UBND PHƯỜNG HOÀNG LIỆT"]),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", True, ["SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"]),
])
def test_long_names_break_outside_place_names(name, bold, lines):
    assert header_lines(name, bold=bold) == lines


def test_a_commune_form_under_a_province_keeps_its_chủ_quản_line_whole(cchc, tmp_path):
    root = tmp_path / "hn"
    assert cchc("init", root, "--province", "Hà Nội", "--commune", "Hoàng Liệt", "--year", "2026").exit_code == 0
    (root / "data" / "findings.csv").write_text("commune,indicator,value,note\nĐông Hà,ke-hoach,x,\n",
                                                encoding="utf-8")
    assert cchc("forms", "-w", root, "--only", "Đông Hà", "--format", "docx").exit_code == 0
    form = root / "output" / "forms" / "dong-ha.docx"
    assert docx.Document(str(form)).tables[0].rows[0].cells[0].text == "UBND PHƯỜNG HOÀNG LIỆT\nTỔ DÂN PHỐ ĐÔNG HÀ\n"
    assert cchc("check", "--draft", form).exit_code == 0


def test_every_2025_unit_name_is_capitalised_as_a_place_name():
    # The package writes `Đắk song`; the date line would fail the checker (Decree 30 PL II).
    assert catalogue.all_communes()["24718"].name == "Đắk Song"
    assert not [u for u in catalogue.all_communes().values() if any(w[:1].islower() for w in u.name.split())]


def test_a_name_typed_without_tone_marks_that_two_units_share_is_never_guessed():
    hcm = catalogue.find_province("Hồ Chí Minh")
    with pytest.raises(InputError, match=r"xã Thanh An \(25807\), xã Thạnh An \(27676\)"):
        catalogue.find_commune(hcm, "Thanh An")  # an exact spelling of one, the plain spelling of both
    assert catalogue.find_commune(hcm, "Thạnh An").code == "27676"
    with pytest.raises(InputError, match="dùng mã đơn vị"):
        catalogue.find_commune(hcm, "Xã Thanh An")  # the type word's tone mark says nothing of the name's
    assert catalogue.find_commune(hcm, "25807").name == "Thanh An"


@pytest.mark.parametrize("code, place", [("01279", "Phường Nùng Trí Cao"), ("32244", "Xã Phan Ngọc Hiển"),
                                         ("03127", "Phường Điện Biên Phủ"), ("00694", "Phường Hà Giang 1"),
                                         ("00691", "Phường Hà Giang 2"), ("01021", "Hoàng Su Phì")])
def test_place_of_the_date_line_per_decree_30(code, place):
    from cchc_docs.units.issuers import place_name

    unit = catalogue.all_communes()[code]
    assert place_name(unit.type, unit.name) == place
