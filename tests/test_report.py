"""`cchc results` and `cchc report`: returns filled as communes fill them, read back.

The forms are generated (by `cchc forms` when this build has it, else to the same
contract), filled with known statuses and the awkward things communes do (lower case,
no diacritics, blank cells, an added row, merged cells, an inserted column, an unknown
code, a duplicate, a non-date, corrupt and encrypted files), and the report is read back
with python-docx and checked figure by figure against the truth kept here.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import shutil
import zipfile
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest

import returnkit as rk
from conftest import needs
from cchc_docs import intake as returns
from cchc_docs.dataset import load_dataset

D, G, C = "Đã khắc phục", "Đang khắc phục", "Chưa khắc phục"
NR = "Chưa báo cáo"
ON_TIME = dt.datetime(2024, 8, 28, 10, 0)
DEADLINE_TEXT = "30/8/2024"


# ---------------------------------------------------------------- the scenario

class Scenario:
    """A workspace with returns in data/results/, and what they truly say."""

    def __init__(self, root: Path, forms: dict):
        self.root = root
        self.results = root / "data" / "results"
        self.forms = forms
        self.dataset = load_dataset(root / "data")
        self.truth: dict[str, str] = {f.key: NR for f in self.dataset.findings}
        self.done: dict[str, str] = {}

    def commune(self, code):
        return next(c for c in self.dataset.communes if c.code == code)

    def keys(self, code):
        return [f.key for f in self.dataset.shortfalls(self.commune(code))]

    def xlsx(self, code, name, statuses, dates=None, edit=None, mtime=ON_TIME, counts=None, reported=True):
        """statuses: as written in the form, one per shortfall; counts: what they mean.
        The commune writes the day it sends (the file's day) in `Ngày báo cáo` unless
        reported is False; the file's time itself never dates a return."""
        keys = self.keys(code)
        dates = dates or [dt.date(2024, 8, 20)] * len(keys)
        rk.fill_xlsx(self.forms[(code, "xlsx")], self.results / name,
                     {k: (s, d) for k, s, d in zip(keys, statuses, dates)},
                     edit=_dated_xlsx(edit, mtime.date() if reported else None), mtime=mtime)
        for k, s in zip(keys, counts or statuses):
            self.truth[k] = s

    def docx(self, code, name, statuses, dates=None, edit=None, mtime=ON_TIME, counts=None, reported=True):
        keys = self.keys(code)
        dates = dates or ["20/8/2024"] * len(keys)
        codes = [k.split("-", 1)[1] for k in keys]
        rk.fill_docx(self.forms[(code, "docx")], self.results / name,
                     {c: (s, d) for c, s, d in zip(codes, statuses, dates)},
                     edit=_dated_docx(edit, mtime.date() if reported else None), mtime=mtime)
        for k, s in zip(keys, counts or statuses):
            self.truth[k] = s


def _dated_xlsx(edit, day):
    def run(sh):
        if day is not None:
            sh["B5"] = day
            sh["B5"].number_format = "dd/mm/yyyy"
        if edit:
            edit(sh)
    return run


def _dated_docx(edit, day):
    def run(d, table):
        if edit:
            edit(d, table)
        if day is not None:
            d.add_paragraph(f"Ngày báo cáo: {day.day}/{day.month}/{day.year}")
    return run


def add_xlsx_row(key, status):
    def edit(sh):
        row = sh.max_row + 1
        sh.cell(row=row, column=8, value=key)  # the hidden `Mã dòng` column H
        sh.cell(row=row, column=2, value="Nội dung không có trong phiếu")
        sh.cell(row=row, column=5, value=status)
    return edit


def set_cell(ref, value):
    def edit(sh):
        sh[ref] = value
    return edit


def add_word_row(d, table):
    # What a Word user does: Insert Row Below, then type a shortfall of their own.
    cells = table.add_row().cells
    heads = [c.text for c in table.rows[0].cells]
    cells[heads.index("Tồn tại, hạn chế")].text = "Tồn tại khác do xã tự phát hiện"
    cells[heads.index("Tình trạng")].text = D


def merge_status_cells(d, table):
    # Two rows with the same status, merged into one cell (vertical merge).
    col = [c.text for c in table.rows[0].cells].index("Tình trạng")
    top = table.cell(1, col).merge(table.cell(2, col))
    top.text = D


def insert_column(d, table):
    """Insert a column `Người phụ trách` before `Tình trạng`, as Word's Insert Left does."""
    from docx.oxml.ns import qn

    col = [c.text for c in table.rows[0].cells].index("Tình trạng")
    grid = table._tbl.tblGrid
    grid.insert(col, copy.deepcopy(grid.gridCol_lst[col]))
    for k, row in enumerate(table.rows):
        tc = row._tr.tc_lst[col]
        new = copy.deepcopy(tc)
        for t in new.iter(qn("w:t")):
            t.text = ""
        new.xpath(".//w:t")[0].text = "Người phụ trách" if k == 0 else "Công chức Văn phòng"
        tc.addprevious(new)


def ole_file(encrypted: bool) -> bytes:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return head + ("EncryptedPackage".encode("utf-16-le") if encrypted else b"") + b"\x00" * 1024


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def build_scenario(root: Path, forms_dir: Path) -> Scenario:
    results = root / "data" / "results"
    shutil.rmtree(results, ignore_errors=True)  # the sample's own returns
    results.mkdir(parents=True)
    s = Scenario(root, rk.blank_forms(root, forms_dir))
    # Sơn Long (Excel): proper, lower case, no diacritics, blank.
    s.xlsx("18205", "son-long.xlsx", [D, "đang khắc phục", "DA KHAC PHUC", None], counts=[D, G, D, C])
    # Sơn Châu (Excel): a lone `x`, a non-date, a row that is not in its form.
    s.xlsx("18178", "son-chau.xlsx", [D, D, "x", C, D],
           dates=[dt.date(2024, 8, 1), "tháng 8", None, None, dt.date(2024, 8, 15)],
           edit=add_xlsx_row("18178-khong-co", D), counts=[D, D, C, C, D])
    # Sơn Lĩnh (Excel) twice: the newer counts; in it the commune deleted its last row.
    s.xlsx("18160", "son-linh-lan-1.xlsx", [C, C, C, C], mtime=dt.datetime(2024, 8, 20, 8))
    s.xlsx("18160", "son-linh-lan-2.xlsx", [D, D, G, D], mtime=dt.datetime(2024, 8, 29, 16, 30),
           edit=lambda sh: sh.delete_rows(10), counts=[D, D, G, C])
    # Sơn Giang (Excel): late.
    s.xlsx("18157", "son-giang.xlsx", [D, D, G, C], mtime=dt.datetime(2024, 9, 3, 9, 15))
    # Sơn Lễ (Word): lower case, no diacritics, and a row the commune added.
    s.docx("18148", "son-le.docx", ["đã khắc phục", G, "chua khac phuc"], edit=add_word_row, counts=[D, G, C])
    # An Hòa Thịnh (Word): two status cells merged into one.
    s.docx("18163", "an-hoa-thinh.docx", [None, None, G], edit=merge_status_cells, counts=[D, D, G])
    # Kim Hoa (Word): a date that is not a date.
    s.docx("18211", "kim-hoa.docx", [D], dates=["32/8/2024"])
    # Sơn Ninh (Word): a column inserted before Tình trạng.
    s.docx("18175", "son-ninh.docx", [D, G, D], edit=insert_column)
    # Tân Mỹ Hà (Word): sent late, dated by its `Ngày báo cáo`, not by the file's time.
    s.docx("18181", "tan-my-ha.docx", [D, D], edit=lambda d, t: d.add_paragraph("Ngày báo cáo: 02/9/2024"),
           reported=False)
    # Sơn Hồng's form with a code that is no commune's: not counted.
    rk.fill_xlsx(s.forms[("18139", "xlsx")], results / "khong-ro.xlsx", {}, edit=set_cell("B2", "99999"),
                 mtime=ON_TIME)
    # Broken and hostile files.
    (results / "son-trung.xlsx").write_bytes(b"Day khong phai bang tinh\n" * 20)
    (results / "son-bang.xlsx").write_bytes(ole_file(encrypted=True))
    (results / "son-binh.xls").write_bytes(ole_file(encrypted=False))
    (results / "son-kim-1.xlsm").write_bytes(zip_bytes({
        "[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>", "xl/vbaProject.bin": b"\x00" * 64}))
    (results / "son-tra.xlsx").write_bytes(zip_bytes({"xl/workbook.xml": b"\x00" * (8 * 1024 * 1024)}))
    (results / "~$son-long.xlsx").write_bytes(b"lock file of an open workbook")
    return s


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    from cchc_docs import workspace

    base = tmp_path_factory.mktemp("report")
    root = workspace.init(base / "ws")
    return build_scenario(root, base / "forms")


@pytest.fixture(scope="module")
def made(scenario):
    from click.testing import CliRunner

    from cchc_docs.cli import cli

    result = CliRunner().invoke(cli, ["report", "-w", str(scenario.root)], catch_exceptions=False)
    return scenario, result


# ---------------------------------------------------------------- truth, counted here

def pct(part, whole):
    v = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format(v, "f").rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def n2(n):
    return f"{n:02d}" if n else "0"


def paragraphs(path):
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def tables(path):
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables]


