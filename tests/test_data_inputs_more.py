"""Files made by other programs than openpyxl (LibreOffice, web exports, Excel's own
quirks at the XML level, concatenated or mis-decoded CSVs): the letter's figures are the
ones typed, or exit 2 with the file, row and column named and nothing written."""

from __future__ import annotations

import time

import pytest

from datakit import Cell, excel_value, raw_xlsx, sample_cells, sample_rows
from letterdoc import footnotes
from test_input_errors import fails
from test_letter import EXPECTED_FOOTNOTES, make_letter


def _workbook(ws, rows=None, sheets=None, **kwargs):
    sheets = sheets or [("So lieu", rows or sample_cells(ws, excel_value))]
    (ws / "data" / "findings.csv").unlink(missing_ok=True)
    path = ws / "data" / "findings.xlsx"
    raw_xlsx(path, sheets, **kwargs)
    return path


def _with(ws, commune, indicator, cell):
    rows = sample_cells(ws, excel_value)
    for row in rows:
        if row[0] == commune and row[1] == indicator:
            row[2] = cell
    return rows


def _csv(ws, text: str, encoding="utf-8"):
    (ws / "data" / "findings.csv").write_bytes(text.encode(encoding))


def _lines(ws, sep=";"):
    header, rows = sample_rows(ws)
    return [sep.join(header)] + [sep.join(r) for r in rows]


# ---------------------------------------------------------------- workbooks other programs write

@pytest.mark.parametrize("kwargs", [
    {"strings": "inline"},  # LibreOffice and many web exports: no shared strings
    {"omit_refs": True},  # cells without `r`, allowed by the standard
    {"defined_table": ("BangSoLieu", "A1:D86")},  # the data in an Excel Table (Ctrl+T)
], ids=["inline-strings", "no-cell-refs", "defined-table"])
def test_workbooks_written_other_ways_give_the_same_letter(cchc, ws, kwargs):
    _workbook(ws, **kwargs)
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


@pytest.mark.parametrize("cell", [
    "15,58\u00a0%", "15,58\u202f%", "15,58\u2009%",  # a space Word or a web page put before %
    Cell(0.1558, fmt="[$-42A]0.00%"),  # Vietnamese-locale percent format
    Cell(0.1558, fmt="0%"),  # shown as 16%, stored as typed: the letter keeps 15,58%
], ids=["nbsp", "narrow-nbsp", "thin-space", "vi-locale-format", "shown-rounded"])
def test_percent_cells_as_offices_leave_them(cchc, ws, cell):
    _workbook(ws, _with(ws, "Sơn Lĩnh", "so-hoa", cell))
    assert footnotes(make_letter(cchc, ws))[3] == "Các xã: Sơn Lĩnh (15,58%), Sơn Châu (47,64%), Sơn Long (68,09%)."


@pytest.mark.parametrize("cell", [
    Cell("13", quote=True),  # '13 typed with Excel's apostrophe: text
    Cell("13", t="str", f='TEXT(13,"0")'),  # a formula whose cached result is text
    Cell(13, fmt="#,##0"), 12.999999999999998,  # a float a formula left a hair off
], ids=["quote-prefix", "str-formula", "thousands-format", "float-noise"])
def test_counts_as_offices_leave_them(cchc, ws, cell):
    _workbook(ws, _with(ws, "Sơn Long", "tthc-qua-han", cell))
    assert footnotes(make_letter(cchc, ws))[1].startswith("Các xã, thị trấn: Sơn Long (13 hồ sơ), Sơn Trung")


def test_a_formatted_cell_in_the_far_corner_is_not_a_billion_cells(cchc, ws):
    """One empty cell styled at XFD1048576 (whole rows and columns formatted): read
    before, the reader walked 17 billion cells and never finished."""
    _workbook(ws, row_xml='<row r="1048576"><c r="XFD1048576" s="0"/></row>')
    start = time.perf_counter()
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES
    assert time.perf_counter() - start < 20  # generous; it takes about a second


def test_rows_formatted_far_below_the_table_are_not_data(cchc, ws):
    rows = sample_cells(ws, excel_value)
    _workbook(ws, rows, row_xml="".join(f'<row r="{r}" s="0" customFormat="1"><c r="C{r}" s="0"/></row>'
                                        for r in range(len(rows) + 1, 20001)))
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_a_merge_reaching_past_the_table_adds_no_rows(cchc, ws):
    rows = sample_cells(ws, excel_value)
    path = _workbook(ws, rows)
    import zipfile

    # A commune's name merged down far past the last row: only rows with data are rows.
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    last = len(rows)
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="A{last}:A5000"/></mergeCells>'.encode())
    with zipfile.ZipFile(path, "w") as zf:
        for n, b in parts.items():
            zf.writestr(n, b)
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_an_empty_sheet1_before_the_data_does_not_hide_its_problem(cchc, ws):
    rows = sample_cells(ws, excel_value)
    rows[0] = ["commune", "indicator", "so", "note"]
    _workbook(ws, sheets=[("Sheet1", []), ("So lieu", rows)])
    err = fails(cchc, ws)
    assert "findings.xlsx, dòng 1, cột 'value': thiếu cột 'value' (trang tính 'So lieu')" in err
    assert "tệp trống" not in err


