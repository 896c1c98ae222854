"""The outgoing register: issue a draft, number it, date it, archive it, and keep the book.

Documents are read back with python-docx and openpyxl, as the clerk and the auditor
would read them. Numbering tests run on SQLite and, when CCHC_TEST_PG_URL is set (CI),
on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from register_drafts import (  # noqa: F401 - _fresh_engines and db are fixtures
    _fresh_engines,
    db,
    document_xml,
    make_draft,
    parts,
    rezip,
)

from cchc_docs import register
from cchc_docs.pipeline import Session
from cchc_docs.errors import DocumentError, RegisterError
from cchc_docs.register import issuance

D = dt.date(2024, 7, 5)
COLUMNS = [
    "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký",
    "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú",
]


def drafts(ws: Path, n: int, **kw) -> list[Path]:
    return [make_draft(ws / "drafts" / f"d{k}.docx", subject=f"việc số {k} của năm", **kw) for k in range(n)]


def header_cells(path: Path) -> tuple[str, str]:
    table = docx.Document(str(path)).tables[0]
    return table.cell(1, 0).paragraphs[0].text, table.cell(1, 1).paragraphs[0].text


# ---------------------------------------------------------------- the full flow

def test_issue_a_generated_letter(ws):
    draft = Session(ws).write_letter()
    before = parts(draft)
    assert header_cells(draft) == ("Số:      /UBND-NV", "Hương Sơn, ngày      tháng      năm 2024")

    issued = register.issue(ws, draft, date=D)

    assert issued.number == 1 and issued.label == "01/UBND-NV" and issued.type_name == "Công văn"
    assert issued.summary.startswith("V/v tập trung khắc phục tồn tại, hạn chế")
    # The numbered copy lives in output/ban-hanh/; the draft is left a draft.
    assert issued.path == ws / "output" / "ban-hanh" / "01-UBND-NV-cong-van-don-doc.docx"
    assert parts(draft) == before
    undrafted, draft = draft, issued.path
    assert header_cells(draft) == ("Số: 01/UBND-NV", "Hương Sơn, ngày 05 tháng 7 năm 2024")
    # Formatting untouched: the date line is still one italic run, the number line upright.
    table = docx.Document(str(draft)).tables[0]
    assert all(r.italic for r in table.cell(1, 1).paragraphs[0].runs)
    assert not any(r.italic or r.bold for r in table.cell(1, 0).paragraphs[0].runs)
    # Every other byte as it was: the other parts, and document.xml outside the two lines.
    after = parts(draft)
    assert list(after) == list(before)
    assert {n: d for n, d in after.items() if n != "word/document.xml"} == \
           {n: d for n, d in before.items() if n != "word/document.xml"}
    restored = (after["word/document.xml"]
                .replace("Số: 01/UBND-NV".encode(), "Số:      /UBND-NV".encode())
                .replace("ngày 05 tháng 7 năm".encode(), "ngày      tháng      năm".encode()))
    assert restored == before["word/document.xml"]

    name = "01-UBND-NV-tap-trung-khac-phuc-ton-tai-han-che-trong-thuc-hien-cchc-06.docx"
    assert issued.archived == (ws / "output/archive/2024/VT" / name, ws / "output/archive/2024/NV" / name)
    for path in issued.archived:
        assert path.read_bytes() == draft.read_bytes()
        assert header_cells(path)[0] == "Số: 01/UBND-NV"
    assert (ws / "register.sqlite").is_file()

    [entry] = register.list_entries(ws)
    assert entry.label == "01/UBND-NV" and entry.date == D and entry.signer == "Trần Bình Thân"
    assert entry.keep_units == ("VT", "NV")
    assert entry.recipients[:2] == ("Các phòng chuyên môn thuộc UBND huyện", "Ủy ban nhân dân các xã, thị trấn")
    assert "Sở Nội vụ (để b/c)" in entry.recipients and "Như trên" not in entry.recipients
    assert entry.title.startswith("Công văn V/v tập trung")
    assert entry.sha256 == issued.sha256 == issuance.arc.sha256_file(issued.archived[0])


def test_issue_is_reproducible(tmp_path):
    from cchc_docs import workspace

    outputs = []
    for k in range(2):
        ws = workspace.init(tmp_path / f"ws{k}")
        outputs.append(register.issue(ws, Session(ws).write_letter(), date=D).archived[0].read_bytes())
    assert outputs[0] == outputs[1]


def test_issue_a_report_and_split_runs(ws):
    path = make_draft(ws / "drafts" / "bc.docx", symbol="BC-UBND", title="BÁO CÁO",
                      subject="kết quả khắc phục tồn tại, hạn chế về CCHC", recipients=("Sở Nội vụ tỉnh Hà Tĩnh",),
                      lưu="VT, NV (2)")
    issued = register.issue(ws, path, date=dt.date(2024, 2, 3))
    assert issued.type_name == "Báo cáo" and issued.summary == "Kết quả khắc phục tồn tại, hạn chế về CCHC"
    assert header_cells(issued.path) == ("Số: 01/BC-UBND", "Hương Sơn, ngày 03 tháng 02 năm 2024")
    # The number went into the run that held the blank; the runs are still four.
    runs = docx.Document(str(issued.path)).tables[0].cell(1, 0).paragraphs[0].runs
    assert [r.text for r in runs] == ["Số:", " 01", "/", "BC-UBND"]
    [entry] = register.list_entries(ws)
    assert entry.title == "Báo cáo kết quả khắc phục tồn tại, hạn chế về CCHC"
    assert entry.recipients == ("Sở Nội vụ tỉnh Hà Tĩnh", "Sở Nội vụ (để b/c)")
    assert entry.keep_units == ("VT", "NV (2)")
    assert [p.parent.name for p in issued.archived] == ["VT", "NV"]


def test_draft_year_differs_from_issue_year_is_corrected_with_a_warning(ws):
    path = make_draft(ws / "d.docx", year=2024)
    issued = register.issue(ws, path, date=dt.date(2025, 1, 2))
    assert header_cells(issued.path)[1] == "Hương Sơn, ngày 02 tháng 01 năm 2025"
    assert any("năm 2024" in w for w in issued.warnings)


def test_not_a_draft(ws, tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DocumentError, match="không phải tệp Word"):
        register.issue(ws, bad, date=D)
    d = docx.Document()
    d.add_paragraph("Một văn bản không có dòng số")
    d.save(str(tmp_path / "y.docx"))
    with pytest.raises(DocumentError, match="không tìm thấy dòng 'Số:"):
        register.issue(ws, tmp_path / "y.docx", date=D)
    assert register.list_entries(ws) == []


# ---------------------------------------------------------------- numbering

def test_numbers_run_01_02_03(ws, db):
    paths = drafts(ws, 12)
    issued = [register.issue(ws, p, date=D, db_url=db) for p in paths]
    assert [i.number for i in issued] == list(range(1, 13))
    paths = [i.path for i in issued]
    assert [header_cells(p)[0] for p in paths[:3]] == ["Số: 01/UBND-NV", "Số: 02/UBND-NV", "Số: 03/UBND-NV"]
    assert header_cells(paths[9])[0] == "Số: 10/UBND-NV"
    assert [e.label for e in register.list_entries(ws, year=2024, db_url=db)][-2:] == ["11/UBND-NV", "12/UBND-NV"]


def test_numbers_restart_on_1_january(ws, db):
    a, b, c, e = drafts(ws, 4)
    assert register.issue(ws, a, date=dt.date(2024, 12, 30), db_url=db).number == 1
    assert register.issue(ws, b, date=dt.date(2024, 12, 31), db_url=db).number == 2
    issued = register.issue(ws, c, date=dt.date(2025, 1, 1), db_url=db)
    assert issued.number == 1 and issued.archived[0].parts[-3] == "2025"
    assert header_cells(issued.path) == ("Số: 01/UBND-NV", "Hương Sơn, ngày 01 tháng 01 năm 2025")
    # Once 2025 has begun, a 2024 date is backdating; with a reason it takes 2024's next number.
    with pytest.raises(RegisterError, match="sớm hơn văn bản số 01 đã cấp ngày 01/01/2025"):
        register.issue(ws, e, date=dt.date(2024, 12, 31), db_url=db)
    assert register.issue(ws, e, date=dt.date(2024, 12, 31), db_url=db, backdate="ký ngày 31/12").number == 3
    assert [(x.year, x.number) for x in register.list_entries(ws, db_url=db)] == [(2024, 1), (2024, 2), (2024, 3), (2025, 1)]


def test_series_are_separate(ws, db):
    a, b = drafts(ws, 2)
    register.issue(ws, a, date=D, db_url=db)
    qd = make_draft(ws / "qd.docx", symbol="QĐ-UBND", title="QUYẾT ĐỊNH", subject="về việc ban hành quy chế")
    assert register.issue(ws, qd, date=D, series="QĐ", db_url=db).label == "01/QĐ-UBND"
    assert register.issue(ws, b, date=D, db_url=db).number == 2
    assert [p.name for p in (ws / "output/archive/2024/VT").glob("01-QĐ-UBND-*.docx")] == \
        ["01-QĐ-UBND-ve-viec-ban-hanh-quy-che.docx"]
    assert [e.title for e in register.list_entries(ws, series="QĐ", db_url=db)] == ["Quyết định về việc ban hành quy chế"]


def test_backdating_is_refused_without_a_reason(ws, db):
    a, b, c = drafts(ws, 3)
    register.issue(ws, a, date=dt.date(2024, 7, 5), db_url=db)
    with pytest.raises(RegisterError, match=r"sớm hơn văn bản số 01 đã cấp ngày 05/7/2024.*--backdate"):
        register.issue(ws, b, date=dt.date(2024, 7, 3), db_url=db)
    assert header_cells(b)[0] == "Số:      /UBND-NV"  # the draft is untouched
    # The same day is not backdating.
    assert register.issue(ws, c, date=dt.date(2024, 7, 5), db_url=db).number == 2
    issued = register.issue(ws, b, date=dt.date(2024, 7, 3), db_url=db, backdate="Chủ tịch ký ngày 03/7, văn thư nghỉ ốm")
    assert issued.number == 3  # no number was lost to the refusal
    assert register.list_entries(ws, db_url=db)[-1].notes == "Lùi ngày: Chủ tịch ký ngày 03/7, văn thư nghỉ ốm"


def test_double_issue_is_refused_with_the_number_it_got(ws, db, tmp_path):
    a, b = drafts(ws, 2)
    copy = rezip(a, tmp_path / "copy-of-draft.docx")  # the same draft, another zip
    register.issue(ws, a, date=D, db_url=db)
    with pytest.raises(RegisterError, match=r"đã được cấp số 01/UBND-NV ngày 05/7/2024"):
        register.issue(ws, a, date=D, db_url=db)  # the issued file itself
    with pytest.raises(RegisterError, match=r"bản dự thảo này đã được cấp số 01/UBND-NV ngày 05/7/2024"):
        register.issue(ws, copy, date=D, db_url=db)
    assert register.issue(ws, b, date=D, db_url=db).number == 2


def test_a_number_typed_by_hand_is_refused(ws):
    path = make_draft(ws / "d.docx")
    xml = document_xml(path).replace(b">      <", b">12<", 1)
    import zipfile

    src = parts(path)
    src["word/document.xml"] = xml
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in src.items():
            zf.writestr(name, data)
    with pytest.raises(RegisterError, match="đã có số 12/UBND-NV .không do sổ đăng ký này cấp"):
        register.issue(ws, path, date=D)


def test_void_keeps_the_entry_and_the_number(ws, db):
    a, b = drafts(ws, 2)
    first = register.issue(ws, a, date=D, db_url=db)
    entry = register.void(ws, "01", "Ban hành nhầm đối tượng", year=2024, db_url=db)
    assert entry.voided and entry.notes == "Thu hồi: Ban hành nhầm đối tượng"
    assert register.issue(ws, b, date=D, db_url=db).number == 2  # 01 is never given again
    rows = register.list_entries(ws, db_url=db)
    assert [(r.number, r.status) for r in rows] == [(1, "voided"), (2, "issued")]
    assert all(p.is_file() for p in first.archived)  # the withdrawn original stays archived
    with pytest.raises(RegisterError, match="đã thu hồi từ trước"):
        register.void(ws, "01/UBND-NV", "lần nữa", year=2024, db_url=db)
    with pytest.raises(RegisterError, match="không có văn bản số 07 năm 2024"):
        register.void(ws, 7, "không có", year=2024, db_url=db)


# ---------------------------------------------------------------- crashes and tampering

def test_failure_between_allocation_and_commit_leaves_no_gap_and_no_file(ws, db, monkeypatch):
    a, b = drafts(ws, 2)
    seen = {}

    def die(number, staged):
        seen["number"] = number
        seen["temps"] = [t for t, _ in staged.moves]
        assert all(t.is_file() for t in seen["temps"])  # the files were staged
        raise RuntimeError("power cut")

    monkeypatch.setattr(issuance, "_before_commit", die)
    with pytest.raises(RuntimeError, match="power cut"):
        register.issue(ws, a, date=D, db_url=db)
    assert seen["number"] == 1
    assert not any(t.exists() for t in seen["temps"])
    assert not list((ws / "output" / "archive").rglob("*.docx*"))
    assert header_cells(a)[0] == "Số:      /UBND-NV"
    assert register.list_entries(ws, db_url=db) == []

    monkeypatch.undo()
    assert register.issue(ws, b, date=D, db_url=db).number == 1
    assert register.issue(ws, a, date=D, db_url=db).number == 2
    assert register.verify(ws, db_url=db).ok


def test_crash_after_commit_is_finished_by_verify(ws, monkeypatch):
    (a,) = drafts(ws, 1)

    def fail(self):
        raise OSError("disk unplugged")

    monkeypatch.setattr(issuance.arc.Staged, "publish", fail)
    with pytest.raises(RegisterError, match="đã cấp số 01/UBND-NV nhưng chưa chuyển xong"):
        register.issue(ws, a, date=D)
    monkeypatch.undo()
    finals = register.list_entries(ws)[0].archives
    assert not any(f.path.exists() for f in finals)
    report = register.verify(ws)
    assert sorted(report.recovered) == sorted(f.path for f in finals)
    assert report.ok and all(f.path.is_file() for f in finals)
    assert not list((ws / "output" / "archive").rglob("*.cchc-tmp"))


def test_verify_finds_tampering(ws, cchc):
    a, b = drafts(ws, 2)
    one = register.issue(ws, a, date=D)
    two = register.issue(ws, b, date=D)
    assert register.verify(ws).ok
    result = cchc("register", "verify", "-w", ws)
    assert result.exit_code == 0 and "đều khớp" in result.stderr and result.stdout == ""

    changed, missing = one.archived[1], two.archived[0]
    data = bytearray(changed.read_bytes())
    data[-30] ^= 1
    changed.write_bytes(bytes(data))
    missing.unlink()
    report = register.verify(ws)
    assert not report.ok and report.changed == [changed] and report.missing == [missing]

    result = cchc("register", "verify", "-w", ws)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [str(changed), str(missing)]
    assert "tệp lưu đã bị sửa" in result.stderr and "mất tệp lưu" in result.stderr


# ---------------------------------------------------------------- export

def _book(ws, db=None):
    a, b, c = drafts(ws, 3)
    register.issue(ws, a, date=dt.date(2024, 7, 5), db_url=db)
    register.issue(ws, b, date=dt.date(2024, 7, 8), db_url=db, copies=30)
    register.issue(ws, c, date=dt.date(2024, 8, 1), db_url=db)
    register.void(ws, 2, "Sai đối tượng nhận", year=2024, db_url=db)


def test_export_xlsx(ws, cchc):
    import openpyxl

    _book(ws)
    out = ws / "so-di-2024.xlsx"
    result = cchc("register", "export", "--year", "2024", "-o", out, "-w", ws)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out)
    wb = openpyxl.load_workbook(out)
    cover = [c.value for c in wb["Bìa"]["A"] if c.value]
    assert cover == ["ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN", "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "Năm 2024",
                     "Từ ngày 05/7/2024 đến ngày 01/8/2024", "Từ số 01 đến số 03", "Quyển số: 01"]
    sheet = wb["Sổ đăng ký"]
    assert [c.value for c in sheet[1]] == COLUMNS
    assert [c.value for c in sheet[2]] == [f"({k})" for k in range(1, 11)]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=3)]
    assert [r[0] for r in rows] == ["01/UBND-NV", "02/UBND-NV", "03/UBND-NV"]
    assert rows[1][1] == "08/7/2024" and rows[1][6] == "30" and rows[1][9] == "Thu hồi: Sai đối tượng nhận"
    assert rows[0][2].startswith("Công văn V/v việc số 0") and rows[0][3] == "Trần Bình Thân"
    assert rows[0][5] == "VT, NV" and rows[0][9] is None
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == "$1:$2"
    # The same register gives the same bytes.
    first = out.read_bytes()
    assert cchc("register", "export", "--year", "2024", "-o", out, "-w", ws).exit_code == 0
    assert out.read_bytes() == first


def test_export_docx(ws):
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    _book(ws)
    out = register.export(ws, 2024, ws / "so-di-2024.docx")
    d = docx.Document(str(out))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts[:6] == ["ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN", "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "Năm 2024",
                         "Từ ngày 05/7/2024 đến ngày 01/8/2024", "Từ số 01 đến số 03", "Quyển số: 01"]
    [table] = d.tables
    assert [c.text for c in table.rows[0].cells] == COLUMNS
    assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert table.rows[3]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is None
    assert [table.rows[k].cells[0].text for k in (2, 3, 4)] == ["01/UBND-NV", "02/UBND-NV", "03/UBND-NV"]
    assert table.rows[3].cells[9].text == "Thu hồi: Sai đối tượng nhận"
    section = d.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert (section.page_width.twips, section.page_height.twips) == (16838, 11906)


def test_export_rejects_other_formats_and_empty_years(ws):
    from cchc_docs.errors import InputError

    _book(ws)
    with pytest.raises(InputError, match=".xlsx hoặc .docx"):
        register.export(ws, 2024, ws / "so.pdf")
    with pytest.raises(RegisterError, match="năm 2023 chưa có văn bản"):
        register.export(ws, 2023, ws / "so.xlsx")


# ---------------------------------------------------------------- CLI

def test_cli_issue_list_void(ws, cchc):
    a, b = drafts(ws, 2)
    result = cchc("register", "issue", a, "--date", "2024-07-05", "-w", ws)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(Path(p).is_file() for p in lines)
    assert [Path(p).parent.name for p in lines] == ["VT", "NV"]
    assert "Đã cấp số 01/UBND-NV ngày 05/7/2024" in result.stderr

    again = cchc("register", "issue", a, "--date", "2024-07-05", "-w", ws)
    assert again.exit_code == 2 and again.stdout == ""
    assert "Lỗi:" in again.stderr and "đã được cấp số 01/UBND-NV" in again.stderr

    back = cchc("register", "issue", b, "--date", "2024-07-01", "-w", ws)
    assert back.exit_code == 2 and "--backdate" in back.stderr

    assert cchc("register", "void", "1", "--year", "2024", "--reason", "Nhầm", "-w", ws).exit_code == 0
    listed = cchc("register", "list", "--year", "2024", "-w", ws)
    assert "01/UBND-NV" in listed.stdout and "[Thu hồi: Nhầm]" in listed.stdout
    data = json.loads(cchc("register", "list", "--json", "-w", ws).stdout)
    assert data[0]["label"] == "01/UBND-NV" and data[0]["status"] == "voided"
    assert data[0]["archives"][0]["unit"] == "VT"

    bad_date = cchc("register", "issue", b, "--date", "5/7/2024", "-w", ws)
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_letter_issue_in_one_step(ws, cchc):
    result = cchc("letter", "--issue", "--date", "2024-07-05", "-w", ws)
    assert result.exit_code == 0, result.stderr
    letter, *archived = result.stdout.splitlines()
    assert letter == str(ws / "output" / "ban-hanh" / "01-UBND-NV-cong-van-don-doc.docx") and len(archived) == 2
    assert header_cells(Path(letter)) == ("Số: 01/UBND-NV", "Hương Sơn, ngày 05 tháng 7 năm 2024")
    # The same draft again: refused, with the number it got.
    again = cchc("letter", "--issue", "--date", "2024-07-05", "-w", ws)
    assert again.exit_code == 2 and "đã được cấp số 01/UBND-NV" in again.stderr
    assert cchc("letter", "--issue", "--number", "3", "-w", ws).exit_code == 2


def test_db_option_and_env(ws, tmp_path, monkeypatch):
    (a, b) = drafts(ws, 2)
    other = tmp_path / "shared" / "so.sqlite"
    register.issue(ws, a, date=D, db_url=f"sqlite:///{other}")
    assert other.is_file() and not (ws / "register.sqlite").exists()
    monkeypatch.setenv("CCHC_DB", f"sqlite:///{other}")
    assert register.issue(ws, b, date=D).number == 2


def test_unreachable_database_is_a_clear_error(ws):
    (a,) = drafts(ws, 1)
    with pytest.raises(RegisterError, match=r"không kết nối được tới cơ sở dữ liệu sổ đăng ký postgresql\+psycopg://cchc:\*\*\*@127.0.0.1:1/x"):
        register.issue(ws, a, date=D, db_url="postgresql://cchc:secret@127.0.0.1:1/x")
    assert header_cells(a)[0] == "Số:      /UBND-NV"


def test_help_does_not_load_the_database_layer():
    helped = subprocess.run([sys.executable, "-m", "cchc_docs.cli", "register", "--help"],
                            capture_output=True, text=True, check=False)
    assert helped.returncode == 0 and "Sổ đăng ký văn bản đi" in helped.stdout
    code = ("import sys, cchc_docs.cli\n"
            "print(sorted(m for m in ('sqlalchemy', 'lxml', 'openpyxl', 'docx') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert loaded.stdout.strip() == "[]"


def test_future_date_is_refused(ws):
    (a,) = drafts(ws, 1)
    from cchc_docs.vn.dates import today

    with pytest.raises(RegisterError, match="ở tương lai"):
        register.issue(ws, a, date=today() + dt.timedelta(days=30))
    assert register.issue(ws, a).date == today()  # the default: today in Vietnam


def test_other_agency_symbol_is_issued_with_a_warning(ws):
    path = make_draft(ws / "snv.docx", symbol="SNV-VP")
    issued = register.issue(ws, path, date=D)
    assert issued.label == "01/SNV-VP"
    assert any("không có tên viết tắt của cơ quan (UBND)" in w for w in issued.warnings)


def test_letter_issue_refused_leaves_the_issued_letter_alone(ws, cchc):
    assert cchc("letter", "--issue", "--date", "2024-07-05", "-w", ws).exit_code == 0
    letter = ws / "output" / "ban-hanh" / "01-UBND-NV-cong-van-don-doc.docx"
    issued = letter.read_bytes()
    again = cchc("letter", "--issue", "--date", "2024-07-08", "-w", ws)
    assert again.exit_code == 2
    draft = ws / "output" / "cong-van-don-doc.docx"
    assert f"Lỗi: {draft}: bản dự thảo này đã được cấp số 01/UBND-NV" in again.stderr
    assert letter.read_bytes() == issued  # not replaced by a fresh draft
    assert sorted(p.name for p in (ws / "output").iterdir()) == ["archive", "ban-hanh"]
    assert [p.name for p in (ws / "output" / "ban-hanh").iterdir()] == [letter.name]


def test_commit_failure_is_settled_by_the_database(ws, monkeypatch):
    """A commit that errors out after reaching the database must not lose the files."""
    from cchc_docs.register import db as dbmod

    (a,) = drafts(ws, 1)
    real = dbmod.Register.transaction

    def lossy(self):
        from contextlib import contextmanager

        @contextmanager
        def tx():
            with real(self) as t:
                yield t
            raise dbmod.RegisterError("mất kết nối sau COMMIT")  # committed, but we hear an error
        return tx()

    monkeypatch.setattr(dbmod.Register, "transaction", lossy)
    with pytest.raises(RegisterError, match="mất kết nối"):
        register.issue(ws, a, date=D)
    monkeypatch.undo()
    [entry] = register.list_entries(ws)
    assert all(f.path.is_file() for f in entry.archives)  # published, not discarded
    assert register.verify(ws).ok


def _with_doctype(draft: Path, part: str) -> Path:
    """The draft with a DOCTYPE in `part`; in document.xml the Số line's blank becomes `&n;`."""
    from cchc_docs.ooxml.package import package_bytes

    contents = parts(draft)
    xml = contents[part]
    head, sep, rest = xml.partition(b"?>")
    root = b"<w:document" if part == "word/document.xml" else b"<Types"
    dtd = b'<!DOCTYPE w:document [<!ENTITY n "05">]>' if part == "word/document.xml" \
        else b'<!DOCTYPE Types [<!ENTITY n "05">]>'
    rest = rest.replace(root, dtd + root, 1)
    if part == "word/document.xml":
        rest = rest.replace(b">      <", b">&n;<", 1)
    contents[part] = head + sep + rest
    draft.write_bytes(package_bytes(contents))
    return draft