EXPECTED_TRUTH = {  # what a reader of the returns concludes, commune by commune
    "18205": [D, G, D, C], "18178": [D, D, C, C, D], "18160": [D, D, G, C], "18157": [D, D, G, C],
    "18148": [D, G, C], "18163": [D, D, G], "18211": [D], "18175": [D, G, D], "18181": [D, D],
}
NOT_REPORTED = ["18136", "18139", "18172", "18184", "18187", "18190", "18193", "18196", "18199",
                "18202", "18223"]


def test_scenario_truth_is_what_the_test_says(scenario):
    for code, statuses in EXPECTED_TRUTH.items():
        assert [scenario.truth[k] for k in scenario.keys(code)] == statuses
    reported = set(EXPECTED_TRUTH)
    expected = {f.commune.code for f in scenario.dataset.findings}
    assert sorted(expected - reported) == NOT_REPORTED


def test_report_is_written_with_warnings(made):
    s, result = made
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(s.root / "output" / "bao-cao-tong-hop.docx")
    assert "Traceback" not in result.stderr
    assert all(line.startswith("Cảnh báo: ") for line in result.stderr.splitlines())


@pytest.mark.parametrize("message", [
    # lone x, blank status, non-dates (Excel and Word), extra rows, a finding not in the form
    "son-chau.xlsx, dòng 9, cột 'E (Tình trạng)': 'x' ở cột tình trạng không cho biết là tình trạng nào",
    "son-long.xlsx, dòng 10, cột 'E (Tình trạng)': bỏ trống tình trạng: tính là chưa khắc phục — "
    "ghi một trong: Đã khắc phục, Đang khắc phục, Chưa khắc phục",
    "son-chau.xlsx, dòng 8, cột 'F (Ngày hoàn thành)': 'tháng 8' không phải là ngày",
    "kim-hoa.docx, dòng 2, cột 'Ngày hoàn thành': '32/8/2024' không phải là ngày",
    "son-chau.xlsx, dòng 12, cột 'H (Mã dòng)': '18178-khong-co' không phải là tồn tại của xã Sơn Châu trong phiếu",
    "son-le.docx, dòng 5, cột 'Mã': dòng thêm không có mã: 'Tồn tại khác do xã tự phát hiện' — không thuộc phiếu",
    # the unknown commune, with a hint from the name in the form
    "khong-ro.xlsx, dòng 2, cột 'B': bỏ qua tệp: mã đơn vị '99999' không có trong danh sách đơn vị — "
    "phiếu ghi tên 'xã Sơn Hồng': mã đúng là 18139?",
    # a row of the form that the return lacks
    "son-linh-lan-2.xlsx: thiếu dòng '18160-thu-ngan-sach' (Thu ngân sách thấp) của phiếu — tính là chưa khắc phục",
    # the duplicate, and which one counts
    # (decided by the returns' own dates, so those are what the message gives)
    "son-linh-lan-1.xlsx: xã Sơn Lĩnh gửi 2 bản; dùng bản có ngày báo cáo mới hơn 'son-linh-lan-2.xlsx' "
    "(ngày báo cáo 29/8/2024), bỏ qua bản này (ngày báo cáo 20/8/2024)",
    # broken and hostile files
    "son-trung.xlsx: bỏ qua tệp: không phải tệp Excel (.xlsx) hay Word (.docx)",
    "son-bang.xlsx: bỏ qua tệp: tệp bị đặt mật khẩu (mã hóa), không mở được",
    "son-binh.xls: bỏ qua tệp: tệp định dạng Office cũ (.xls/.doc) hoặc bị đặt mật khẩu",
    "son-kim-1.xlsm: bỏ qua tệp: tệp có macro (.xlsm/.docm): không mở vì lý do an toàn",
    "son-tra.xlsx: bỏ qua tệp: tệp nén bất thường (nghi zip bomb)",
])
def test_each_problem_is_reported_with_file_row_and_column(made, message):
    _, result = made
    assert message in result.stderr, result.stderr