def test_an_empty_sheet1_after_the_data_is_ignored(cchc, ws):
    _workbook(ws, sheets=[("So lieu", sample_cells(ws, excel_value)), ("Sheet1", [])])
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_a_date1904_workbook_names_the_date_as_excel_shows_it(cchc, ws):
    _workbook(ws, _with(ws, "Sơn Long", "tthc-qua-han", Cell(13, fmt="dd/mm/yyyy")), date1904=True)
    err = fails(cchc, ws)
    assert "findings.xlsx, dòng 24, cột 'value': ô là ngày (14/01/1904), không phải số" in err


# ---------------------------------------------------------------- numbers an English Excel writes

@pytest.mark.parametrize("how", ["xlsx-text", "csv"])
def test_english_thousands_in_a_count_are_refused_never_read_as_decimals(cchc, ws, how):
    """`2,000` is what an English Excel or LibreOffice writes for 2000 in a `#,##0` cell
    (CSV export, or a number pasted as text): before, the letter said Sơn Long (02 hồ sơ)."""
    if how == "csv":
        _csv(ws, "\r\n".join(x.replace("Sơn Long;tthc-qua-han;13;", "Sơn Long;tthc-qua-han;2,000;")
                             for x in _lines(ws)) + "\r\n")
    else:
        _workbook(ws, _with(ws, "Sơn Long", "tthc-qua-han", "2,000"))
    err = fails(cchc, ws)
    assert ("dòng 24, cột 'value': '2,000' không rõ là 2 hay 2000 (Excel tiếng Anh dùng dấu phẩy tách "
            "hàng nghìn): ghi 2, hoặc 2000 (hay 2.000) (chỉ tiêu 'tthc-qua-han')") in err


def test_a_count_target_with_english_thousands_is_refused(cchc, ws):
    path = ws / "data" / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",count,hồ sơ,0,max,", ',count,hồ sơ,"1,000",max,'),
                    encoding="utf-8")
    err = fails(cchc, ws)
    assert "indicators.csv, dòng 3, cột 'target': '1,000' không rõ là 1 hay 1000" in err


# ---------------------------------------------------------------- rows that are not a commune's

@pytest.mark.parametrize("label", ["Tổng cộng", "TỔNG CỘNG", "Cộng"])
def test_a_totals_row_is_named_not_looked_up(cchc, ws, label):
    _csv(ws, "\r\n".join(_lines(ws) + [f"{label};;48;"]) + "\r\n")
    err = fails(cchc, ws)
    assert (f"findings.csv, dòng 87, cột 'commune': dòng '{label}' là dòng tổng, không phải số liệu "
            f"của một đơn vị — xóa dòng tổng khỏi bảng") in err
    assert err.count("Lỗi:") == 1


def test_a_totals_row_under_an_excel_table(cchc, ws):
    _workbook(ws, sample_cells(ws, excel_value) + [["Tổng cộng", None, Cell(48, f="SUM(C2:C86)"), None]])
    err = fails(cchc, ws)
    assert "findings.xlsx, dòng 87, cột 'commune': dòng 'Tổng cộng' là dòng tổng" in err


def test_two_csv_files_pasted_together_are_named(cchc, ws):
    """`copy a.csv+b.csv`: the second file's BOM and header land in the middle."""
    lines = _lines(ws)
    _csv(ws, "\ufeff" + "\r\n".join(lines[:40]) + "\r\n\ufeff" + "\r\n".join([lines[0]] + lines[40:]) + "\r\n")
    err = fails(cchc, ws)
    assert ("findings.csv, dòng 41: dòng lặp lại dòng tên cột (dòng 1): có lẽ hai tệp bị nối vào nhau — "
            "xóa dòng này") in err
    assert "không có đơn vị 'commune'" not in err


# ---------------------------------------------------------------- encodings

