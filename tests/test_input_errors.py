"""Bad input gives one clear message naming file, row and column, exit 2, nothing written."""

from __future__ import annotations

import pytest

from test_letter import edit_csv


def fails(cchc, ws, *args):
    result = cchc(*(args or ("letter",)), "-w", ws)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not (ws / "output").exists() or not any((ws / "output").iterdir())
    return result.stderr


def test_missing_file(cchc, ws):
    (ws / "data" / "findings.csv").unlink()
    err = fails(cchc, ws)
    assert "không tìm thấy tệp dữ liệu findings.csv hoặc findings.xlsx" in err
    assert "đặt tệp findings.csv" in err


def test_missing_column(cchc, ws):
    path = ws / "data" / "findings.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("commune,indicator,value,note", "commune,indicator,so,note"),
                    encoding="utf-8")
    err = fails(cchc, ws)
    assert "findings.csv, dòng 1, cột 'value': thiếu cột 'value'" in err


def test_vietnamese_headers_are_accepted(cchc, ws):
    path = ws / "data" / "findings.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("commune,indicator,value,note",
                                                             "Tên đơn vị,Chỉ tiêu,Giá trị,Ghi chú"), encoding="utf-8")
    assert cchc("letter", "-w", ws).exit_code == 0


def test_unknown_commune_suggests_the_closest_names(cchc, ws):
    edit_csv(ws / "data" / "findings.csv",
             change=lambda r: {**r, "commune": "Sơn Linh"} if r["commune"] == "Sơn Lĩnh" and r["indicator"] == "ke-hoach" else r)
    err = fails(cchc, ws)
    assert "findings.csv, dòng 2, cột 'commune': không có đơn vị 'Sơn Linh' trong danh sách communes" in err
    assert "có phải: Sơn Lĩnh" in err


def test_unknown_indicator(cchc, ws):
    edit_csv(ws / "data" / "findings.csv", add=[{"commune": "Sơn Hàm", "indicator": "so-hoaa", "value": "50%", "note": ""}])
    err = fails(cchc, ws)
    assert "cột 'indicator': không có chỉ tiêu 'so-hoaa' trong indicators" in err and "so-hoa" in err


def test_value_that_is_not_a_number(cchc, ws):
    edit_csv(ws / "data" / "findings.csv",
             change=lambda r: {**r, "value": "mười ba"} if (r["commune"], r["indicator"]) == ("Sơn Long", "tthc-qua-han") else r)
    err = fails(cchc, ws)
    assert "cột 'value': 'mười ba' không phải là số" in err and "tthc-qua-han" in err


def test_duplicate_row(cchc, ws):
    edit_csv(ws / "data" / "findings.csv", add=[{"commune": "sơn lĩnh", "indicator": "ke-hoach", "value": "x", "note": ""}])
    err = fails(cchc, ws)
    assert "trùng với dòng 2: Sơn Lĩnh đã có số liệu chỉ tiêu 'ke-hoach'" in err


def test_empty_file(cchc, ws):
    (ws / "data" / "communes.csv").write_bytes(b"")
    err = fails(cchc, ws)
    assert "communes.csv: tệp trống, không có dữ liệu" in err


def test_spreadsheet_with_the_data_on_another_sheet(cchc, ws):
    import csv

    import openpyxl

    with (ws / "data" / "findings.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    (ws / "data" / "findings.csv").unlink()
    wb = openpyxl.Workbook()
    wb.active.title = "Huong dan"
    wb.active.append(["Hướng dẫn"])
    wb.active.append(["Nhập số liệu ở trang sau"])
    data = wb.create_sheet("So lieu")
    for row in table:
        data.append(row)
    wb.save(ws / "data" / "findings.xlsx")
    # The one sheet whose header row holds the columns is read, wherever it is.
    assert cchc("letter", "-w", ws).exit_code == 0
    import shutil

    shutil.rmtree(ws / "output")
    # Two sheets that both hold the columns: refused, never a guess.
    wb = openpyxl.load_workbook(ws / "data" / "findings.xlsx")
    wb.copy_worksheet(wb["So lieu"]).title = "So lieu (2)"
    wb.save(ws / "data" / "findings.xlsx")
    err = fails(cchc, ws)
    assert ("findings.xlsx: có 2 trang tính cùng có các cột dữ liệu ('So lieu', 'So lieu (2)'): "
            "không biết dùng trang nào") in err


def test_not_a_workspace(cchc, tmp_path):
    result = cchc("letter", "-w", tmp_path)
    assert result.exit_code == 2
    assert "không có tệp cchc.toml" in result.stderr and "cchc init" in result.stderr


def test_bad_date_option(cchc, ws):
    result = cchc("letter", "-w", ws, "--date", "5/7/2024")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_validate_reports_every_problem_at_once(cchc, ws):
    edit_csv(ws / "data" / "findings.csv",
             change=lambda r: {**r, "value": "abc"} if (r["commune"], r["indicator"]) == ("Sơn Long", "tthc-qua-han") else r,
             add=[{"commune": "Xã Không Có", "indicator": "ke-hoach", "value": "x", "note": ""},
                  {"commune": "Sơn Hàm", "indicator": "khong-co", "value": "x", "note": ""}])
    edit_csv(ws / "data" / "communes.csv", add=[{"code": "1", "name": "Lạ", "type": "huyện", "district": "", "province": ""}])
    err = fails(cchc, ws, "validate")
    assert err.count("Lỗi:") == 4
    assert "loại đơn vị 'huyện' không hợp lệ" in err
    assert "'abc' không phải là số" in err and "Xã Không Có" in err and "khong-co" in err


def test_validate_on_clean_data(cchc, ws):
    result = cchc("validate", "-w", ws)
    assert result.exit_code == 0
    assert "Dữ liệu hợp lệ: 25 đơn vị, 10 chỉ tiêu, 48 tồn tại của 20 đơn vị." in result.stderr


@pytest.mark.parametrize("bad", ["deadline = 30/8/2024", "deadline = \"sớm\""])
def test_bad_config(cchc, ws, bad):
    path = ws / "cchc.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("deadline = 2024-08-30", bad), encoding="utf-8")
    err = fails(cchc, ws)
    assert "cchc.toml" in err