def test_rows_that_are_fine_raise_no_problem(made):
    _, result = made
    err = result.stderr
    assert "~$son-long" not in err  # Office lock files are not returns
    assert "son-ninh.docx" not in err  # an inserted column is found by its header
    assert "an-hoa-thinh.docx" not in err  # merged cells read as Word shows them
    assert "tan-my-ha.docx" not in err
    assert "son-giang.xlsx" not in err  # late is a fact for the report, not an input problem


def test_overall_figures(made):
    s, _ = made
    text = paragraphs(s.root / "output" / "bao-cao-tong-hop.docx")
    counts = Counter(s.truth.values())
    total = len(s.truth)
    assert total == 48
    assert f"Tổng số tồn tại, hạn chế phải khắc phục: {total}; trong đó:" in text
    assert text[text.index(f"Tổng số tồn tại, hạn chế phải khắc phục: {total}; trong đó:") + 1:][:4] == [
        f"- Đã khắc phục: {n2(counts[D])} ({pct(counts[D], total)});",
        f"- Đang khắc phục: {n2(counts[G])} ({pct(counts[G], total)});",
        f"- Chưa khắc phục: {n2(counts[C])} ({pct(counts[C], total)});",
        f"- Chưa có báo cáo: {n2(counts[NR])} ({pct(counts[NR], total)}).",
    ]
    # The same figures, written out by hand once, so the formatting itself is checked.
    assert (counts[D], counts[G], counts[C], counts[NR]) == (17, 6, 6, 19)
    assert "- Đã khắc phục: 17 (35,42%);" in text
    assert "- Chưa khắc phục: 06 (12,5%);" in text
    assert "- Chưa có báo cáo: 19 (39,58%)." in text