def test_utf16_without_a_bom_is_read(cchc, ws):
    _csv(ws, "\r\n".join(_lines(ws, "\t")) + "\r\n", encoding="utf-16-le")
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_excels_unicode_text_export(cchc, ws):
    """Excel's `Unicode Text (*.txt)` saved as .csv: UTF-16LE with BOM, tabs, CRLF."""
    _csv(ws, "\ufeff" + "\r\n".join(_lines(ws, "\t")) + "\r\n", encoding="utf-16-le")
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_utf8_read_as_windows_1252_is_refused_with_the_text_it_was(cchc, ws):
    """A UTF-8 CSV opened by Excel without a BOM and saved again: `Sơn Lĩnh` is `SÆ¡n LÄ©nh`.
    A note so garbled would otherwise reach a commune's form as it is."""
    text = "\r\n".join(_lines(ws)) + "\r\n"
    garbled = "SÆ¡n Long;tthc-qua-han;13;" + "quÃ¡ háº¡n"
    text = text.replace("Sơn Long;tthc-qua-han;13;", garbled)
    _csv(ws, text)
    err = fails(cchc, ws)
    assert ("findings.csv, dòng 24, cột 'commune': chữ bị lỗi mã 'SÆ¡n Long': chữ UTF-8 bị mở nhầm bằng "
            "bảng mã Windows-1252 (đúng ra là 'Sơn Long')") in err
    assert "findings.csv, dòng 24, cột 'note': chữ bị lỗi mã 'quÃ¡ háº¡n'" in err and "'quá hạn'" in err


@pytest.mark.parametrize("text", ["Sơn Châu", "Tây Sơn", "Â Ê Ô à á â ã è é ê ì í ò ó ô õ ù ú ý", "Hoà Bình ©"])
def test_vietnamese_text_is_never_taken_for_mojibake(text):
    from cchc_docs.dataset.read import mojibake

    assert mojibake(text) is None


# ---------------------------------------------------------------- returned forms

def _son_tay(ws, value, fmt="@", name="son-tay-bao-cao-khac-phuc.xlsx", mtime=None):
    """The sample's Sơn Tây return with its `Ngày báo cáo` (B5) written another way."""
    import os

    import openpyxl

    src = ws / "data" / "results" / "son-tay-bao-cao-khac-phuc.xlsx"
    wb = openpyxl.load_workbook(src)
    wb.worksheets[0]["B5"].value = value
    wb.worksheets[0]["B5"].number_format = fmt
    dest = src.with_name(name)
    wb.save(dest)
    if mtime is not None:
        os.utime(dest, (mtime, mtime))
    return dest


def _son_tay_line(result):
    return next(line for line in result.stdout.splitlines() if line.startswith("xã Sơn Tây "))


@pytest.mark.parametrize("value, fmt, note", [
    ("05/9/2024", "@", "chậm, ngày 05/9/2024"),  # typed as text
    ("ngày 05 tháng 9 năm 2024", "@", "chậm, ngày 05/9/2024"),
    ("45540", "@", "không ghi ngày"),  # a serial pasted into a text cell: not guessed
])
def test_a_returns_date_typed_as_text(cchc, ws, value, fmt, note):
    _son_tay(ws, value, fmt)
    result = cchc("results", "-w", ws)
    assert result.exit_code == 0, result.stderr
    assert _son_tay_line(result).endswith(note)
    if note == "không ghi ngày":
        assert ("son-tay-bao-cao-khac-phuc.xlsx: ngày báo cáo '45540' không phải là ngày: coi như không "
                "ghi ngày") in result.stderr


def test_two_returns_of_one_commune_are_told_apart_by_their_own_dates(cchc, ws):
    """The later-dated return counts even when its file is older, and the message gives
    the dates that decided it (before: "newer" beside an older modification time)."""
    import datetime as dt

    _son_tay(ws, dt.datetime(2024, 9, 5), "dd/mm/yyyy", mtime=1_000_000_000)  # file time 2001
    _son_tay(ws, dt.datetime(2024, 8, 20), "dd/mm/yyyy", name="son-tay-ban-sua.xlsx")  # file time now
    result = cchc("results", "-w", ws)
    assert result.exit_code == 0, result.stderr
    assert ("son-tay-ban-sua.xlsx: xã Sơn Tây gửi 2 bản; dùng bản có ngày báo cáo mới hơn "
            "'son-tay-bao-cao-khac-phuc.xlsx' (ngày báo cáo 05/9/2024), bỏ qua bản này (ngày báo cáo "
            "20/8/2024)") in result.stderr
    assert _son_tay_line(result).endswith("chậm, ngày 05/9/2024")


