"""The communes' remediation forms, read back in Word and Excel as the commune sees them."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import docx
import openpyxl
import pytest

from cchc_docs.statuses import STATUSES
from test_letter import edit_csv

NO_SHORTFALL = {"pho-chau", "son-tien", "son-lam", "son-ham", "son-phu"}


def run_forms(cchc, ws, *args):
    result = cchc("forms", "-w", ws, *args)
    assert result.exit_code == 0, result.stderr
    return [Path(p) for p in result.stdout.split("\n") if p]


def table_rows(path: Path) -> list[list[str]]:
    tables = [t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "TT"]
    return [[c.text for c in row.cells] for t in tables for row in t.rows[1:]]


def test_one_word_form_and_one_excel_sheet_per_commune(cchc, ws):
    paths = run_forms(cchc, ws)
    folder = ws / "output" / "forms"
    assert paths[-1] == folder / "manifest.csv"
    assert sorted(p.suffix for p in paths[:-1]) == [".docx"] * 25 + [".xlsx"] * 25
    with (folder / "manifest.csv").open(encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh))
    assert len(manifest) == 50
    for row in manifest:
        assert hashlib.sha256((folder / row["file"]).read_bytes()).hexdigest() == row["sha256"]
    by_file = {r["file"]: r for r in manifest}
    assert by_file["son-long.docx"]["rows"] == "4" and by_file["son-long.docx"]["commune_code"] == "18205"
    assert {f[:-5] for f, r in by_file.items() if f.endswith(".docx") and r["rows"] == "0"} == NO_SHORTFALL


def test_word_form_lists_exactly_the_communes_shortfalls(cchc, ws):
    run_forms(cchc, ws)
    path = ws / "output" / "forms" / "son-long.docx"
    document = docx.Document(str(path))
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header[0] == "ỦY BAN NHÂN DÂN\nXÃ SƠN LONG\n"  # a committee has no chủ quản line
    assert document.tables[0].rows[1].cells[0].text == "Số:      /BC-UBND"
    assert document.tables[0].rows[1].cells[1].text == "Sơn Long, ngày      tháng      năm 2024"
    texts = [p.text for p in document.paragraphs]
    assert "Kính gửi: Ủy ban nhân dân huyện (qua Phòng Nội vụ)." in texts
    assert "Mã đơn vị: 18205" in texts
    assert table_rows(path) == [
        # The key column is last, hidden text in a hairline column: people see TT only.
        ["1", "Hồ sơ thủ tục hành chính quá hạn giải quyết", "13 hồ sơ (chỉ tiêu: không có hồ sơ)", "", "", "", "",
         "tthc-qua-han"],
        ["2", "Tỷ lệ số hóa hồ sơ", "68,09% (chỉ tiêu: ≥ 70%)", "", "", "", "", "so-hoa"],
        ["3", "Có công chức vi phạm kỷ luật", "", "", "", "", "01 công chức bị kỷ luật khiển trách", "ky-luat"],
        ["4", "Thu ngân sách thấp", "", "", "", "", "", "thu-ngan-sach"],
    ]
    hidden = document.tables[1].rows[1].cells[-1].paragraphs[0].runs[0]
    assert hidden.font.hidden and hidden.text == "tthc-qua-han"
    # The general tasks of the letter follow, and the commune's own signer block.
    assert sum(t.startswith("- ") and "Lưu" not in t for t in texts) == 14
    assert document.tables[-1].rows[0].cells[0].text.split("\n")[-1] == "- Lưu: VT, VP."


def test_a_commune_without_shortfall_gets_a_form_that_says_so(cchc, ws):
    run_forms(cchc, ws)
    for stem in NO_SHORTFALL:
        path = ws / "output" / "forms" / f"{stem}.docx"
        texts = [p.text for p in docx.Document(str(path)).paragraphs]
        assert "Qua kiểm tra, đơn vị không có tồn tại, hạn chế phải khắc phục." in texts
        assert table_rows(path) == []
        assert any(t.startswith("- Nâng cao vai trò") for t in texts)
    phu_chau = [p.text for p in docx.Document(str(ws / "output/forms/son-long.docx")).paragraphs]
    assert "Qua kiểm tra, đơn vị không có tồn tại, hạn chế phải khắc phục." not in phu_chau


def test_excel_sheet_keys_statuses_dates_and_protection(cchc, ws):
    run_forms(cchc, ws)
    wb = openpyxl.load_workbook(ws / "output" / "forms" / "tay-son.xlsx")
    sheet = wb.worksheets[0]
    assert sheet.title == "Phieu"
    assert (sheet["B2"].value, sheet["B3"].value, sheet["B4"].value) == ("18136", "thị trấn Tây Sơn", "06 tháng đầu năm 2024")
    assert [c.value for c in sheet[6]] == ["TT", "Tồn tại, hạn chế", "Số liệu", "Kết quả khắc phục",
                                           "Tình trạng", "Ngày hoàn thành", "Ghi chú", "Mã dòng"]
    assert [c.value for c in sheet[7]][:3] == ["1", "Hồ sơ thủ tục hành chính quá hạn giải quyết",
                                               "01 hồ sơ (chỉ tiêu: không có hồ sơ)"]
    # The row key people never need to read: hidden column H, locked.
    assert sheet["H7"].value == "18136-tthc-qua-han" and sheet.column_dimensions["H"].hidden
    assert sheet["H7"].protection.locked
    assert sheet.max_row == 7
    lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert lists[0].formula1 == '"Đã khắc phục,Đang khắc phục,Chưa khắc phục"' and "E7" in str(lists[0].sqref)
    assert any(dv.type == "date" and "F7" in str(dv.sqref) for dv in sheet.data_validations.dataValidation)
    assert sheet.protection.sheet
    assert sheet["A7"].protection.locked and sheet["B2"].protection.locked
    assert not sheet["E7"].protection.locked and not sheet["F7"].protection.locked
    assert sheet["F7"].number_format == "dd/mm/yyyy"


def test_only_by_code_or_name_in_any_spelling(cchc, ws):
    paths = run_forms(cchc, ws, "--only", "sơn kim 1, 18205,An Hoà Thịnh", "--format", "docx")
    assert [p.name for p in paths] == ["son-kim-1.docx", "son-long.docx", "an-hoa-thinh.docx", "manifest.csv"]
    result = cchc("forms", "-w", ws, "--only", "Son Kim 3")
    assert result.exit_code == 2
    assert "tùy chọn --only: không có đơn vị 'Son Kim 3'" in result.stderr and "Sơn Kim 1" in result.stderr
    assert "cột" not in result.stderr
    assert cchc("forms", "-w", ws, "--format", "pdf").exit_code == 2


def test_same_data_same_bytes_and_parallel_jobs_agree(cchc, ws, tmp_path):
    run_forms(cchc, ws)
    first = {p.name: p.read_bytes() for p in (ws / "output" / "forms").iterdir()}
    run_forms(cchc, ws, "--jobs", "2", "-o", tmp_path / "par")
    second = {p.name: p.read_bytes() for p in (tmp_path / "par" / "forms").iterdir()}
    assert first == second


class Killed(BaseException):
    """Stands for SIGKILL: nothing in the program may catch it."""


def test_an_interrupted_batch_leaves_only_complete_files_and_a_rerun_finishes(cchc, ws, monkeypatch):
    from cchc_docs.ooxml import package

    real = package.BatchWriter.add
    calls = {"n": 0}

    def dies_on_the_seventh(self, path, data):
        calls["n"] += 1
        if calls["n"] == 7:
            # Killed in the middle of writing: half the bytes in the temporary file.
            Path(path).parent.joinpath(f".{Path(path).name}.dead.part").write_bytes(data[: len(data) // 2])
            raise Killed
        return real(self, path, data)

    monkeypatch.setattr(package.BatchWriter, "add", dies_on_the_seventh)
    with pytest.raises(Killed):
        cchc("forms", "-w", ws)
    folder = ws / "output" / "forms"
    complete = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert len(complete) == 6 and not (folder / "manifest.csv").exists()
    for name in complete:  # every file present is whole
        if name.endswith(".docx"):
            docx.Document(str(folder / name))
        else:
            openpyxl.load_workbook(folder / name)
    monkeypatch.setattr(package.BatchWriter, "add", real)
    run_forms(cchc, ws)
    assert len(list(folder.iterdir())) == 51 and not list(folder.glob(".*"))


def test_names_with_markup_characters_are_escaped_and_slugs_stay_safe(cchc, ws):
    edit_csv(ws / "data" / "communes.csv",
             change=lambda r: {**r, "name": "Sơn <Long> & Hà"} if r["code"] == "18205" else r,
             add=[{"code": "99002", "name": "../../etc", "type": "xã", "district": "", "province": ""}])
    edit_csv(ws / "data" / "findings.csv",
             change=lambda r: {**r, "commune": "18205"} if r["commune"] == "Sơn Long" else r)
    paths = run_forms(cchc, ws, "--only", "18205,99002", "--format", "docx")
    assert [p.name for p in paths[:2]] == ["son-long-ha.docx", "etc.docx"]
    assert all(p.parent == ws / "output" / "forms" for p in paths)
    text = docx.Document(str(paths[0])).tables[0].rows[0].cells[0].text
    assert "ỦY BAN NHÂN DÂN\nXÃ SƠN <LONG> & HÀ" in text


def test_every_form_passes_the_decree_30_checker(cchc, ws):
    run_forms(cchc, ws, "--format", "docx")
    forms = sorted((ws / "output" / "forms").glob("*.docx"))
    result = cchc("check", "--draft", *forms)
    assert result.exit_code == 0, result.stdout
    assert "Đã kiểm tra 25 tệp: 25 đạt." in result.stderr


def test_forms_open_in_libreoffice(cchc, ws, tmp_path):
    import subprocess

    from conftest import needs

    needs("soffice")
    needs("pdftotext")
    run_forms(cchc, ws, "--only", "Sơn Long,Phố Châu", "--format", "docx")
    result = cchc("pdf", ws / "output/forms/son-long.docx", ws / "output/forms/pho-chau.docx", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "son-long.pdf"), "-"], capture_output=True,
                                  text=True).stdout.split())
    assert "ỦY BAN NHÂN DÂN XÃ SƠN LONG" in text and "68,09%" in text
    assert (tmp_path / "pho-chau.pdf").stat().st_size > 0


def test_prepared_excel_sheet_is_byte_identical_to_openpyxls(ws):
    """The batch renders sheets from a prototype; openpyxl's own output is the reference."""
    import datetime as dt

    from cchc_docs import forms, workspace
    from cchc_docs.dataset import load_dataset
    from cchc_docs.ooxml.workbook import PreparedWorkbook, workbook_bytes

    edit_csv(ws / "data" / "communes.csv",
             change=lambda r: {**r, "name": "Sơn <Long> & \"Hà\""} if r["code"] == "18205" else r)
    edit_csv(ws / "data" / "findings.csv",
             change=lambda r: {**r, "commune": "18205"} if r["commune"] == "Sơn Long" else r)
    config = workspace.load(ws).config
    dataset = load_dataset(ws / "data")
    stamp = dt.datetime(2024, 1, 1)
    prepared = PreparedWorkbook(config.campaign.period, STATUSES, stamp)
    for commune in dataset.communes:  # 20 with rows (1 to 5), 5 without
        _, rows = forms.compose(config, dataset, commune)
        assert prepared.render(commune.code, commune.title, rows) == workbook_bytes(
            commune.code, commune.title, config.campaign.period, rows, STATUSES, stamp), commune.name