def test_reporting_and_late_communes_are_named(made):
    s, _ = made
    text = " ".join(paragraphs(s.root / "output" / "bao-cao-tong-hop.docx"))
    assert ("Có 20 đơn vị có tồn tại, hạn chế phải khắc phục, với tổng số 48 tồn tại, hạn chế. Đến thời điểm "
            "báo cáo, UBND huyện đã nhận được báo cáo của 09/20 đơn vị; trong đó 02 đơn vị báo cáo chậm so "
            f"với thời hạn ({DEADLINE_TEXT}): xã Sơn Giang (ngày 03/9/2024), xã Tân Mỹ Hà (ngày 02/9/2024).") in text
    missing = ", ".join(s.commune(c).title for c in NOT_REPORTED)
    assert f"Còn 11 đơn vị chưa gửi báo cáo: {missing}." in text
    assert "thị trấn Tây Sơn, xã Sơn Hồng, xã Sơn Tây" in missing
    assert f"Đề nghị Ủy ban nhân dân {missing} khẩn trương gửi báo cáo" in text


def test_per_indicator_lines(made):
    s, _ = made
    text = paragraphs(s.root / "output" / "bao-cao-tong-hop.docx")
    for ind in s.dataset.indicators:
        keys = [f.key for f in s.dataset.findings if f.indicator.code == ind.code]
        c = Counter(s.truth[k] for k in keys)
        parts = []
        for label, st in (("đã khắc phục", D), ("đang khắc phục", G), ("chưa khắc phục", C), ("chưa có báo cáo", NR)):
            if c[st]:
                parts.append(f"{label} {n2(c[st])}" + (f" ({pct(c[st], len(keys))})" if st == D else ""))
        assert f"- {ind.name}: {n2(len(keys))} tồn tại, hạn chế; {', '.join(parts)}." in text