def test_returns_saved_again_by_libreoffice_read_the_same(cchc, ws, tmp_path):
    """Every sample return (Word and Excel) round-tripped through LibreOffice: the same table."""
    import shutil
    import subprocess

    from conftest import needs

    needs("soffice")
    results = ws / "data" / "results"
    before = cchc("results", "-w", ws)
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    for kind in ("xlsx", "docx"):
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", kind,
                        "--outdir", str(out), *map(str, sorted(results.glob(f"*.{kind}")))],
                       capture_output=True, timeout=240)
    converted = sorted(out.glob("*"))
    if len([p for p in converted if p.suffix == ".xlsx"]) < len(list(results.glob("*.xlsx"))):
        pytest.skip("this LibreOffice has no Calc to convert spreadsheets")
    shutil.rmtree(results)
    shutil.copytree(out, results)
    after = cchc("results", "-w", ws)
    assert after.exit_code == 0, after.stderr
    assert after.stdout == before.stdout and after.stderr == before.stderr


# ---------------------------------------------------------------- decimals as typed

def _so_hoa_csv(ws, typed):
    _csv(ws, "\r\n".join(x.replace("Sơn Lĩnh;so-hoa;15,58%;", f"Sơn Lĩnh;so-hoa;{typed};")
                         for x in _lines(ws)) + "\r\n")


@pytest.mark.parametrize("typed, note", [
    # 69,996% against a target of 70%: before, the letter listed it as a shortfall of "70%".
    ("69,996%", "Các xã: Sơn Châu (47,64%), Sơn Long (68,09%), Sơn Lĩnh (69,996%)."),
    ("15,585%", "Các xã: Sơn Lĩnh (15,585%), Sơn Châu (47,64%), Sơn Long (68,09%)."),  # before: 15,58%
])
def test_a_typed_rate_keeps_every_decimal(cchc, ws, typed, note):
    _so_hoa_csv(ws, typed)
    assert footnotes(make_letter(cchc, ws))[3] == note


@pytest.mark.parametrize("cell, shown", [
    (Cell(0.15585, fmt="0.00%"), "15,585%"),  # typed: every decimal typed
    (Cell(0.155844155844156, fmt="0.00%", f="C90/C91"), "15,58%"),  # a formula: as the sheet shows it
    (Cell(0.69996, fmt="0.00%", f="C90/C91"), None),  # shows 70,00%: meets the target of 70%
    (Cell(0.69996, fmt="0.000%", f="C90/C91"), "69,996%"),
])
def test_excel_rates_typed_and_computed(cchc, ws, cell, shown):
    _workbook(ws, _with(ws, "Sơn Lĩnh", "so-hoa", cell))
    note = footnotes(make_letter(cchc, ws))[3]
    if shown is None:
        assert note == "Các xã: Sơn Châu (47,64%), Sơn Long (68,09%)."
    elif shown.startswith("69"):
        assert note.endswith(f"Sơn Lĩnh ({shown}).")
    else:
        assert note.startswith(f"Các xã: Sơn Lĩnh ({shown}),")


def test_a_computed_count_is_never_rounded_to_a_whole(cchc, ws):
    """=AVERAGE(...) of 12,6 shown as 13 by a `0` format is not 13 hồ sơ."""
    _workbook(ws, _with(ws, "Sơn Long", "tthc-qua-han", Cell(12.6, fmt="0", f="AVERAGE(C90:C91)")))
    err = fails(cchc, ws)
    assert "findings.xlsx, dòng 24, cột 'value': '12,6' không phải số nguyên" in err


def test_headers_with_a_gloss_a_line_break_or_a_trailing_space(cchc, ws):
    """`Số liệu (hồ sơ, %)`, `Ghi chú` + Alt+Enter + `(nếu có)`, `Chỉ tiêu ` as offices head columns."""
    rows = sample_cells(ws, excel_value)
    rows[0] = ["Tên đơn vị", "Chỉ tiêu ", "Số liệu (hồ sơ, %)", "Ghi chú\n(nếu có)"]
    _workbook(ws, rows)
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_an_excel_true_in_a_count_is_named_as_such(cchc, ws):
    _workbook(ws, _with(ws, "Sơn Long", "tthc-qua-han", True))
    err = fails(cchc, ws)
    assert ("findings.xlsx, dòng 24, cột 'value': ô là giá trị TRUE (đúng/sai) của Excel, không phải số: "
            "ghi số vào ô (chỉ tiêu 'tthc-qua-han')") in err


def test_a_row_hidden_by_a_filter_is_one_message(cchc, ws):
    _workbook(ws, hidden_rows=(24,))
    err = fails(cchc, ws)
    assert err.count("dòng đang bị ẩn trong Excel") == 1
    assert "findings.xlsx, dòng 24, cột 'commune': dòng đang bị ẩn trong Excel" in err