@pytest.mark.parametrize("part", ["word/document.xml", "[Content_Types].xml"])
def test_draft_with_a_doctype_is_refused_and_spends_no_number(ws, cchc, part):
    (a,) = drafts(ws, 1)
    hostile = _with_doctype(a, part)
    if part == "word/document.xml":
        assert b"&n;</w:t>" in document_xml(hostile) and b"<!DOCTYPE" in document_xml(hostile)
    before = hostile.read_bytes()
    from cchc_docs.ooxml.safety import DOCTYPE_MESSAGE

    refusal = f"phần {part} {DOCTYPE_MESSAGE}"

    result = cchc("register", "issue", hostile, "--date", "2024-07-05", "-w", ws)

    assert result.exit_code == 2 and result.stdout == ""
    assert f"Lỗi: {hostile}: {refusal}" in result.stderr, result.stderr
    assert hostile.read_bytes() == before  # nothing written
    assert not (ws / "output" / "archive").exists() or not any((ws / "output" / "archive").rglob("*.docx"))
    listed = cchc("register", "list", "--json", "-w", ws)
    assert listed.exit_code == 0 and json.loads(listed.stdout or "[]") == []
    # The register is untouched: the next draft still gets number 01.
    (b,) = [make_draft(ws / "drafts" / "next.docx")]
    assert register.issue(ws, b, date=D).label == "01/UBND-NV"

    checked = cchc("check", hostile)
    assert checked.exit_code == 2 and str(hostile) in checked.stderr and refusal in checked.stderr