def test_per_commune_table(made):
    s, _ = made
    table = next(t for t in tables(s.root / "output" / "bao-cao-tong-hop.docx") if t[0][1] == "Đơn vị")
    expected_communes = [c for c in s.dataset.communes if s.dataset.shortfalls(c)]
    assert len(table) == 1 + len(expected_communes) + 1
    for k, (row, commune) in enumerate(zip(table[1:], expected_communes), start=1):
        c = Counter(s.truth[f.key] for f in s.dataset.shortfalls(commune))
        total = sum(c.values())
        assert row == [str(k), commune.title[:1].upper() + commune.title[1:], str(total), str(c[D]), str(c[G]),
                       str(c[C]), str(c[NR]), pct(c[D], total) if c[D] else "0%"], commune.name
    c = Counter(s.truth.values())
    assert table[-1] == ["", "Tổng cộng", "48", str(c[D]), str(c[G]), str(c[C]), str(c[NR]), pct(c[D], 48)]


def test_appendix_lists_every_shortfall_with_its_status(made):
    s, _ = made
    path = s.root / "output" / "bao-cao-tong-hop.docx"
    table = next(t for t in tables(path) if t[0][:2] == ["TT", "Tồn tại, hạn chế"])
    rows = [r for r in table[1:] if "." in r[0]]
    assert len(rows) == 48
    ordered = [f for c in s.dataset.communes for f in s.dataset.shortfalls(c)]
    for row, f in zip(rows, ordered):
        assert row[1] == f.indicator.name and row[2] == f.figure and row[4] == s.truth[f.key], (row, f.key)
    heads = [r[1] for r in table[1:] if "." not in r[0]]
    assert "Xã Sơn Giang: 04 tồn tại, hạn chế; đã khắc phục 02 (50%), đang khắc phục 01, chưa khắc phục 01 " \
           "(báo cáo chậm, ngày 03/9/2024)" in heads
    assert "Thị trấn Tây Sơn: 01 tồn tại, hạn chế — chưa gửi báo cáo" in heads
    son_chau = [r for r in rows if r[0].startswith("9.")]
    assert son_chau[2][6] == "Phiếu ghi tình trạng: 'x'"
    assert son_chau[0][5] == "01/8/2024"


def test_layout_of_the_report(made):
    from docx.enum.section import WD_ORIENT

    s, _ = made
    path = s.root / "output" / "bao-cao-tong-hop.docx"
    d = docx.Document(str(path))
    head = [c.text for row in d.tables[0].rows for c in row.cells]
    assert "Số:      /BC-UBND" in head
    assert "Hương Sơn, ngày      tháng      năm 2024" in head
    text = paragraphs(path)
    assert text[:3] == ["BÁO CÁO", "Kết quả khắc phục tồn tại, hạn chế trong thực hiện CCHC 06 tháng đầu năm 2024",
                        "Kính gửi: Sở Nội vụ tỉnh Hà Tĩnh."]
    headings = [p.text for p in d.paragraphs if p.runs and p.runs[0].bold and p.text[:1] in "IV"]
    assert headings == ["I. CÔNG TÁC TRIỂN KHAI", "II. KẾT QUẢ KHẮC PHỤC", "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                        "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert text[-3:] == ["Phụ lục", "KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ CỦA TỪNG ĐƠN VỊ",
                         "(Kèm theo Báo cáo số      /BC-UBND ngày      tháng      năm 2024 của Ủy ban nhân dân huyện)"]
    signature = next([c.text for c in t.rows[0].cells] for t in d.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    assert signature[0] == "Nơi nhận:\n- Như trên;\n- Chủ tịch, các PCT UBND huyện;\n- Lưu: VT, NV."
    assert signature[1].startswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH") and signature[1].endswith("Trần Bình Thân")
    body, appendix = d.sections
    assert body.orientation == WD_ORIENT.PORTRAIT and appendix.orientation == WD_ORIENT.LANDSCAPE
    assert appendix._sectPr.xpath("./w:pgNumType/@w:start") == ["1"]
    header_row = d.tables[-1].rows[0]._tr
    assert header_row.xpath("./w:trPr/w:tblHeader")  # repeated on every page of the appendix
    assert any(p.style.name == "Caption" and p.text.startswith("Biểu đồ 1. ") for p in d.paragraphs)


def test_chart_is_embedded_and_deterministic(made):
    from cchc_docs import intake as r_mod, report
    from cchc_docs.ooxml.chart import remediation_chart

    s, _ = made
    path = s.root / "output" / "bao-cao-tong-hop.docx"
    with zipfile.ZipFile(path) as zf:
        png = zf.read("word/media/chart.png")
        rels = zf.read("word/_rels/document.xml.rels").decode()
        types = zf.read("[Content_Types].xml").decode()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    assert 'Target="media/chart.png"' in rels and 'Extension="png"' in types
    intake = r_mod.load_intake(s.results, s.dataset, dt.date(2024, 8, 30))
    bars, caption = report.chart_rows(intake)
    assert remediation_chart(bars)[0] == remediation_chart(bars)[0] == png
    assert bars[0] == ("Tây Sơn", 0, 0, 0, 1)
    assert caption == "Biểu đồ 1. Kết quả khắc phục tồn tại, hạn chế theo từng đơn vị"


def test_same_inputs_same_bytes(made, cchc, tmp_path):
    s, _ = made
    first = (s.root / "output" / "bao-cao-tong-hop.docx").read_bytes()
    result = cchc("report", "-w", s.root, "-o", tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "bao-cao-tong-hop.docx").read_bytes() == first


def test_results_prints_the_intake_table(scenario, cchc):
    result = cchc("results", "-w", scenario.root)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Đơn", "vị", "Tệp", "Dòng", "Đã", "KP", "Đang", "KP", "Chưa", "KP", "Lỗi", "Ghi", "chú"]
    row = {ln.split("  ")[0].strip(): ln for ln in lines[2:] if ln.strip()}
    assert row["xã Sơn Long"].split() == ["xã", "Sơn", "Long", "son-long.xlsx", "4", "2", "1", "1", "1"]
    assert row["xã Sơn Giang"].split()[-3:] == ["chậm,", "ngày", "03/9/2024"]
    assert "chưa gửi báo cáo" in row["thị trấn Tây Sơn"]
    linh = [ln for ln in lines if "son-linh-lan-" in ln]
    assert linh[0].split()[3] == "son-linh-lan-2.xlsx" and linh[1].endswith("bản cũ, dùng son-linh-lan-2.xlsx")
    assert any(ln.startswith("?") and "son-bang.xlsx" in ln and ln.endswith("không đọc được") for ln in lines)
    assert lines[-1].startswith("Đã nhận báo cáo của 9/20 đơn vị (02 chậm), 16 tệp")
    assert "Cảnh báo: son-long.xlsx, dòng 10" in result.stderr


def test_results_writes_nothing(ws, cchc, tmp_path):
    build_scenario(ws, tmp_path / "forms")
    before = sorted(p.name for p in (ws / "output").iterdir())
    assert cchc("results", "-w", ws).exit_code == 0
    assert sorted(p.name for p in (ws / "output").iterdir()) == before


def test_nothing_usable_exits_2(ws, cchc):
    results = ws / "data" / "results"
    shutil.rmtree(results, ignore_errors=True)
    results.mkdir()
    (results / "a.xlsx").write_bytes(ole_file(encrypted=True))
    result = cchc("report", "-w", ws)
    assert result.exit_code == 2 and result.stdout == ""
    assert "a.xlsx: bỏ qua tệp: tệp bị đặt mật khẩu" in result.stderr
    assert "không đọc được phiếu báo cáo nào dùng được" in result.stderr
    shutil.rmtree(results)
    result = cchc("report", "-w", ws)
    assert result.exit_code == 2 and "chưa có phiếu báo cáo nào của các đơn vị" in result.stderr


def test_build_skips_the_report_without_returns(ws, cchc):
    shutil.rmtree(ws / "data" / "results", ignore_errors=True)
    result = cchc("build", "-w", ws)
    assert result.exit_code == 0, result.stderr
    assert "bao-cao-tong-hop.docx" not in result.stdout
    assert "Bỏ qua báo cáo tổng hợp: chưa có phiếu báo cáo nào" in result.stderr


def test_build_writes_the_report_from_the_sample_returns(ws, cchc):
    result = cchc("build", "-w", ws)
    assert result.exit_code == 0, result.stderr
    assert str(ws / "output" / "bao-cao-tong-hop.docx") in result.stdout.splitlines()


def test_report_opens_in_libreoffice(made, tmp_path):
    import subprocess

    needs("soffice")
    s, _ = made
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(s.root / "output" / "bao-cao-tong-hop.docx")],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "bao-cao-tong-hop.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 20_000


# ---------------------------------------------------------------- the reader, unit by unit

@pytest.mark.parametrize("written, status", [
    ("Đã khắc phục", D), ("đã khắc phục", D), ("ĐÃ KHẮC PHỤC", D), ("da khac phuc", D),
    ("  Đã   khắc phục ", D), ("Đã khắc phục xong", D), ("Đang khắc phục", G), ("dang khac phuc", G),
    ("Chưa khắc phục", C), ("chua khac phuc", C), ("Đã KP", D),
    ("Đã khắc phục (100%)", D),
])
def test_status_variants_are_accepted(written, status):
    assert returns.parse_status(written) == (status, None, None)


ALLOWED = "ghi một trong: Đã khắc phục, Đang khắc phục, Chưa khắc phục"


@pytest.mark.parametrize("written, message, hint", [
    (None, "bỏ trống tình trạng", ALLOWED),
    ("", "bỏ trống tình trạng", ALLOWED),
    ("x", "'x' ở cột tình trạng không cho biết là tình trạng nào", ALLOWED),
    ("Đã khắc phụ", "tình trạng 'Đã khắc phụ' không hợp lệ", "có phải 'Đã khắc phục'? Ghi một trong: Đã khắc phục, Đang khắc phục, Chưa khắc phục"),
    ("Đã khắc phục một phần", "tình trạng 'Đã khắc phục một phần' không hợp lệ", None),
    ("Hoàn thành", "tình trạng 'Hoàn thành' không hợp lệ", ALLOWED),
])
def test_status_problems(written, message, hint):
    status, problem, got_hint = returns.parse_status(written)
    assert status is None and problem == message
    assert hint is None or got_hint == hint


@pytest.mark.parametrize("text, date", [
    ("20/8/2024", dt.date(2024, 8, 20)), ("20/08/2024", dt.date(2024, 8, 20)), ("2024-08-20", dt.date(2024, 8, 20)),
    ("20.8.2024", dt.date(2024, 8, 20)), ("ngày 20/8/2024", dt.date(2024, 8, 20)),
    ("ngày 20 tháng 8 năm 2024", dt.date(2024, 8, 20)), ("20/8/24", dt.date(2024, 8, 20)), (dt.datetime(2024, 8, 20, 0, 0), dt.date(2024, 8, 20)),
])
def test_dates_as_communes_write_them(text, date):
    assert returns.parse_vn_date(text) == date


@pytest.mark.parametrize("text", ["32/8/2024", "tháng 8", "20/8", "sắp xong"])
def test_non_dates(text):
    with pytest.raises(ValueError):
        returns.parse_vn_date(text)


def test_tick_columns_are_unambiguous(tmp_path, ws):
    """A Word user who splits `Tình trạng` into three tick columns: one x per row is clear."""
    forms = rk.blank_forms(ws, tmp_path / "forms")

    def ticks(d, table):
        from docx.oxml.ns import qn

        heads = [c.text for c in table.rows[0].cells]
        col = heads.index("Tình trạng")
        grid = table._tbl.tblGrid
        for _ in range(2):
            grid.insert(col, copy.deepcopy(grid.gridCol_lst[col]))
        marks = {1: (0, "x"), 2: (1, "X")}  # row → (tick column, mark); row 3 ticks two
        for k, row in enumerate(table.rows):
            tc = row._tr.tc_lst[col]
            for j, name in enumerate((D, G, C)):
                new = copy.deepcopy(tc) if j < 2 else tc
                for t in new.iter(qn("w:t")):
                    t.text = ""
                text = name if k == 0 else ("x" if (k in marks and marks[k][0] == j) or (k == 3 and j < 2) else "")
                if new.xpath(".//w:t"):
                    new.xpath(".//w:t")[0].text = text
                else:
                    new.xpath(".//w:p")[0].append(copy.deepcopy(table.rows[0]._tr.xpath(".//w:r")[0]))
                    new.xpath(".//w:t")[0].text = text
                if j < 2:
                    tc.addprevious(new)

    path = rk.fill_docx(forms[("18205", "docx")], tmp_path / "r.docx", {}, edit=ticks)
    raw = returns.read_file(path)
    s = load_dataset(ws / "data")
    commune = next(c for c in s.communes if c.code == "18205")
    entries, problems = returns.read_entries(raw, commune, s.shortfalls(commune))
    keys = [f.key for f in s.shortfalls(commune)]
    assert [entries[k].status for k in keys[:2]] == [D, G]
    assert [str(p) for p in problems if p.row == 4] == [
        f"r.docx, dòng 4, cột 'Tình trạng': đánh dấu nhiều tình trạng cùng lúc ({D}, {G}): tính là chưa khắc "
        "phục — đánh dấu x vào đúng một cột tình trạng"]


def test_code_typed_as_a_number_keeps_matching(tmp_path, ws):
    """Excel turns a code typed as a number into 4 for `00004`; the reader compares numbers."""
    from cchc_docs.intake import RawReturn, resolve

    s = load_dataset(ws / "data")
    raw = RawReturn(name="a.xlsx", kind="xlsx", mtime=ON_TIME.timestamp(), code="018205")
    intake = resolve([raw], s, dt.date(2024, 8, 30))
    assert intake.returns[0].commune.code == "18205"


def test_a_file_time_never_dates_a_return(ws):
    """A return without a date of its own is undated ("không ghi ngày"), whatever its mtime."""
    from cchc_docs.intake import RawReturn, received_date

    stamp = dt.datetime(2024, 9, 30, 23, 30, tzinfo=returns.VN_TZ).timestamp()
    assert received_date(RawReturn(name="a", kind="xlsx", mtime=stamp)) == (None, None)
    bad, problem = received_date(RawReturn(name="a", kind="xlsx", mtime=stamp, reported="cuối tháng"))
    assert bad is None
    assert str(problem) == ("a: ngày báo cáo 'cuối tháng' không phải là ngày: coi như không ghi ngày — "
                            "ghi ngày dạng 27/8/2024 hoặc 'ngày 27 tháng 8 năm 2024'")
    assert received_date(RawReturn(name="a", kind="docx", mtime=stamp,
                                   reported="ngày 05 tháng 9 năm 2024")) == (dt.date(2024, 9, 5), None)


def test_truncated_and_scrambled_files_are_skipped_never_raised(tmp_path, ws):
    forms = rk.blank_forms(ws, tmp_path / "forms")
    for kind in ("xlsx", "docx"):
        data = forms[("18205", kind)].read_bytes()
        for k, cut in enumerate((10, len(data) // 3, len(data) // 2, len(data) - 30)):
            path = tmp_path / f"cut-{k}.{kind}"
            path.write_bytes(data[:cut])
            raw = returns.read_file(path)
            assert not raw.readable and raw.problems[0].message.startswith("bỏ qua tệp: "), raw
        scrambled = bytearray(data)
        scrambled[len(data) // 2: len(data) // 2 + 200] = bytes(range(200))
        path = tmp_path / f"scrambled.{kind}"
        path.write_bytes(bytes(scrambled))
        returns.read_file(path)  # readable or not, it returns


def test_report_passes_the_decree_30_checker(made):
    from cchc_docs.check import check_docx

    s, _ = made
    findings = check_docx(s.root / "output" / "bao-cao-tong-hop.docx", draft=True)
    assert [f for f in findings if f.severity == "error"] == []


def test_report_date_and_number_without_issue_make_a_numbered_copy(ws, cchc):
    # --date used to be ignored without --issue; it now dates the report as `letter` does.
    result = cchc("report", "-w", ws, "--date", "2024-09-10", "--number", "3")
    assert result.exit_code == 0, result.stderr
    text = "\n".join(p.text for p in docx.Document(str(ws / "output" / "bao-cao-tong-hop.docx")).paragraphs)
    cells = "\n".join(c.text for t in docx.Document(str(ws / "output" / "bao-cao-tong-hop.docx")).tables
                      for row in t.rows for c in row.cells)
    assert "Số: 03/BC-UBND" in cells and "ngày 10 tháng 9 năm 2024" in cells
    assert "(Kèm theo Báo cáo số 03/BC-UBND ngày 10/9/2024" in text


def test_issue_with_a_hand_given_number_is_refused(ws, cchc):
    result = cchc("letter", "-w", ws, "--issue", "--number", "4", "--date", "2024-07-05")
    assert result.exit_code == 2
    assert "--issue lấy số tiếp theo của sổ đăng ký; không dùng cùng --number" in result.stderr
    assert not (ws / "output" / "cong-van-don-doc.docx").exists()
