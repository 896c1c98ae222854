"""The office's real files: each either gives exactly the figures the clerk typed in the
letter (read back from the .docx footnotes), or exit 2 with a message naming file, row
and column, and nothing written."""

from __future__ import annotations

import time

import pytest

from datakit import (cp1258, replace_in_docx, sample_rows, set_cached_values, write_findings_xlsx,
                     write_semicolon_csv, zip_bomb_xlsx)
from letterdoc import footnotes
from test_input_errors import fails
from test_letter import EXPECTED_FOOTNOTES, make_letter


def _as_xlsx(ws, **kwargs):
    header, rows = sample_rows(ws)
    (ws / "data" / "findings.csv").unlink()
    path = ws / "data" / "findings.xlsx"
    write_findings_xlsx(path, header, rows, **kwargs)
    return path


def _as_semicolon_csv(ws, encoding="utf-8-sig", change=None, title=None):
    header, rows = sample_rows(ws)
    if change:
        rows = [change(list(r)) for r in rows]
    write_semicolon_csv(ws / "data" / "findings.csv", header, rows, encoding=encoding, title=title)


def _set_value(commune, indicator, value, note=None):
    def change(row):
        if row[0] == commune and row[1] == indicator:
            row[2] = value
            if note is not None:
                row[3] = note
        return row
    return change


# ---------------------------------------------------------------- spreadsheets as typed

def test_excel_percent_cells_are_the_percent_typed(cchc, ws):
    """15,58% typed in Excel is stored 0.1558 with a % format: the letter says 15,58%."""
    _as_xlsx(ws)
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES
    assert footnotes(make_letter(cchc, ws))[3] == "Các xã: Sơn Lĩnh (15,58%), Sơn Châu (47,64%), Sơn Long (68,09%)."


def test_validate_counts_are_the_letters(cchc, ws):
    _as_xlsx(ws)
    result = cchc("validate", "-w", ws)
    assert result.exit_code == 0, result.stderr
    assert "Dữ liệu hợp lệ: 25 đơn vị, 10 chỉ tiêu, 48 tồn tại của 20 đơn vị." in result.stderr + result.stdout
    # The letter names the same 48 shortfalls (one commune name per shortfall in the footnotes).
    import re

    names = {r.split(",")[1] for r in (ws / "data" / "communes.csv").read_text(encoding="utf-8").splitlines()[1:]}
    tokens = [re.sub(r" \(.*\)$", "", t.strip(" .")) for note in footnotes(make_letter(cchc, ws))
              for t in re.split(r", |: |\. ", note)]
    assert sum(1 for t in tokens if t in names or t.removeprefix("Xã ") in names) == 48


def test_title_row_and_merged_caption_above_the_header(cchc, ws):
    _as_xlsx(ws, title="BẢNG TỔNG HỢP KẾT QUẢ KIỂM TRA CCHC 6 THÁNG ĐẦU NĂM 2024")
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_title_row_above_the_header_in_a_csv(cchc, ws):
    _as_semicolon_csv(ws, title="Bảng tổng hợp;;;")
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_formula_with_a_cached_value_is_its_value(cchc, ws):
    def formula(sh):
        for row in sh.iter_rows(min_row=2):
            if row[0].value == "Sơn Long" and row[1].value == "tthc-qua-han":
                row[2].value = "=10+3"
                ref = row[2].coordinate
        sh.parent.cchc_ref = ref
    path = _as_xlsx(ws, edit=formula)
    import openpyxl

    ref = next(c.coordinate for r in openpyxl.load_workbook(path).active.iter_rows() for c in r
               if c.value == "=10+3")
    set_cached_values(path, {ref: "13"})
    assert footnotes(make_letter(cchc, ws))[1].startswith("Các xã, thị trấn: Sơn Long (13 hồ sơ),")


def test_formula_without_a_cached_value_is_an_error_naming_the_cell(cchc, ws):
    def formula(sh):
        for row in sh.iter_rows(min_row=2):
            if row[0].value == "Sơn Long" and row[1].value == "tthc-qua-han":
                row[2].value = "=10+3"
    _as_xlsx(ws, edit=formula)
    err = fails(cchc, ws)
    assert ("findings.xlsx, dòng 24, cột 'value': ô C24 có công thức (=10+3) nhưng tệp không lưu kết "
            "quả tính — mở tệp bằng Excel") in err
    assert err.count("Lỗi:") == 1


def test_excel_error_cell(cchc, ws):
    def na(sh):
        sh["C24"].value = "#N/A"
        sh["C24"].data_type = "e"
    _as_xlsx(ws, edit=na)
    err = fails(cchc, ws)
    assert "findings.xlsx, dòng 24, cột 'value': ô C24 có lỗi Excel #N/A" in err


def test_hidden_row_is_refused(cchc, ws):
    _as_xlsx(ws, edit=lambda sh: setattr(sh.row_dimensions[24], "hidden", True))
    err = fails(cchc, ws)
    assert "findings.xlsx, dòng 24, cột 'commune': dòng đang bị ẩn trong Excel" in err
    assert "hiện lại dòng (Unhide)" in err


def test_numbers_stored_as_text_and_integer_floats(cchc, ws):
    def as_text(sh):
        for row in sh.iter_rows(min_row=2):
            if isinstance(row[2].value, int):
                row[2].value = float(row[2].value)  # 13.0
            elif isinstance(row[2].value, float):
                row[2].value = f"{row[2].value * 100:.2f}".replace(".", ",").rstrip("0").rstrip(",") + "%"
    _as_xlsx(ws, edit=as_text)
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_two_sheets_with_data_are_refused(cchc, ws):
    _as_xlsx(ws, edit=lambda sh: sh.parent.copy_worksheet(sh))
    err = fails(cchc, ws)
    assert "có 2 trang tính cùng có các cột dữ liệu ('So lieu', 'So lieu Copy')" in err


# ---------------------------------------------------------------- CSV as Excel writes it

def test_semicolon_csv_utf8_bom_crlf_unquoted_decimal_commas(cchc, ws):
    _as_semicolon_csv(ws)
    raw = (ws / "data" / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";15,58%;" in raw and b"\r\n" in raw
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_semicolon_csv_in_windows_1258(cchc, ws):
    _as_semicolon_csv(ws, encoding="cp1258")
    raw = (ws / "data" / "findings.csv").read_bytes()
    assert "Lĩnh".encode("utf-8") not in raw and cp1258("Lĩnh") in raw
    # Combining tone marks composed back: the names match communes.csv (NFC).
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_tcvn3_is_refused_naming_the_encoding(cchc, ws):
    path = ws / "data" / "findings.csv"
    text = path.read_text(encoding="utf-8").replace("Sơn Lĩnh", "S\x00n L\x01nh")
    # `Sơn Lĩnh` in TCVN3 (ABC): ơ is 0xAC, ĩ is 0xDC.
    path.write_bytes(text.encode("ascii", errors="replace").replace(b"\x00", b"\xac").replace(b"\x01", b"\xdc")
                     .replace(b"?", b"\xac"))
    err = fails(cchc, ws)
    assert "findings.csv: tệp dùng bảng mã TCVN3 (ABC): không đọc được chữ tiếng Việt" in err
    assert "Unikey" in err


def test_unquoted_decimal_comma_in_a_comma_csv_is_not_15_percent(cchc, ws):
    path = ws / "data" / "findings.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"15,58%"', "15,58%"), encoding="utf-8")
    err = fails(cchc, ws)
    assert ("findings.csv, dòng 42: dòng có 5 ô nhưng dòng tên cột chỉ có 4 cột (thừa: '')" in err
            or "findings.csv, dòng 42" in err)
    assert 'phải nằm trong ngoặc kép ("15,58%")' in err


def test_split_decimal_with_a_note_column_taking_the_rest(cchc, ws):
    path = ws / "data" / "findings.csv"
    text = path.read_text(encoding="utf-8").replace('Sơn Lĩnh,so-hoa,"15,58%",', "Sơn Lĩnh,so-hoa,15,58%")
    path.write_text(text, encoding="utf-8")
    err = fails(cchc, ws)
    assert ("findings.csv, dòng 42, cột 'value': '15' rồi '58%' ở hai cột liền nhau: có vẻ là số "
            "thập phân 15,58% bị dấu phẩy tách làm hai") in err


# ---------------------------------------------------------------- Vietnamese numbers

@pytest.mark.parametrize("typed, expected", [
    ("1.000", "1000 hồ sơ"), ("1 000", "1000 hồ sơ"), ("1\u00a0000", "1000 hồ sơ"), ("13", "13 hồ sơ"),
])
def test_thousands_separators(cchc, ws, typed, expected):
    _as_semicolon_csv(ws, change=_set_value("Sơn Long", "tthc-qua-han", typed))
    assert f"Sơn Long ({expected})" in footnotes(make_letter(cchc, ws))[1]


@pytest.mark.parametrize("typed", ["15,58 %", "15,58", "15,580%"])
def test_percent_spellings(cchc, ws, typed):
    _as_semicolon_csv(ws, change=_set_value("Sơn Lĩnh", "so-hoa", typed))
    assert footnotes(make_letter(cchc, ws))[3] == EXPECTED_FOOTNOTES[3]


@pytest.mark.parametrize("typed, message", [
    ("1,5", "'1,5' không phải số nguyên: số lượng không thể có phần lẻ"),
    ("1,234", "'1,234' không rõ là 1 hay 1234 (Excel tiếng Anh dùng dấu phẩy tách hàng nghìn): "
              "ghi 1, hoặc 1234 (hay 1.234)"),
    ("2,000", "'2,000' không rõ là 2 hay 2000"),  # `#,##0` exported by an English Excel: never 2
    ("1.5", "'1.5' không rõ là số nào: dấu chấm (hoặc dấu cách) chỉ dùng để tách hàng nghìn"),
    ("1,234.5", "'1,234.5' không rõ là số nào"),
    ("-3", "số liệu âm (-3) không hợp lệ"),
    ("5%", "'5%' là tỷ lệ phần trăm nhưng chỉ tiêu là số lượng"),
    ("mười ba", "'mười ba' không phải là số"),
])
def test_ambiguous_or_wrong_counts_are_errors_never_guesses(cchc, ws, typed, message):
    _as_semicolon_csv(ws, change=_set_value("Sơn Long", "tthc-qua-han", typed))
    err = fails(cchc, ws)
    assert f"findings.csv, dòng 24, cột 'value': {message}" in err


@pytest.mark.parametrize("typed, message", [
    ("-", "'-' không phải là tỷ lệ: ghi tỷ lệ thật (0% nếu đúng là không)"),
    ("1.558%", "tỷ lệ 1.558% lớn hơn 100%"),
    ("0,1558", "'0,1558' không rõ là 0,1558% hay 15,58%"),  # Excel stores 15,58% as 0,1558
    ("0,1558%", None),  # said as a percent: kept as typed
])
def test_percent_dash_and_over_100(cchc, ws, typed, message):
    _as_semicolon_csv(ws, change=_set_value("Sơn Lĩnh", "so-hoa", typed))
    if message is None:
        assert footnotes(make_letter(cchc, ws))[3].startswith("Các xã: Sơn Lĩnh (0,1558%),")
    else:
        assert f"dòng 42, cột 'value': {message}" in fails(cchc, ws)


# ---------------------------------------------------------------- blanks and odd characters

@pytest.mark.parametrize("typed", ["", "không", "Không", "0", "-"])
def test_a_blank_or_no_flag_is_not_a_shortfall(cchc, ws, typed):
    _as_semicolon_csv(ws, change=_set_value("Sơn Lĩnh", "ke-hoach", typed))
    assert footnotes(make_letter(cchc, ws))[0] == "Xã Sơn Châu."


def test_count_none_words_mean_zero(cchc, ws):
    _as_semicolon_csv(ws, change=_set_value("Sơn Long", "tthc-qua-han", "không"))
    assert "Sơn Long" not in footnotes(make_letter(cchc, ws))[1]


@pytest.mark.parametrize("char", ["\uffff", "\x01", "\x0b"])
def test_characters_xml_cannot_hold_are_refused_at_the_row(cchc, ws, char):
    _as_semicolon_csv(ws, change=_set_value("Sơn Long", "tthc-qua-han", "13", note=f"ghi{char}chú"))
    err = fails(cchc, ws)
    assert (f"findings.csv, dòng 24, cột 'note': ô chứa ký tự điều khiển U+{ord(char):04X}, không đưa "
            f"được vào văn bản Word") in err


def test_bom_in_a_header_cell_and_percent_in_a_header(cchc, ws):
    header, rows = sample_rows(ws)
    header = ["\ufeffTên đơn vị", "Chỉ tiêu", "Giá trị (%)", "Ghi chú"]
    write_semicolon_csv(ws / "data" / "findings.csv", header, rows, encoding="utf-8")
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_duplicated_header_is_refused(cchc, ws):
    header, rows = sample_rows(ws)
    write_semicolon_csv(ws / "data" / "findings.csv", header + ["value"], [r + [""] for r in rows])
    err = fails(cchc, ws)
    assert "findings.csv, dòng 1, cột 'value': tên cột 'value' xuất hiện 2 lần (các cột thứ 3, 5)" in err


# ---------------------------------------------------------------- limits

def test_zip_bomb_findings_is_refused_fast(cchc, ws):
    (ws / "data" / "findings.csv").unlink()
    zip_bomb_xlsx(ws / "data" / "findings.xlsx", 100)
    assert (ws / "data" / "findings.xlsx").stat().st_size < 1024 * 1024
    start = time.perf_counter()
    err = fails(cchc, ws)
    assert time.perf_counter() - start < 10  # generous; bench figure in README
    assert "findings.xlsx: tệp Excel bị từ chối: phần xl/worksheets/sheet1.xml quá lớn (104857" in err


def test_oversized_csv_is_refused(cchc, ws, monkeypatch):
    from cchc_docs.dataset import read

    monkeypatch.setattr(read, "MAX_DATA_BYTES", 1000)
    err = fails(cchc, ws)
    assert "communes.csv: tệp quá lớn" in err or "findings.csv: tệp quá lớn" in err


# ---------------------------------------------------------------- templates are data

def _hostile(ws, payload):
    replace_in_docx(ws / "templates" / "letter.docx", "{{ subject }}", payload)


def test_template_cannot_run_code(cchc, ws, tmp_path):
    marker = tmp_path / "pwned"
    _hostile(ws, "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}")
    err = fails(cchc, ws)
    assert not marker.exists()
    assert "letter.docx: mẫu có biểu thức không được phép" in err
    assert "mẫu chỉ được dùng các trường dữ liệu, không được gọi mã lệnh" in err


def test_template_attribute_escape_is_refused(cchc, ws):
    _hostile(ws, "{{ subject.__class__.__mro__[1].__subclasses__() }}")
    err = fails(cchc, ws)
    assert "letter.docx: mẫu có biểu thức không được phép" in err


def test_unclosed_tag_names_the_template_and_paragraph(cchc, ws):
    _hostile(ws, "{{ subject ")
    err = fails(cchc, ws)
    # docxtpl's run merging carries the open tag on to the next `}}`: the paragraph shown
    # is where the tag opens.
    assert "letter.docx: mẫu có thẻ viết sai ở đoạn «V/v {{ subject " in err
    assert "đóng mọi thẻ {{ … }}" in err


# ---------------------------------------------------------------- workspace

def test_init_over_existing_data_refuses_and_keeps_it(cchc, tmp_path):
    target = tmp_path / "office"
    (target / "data").mkdir(parents=True)
    (target / "data" / "findings.csv").write_text("của văn phòng", encoding="utf-8")
    result = cchc("init", target)
    assert result.exit_code == 2
    assert f"Lỗi: {target}: ở đây đã có data: không ghi đè dữ liệu đang có" in result.stderr
    assert (target / "data" / "findings.csv").read_text(encoding="utf-8") == "của văn phòng"
    assert not (target / "cchc.toml").exists() and not (target / "templates").exists()


# (edit, the text of the line the message must name, message with {line}): the line is
# found in the edited file, so the cases hold whatever the sample's cchc.toml looks like.
@pytest.mark.parametrize("edit, anchor, message", [
    (lambda t: t.replace("year = 2024", "year = \"2024\""), 'year = "2024"',
     "cchc.toml, dòng {line}: 'year' trong mục [campaign] phải là một năm, viết 2024 (không có ngoặc kép)"),
    (lambda t: t.replace('position = "CHỦ TỊCH"\n', ""), "[signer]",
     "cchc.toml, dòng {line}: thiếu khóa 'position' trong mục [signer]"),
    (lambda t: t.replace('name = "Trần Bình Thân"', 'name = "Trần Bình Thân"\npositon = "x"'), 'positon = "x"',
     "cchc.toml, dòng {line}: khóa 'positon' không có trong mục [signer] — có phải 'position'?"),
    (lambda t: t.replace('period = "06', 'period "06'), 'period "06',
     "cchc.toml, dòng {line}: viết sai cú pháp, ký tự thứ 8: thiếu dấu '=' sau tên khóa"),
    (lambda t: t.replace('name = "Trần Bình Thân"', 'name = "Trần Bình Thân"\nname = "Khác"'), 'name = "Khác"',
     "cchc.toml, dòng {line}: viết sai cú pháp, ký tự thứ 14: khóa hoặc mục bị khai báo hai lần"),
    (lambda t: t.replace("[report]", "[reprot]"), "[reprot]",
     "cchc.toml, dòng {line}: mục [reprot] không có trong cchc.toml — có phải [report]?"),
    (lambda t: t.replace("deadline = 2024-08-30", 'deadline = "30/8/2024"'), 'deadline = "30/8/2024"',
     "cchc.toml, dòng {line}: 'deadline' trong mục [campaign] phải là ngày, viết 2024-08-30"),
])
def test_config_errors_name_key_and_line(cchc, ws, edit, anchor, message):
    path = ws / "cchc.toml"
    text = edit(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.strip().startswith(anchor))
    err = fails(cchc, ws)
    assert message.format(line=line) in err


# ---------------------------------------------------------------- the command's own frame

def test_click_frame_is_vietnamese(cchc):
    help_text = cchc("--help", prog_name="cchc").stdout
    assert help_text.startswith("Cách dùng: cchc [TÙY CHỌN] LỆNH [THAM SỐ]...")
    assert "Tùy chọn:" in help_text and "Lệnh:" in help_text
    assert "Hiện hướng dẫn này rồi thoát." in help_text
    for word in ("Usage", "Options", "Show this message"):
        assert word not in help_text
    bogus = cchc("letter", "--bogus", prog_name="cchc")
    assert bogus.exit_code == 2
    assert bogus.stderr == ("Cách dùng: cchc letter [TÙY CHỌN]\nXem hướng dẫn: 'cchc letter --help'.\n\n"
                            "Lỗi: Không có tùy chọn '--bogus'.\n")
    missing = cchc("init")
    assert "Lỗi: Thiếu tham số" in missing.stderr


def test_merged_header_and_merged_commune_cells(cchc, ws):
    """`Ghi chú` merged over two columns is one column; a commune merged down its rows
    belongs to each of them."""
    header, rows = sample_rows(ws)
    rows += [["Phố Châu", "ke-hoach", "x", ""], ["Phố Châu", "ky-luat", "x", ""]]
    last = len(rows) + 1  # the sheet row of the last data row (header is row 1)

    def merge(sh):
        sh.merge_cells("D1:E1")  # `Ghi chú` over D and E (E is empty)
        sh.cell(row=last, column=1).value = None
        sh.merge_cells(start_row=last - 1, start_column=1, end_row=last, end_column=1)
    (ws / "data" / "findings.csv").unlink()
    write_findings_xlsx(ws / "data" / "findings.xlsx", header, rows, edit=merge)
    expected = footnotes(_letter_from_rows(cchc, ws, header, rows))
    assert footnotes(make_letter(cchc, ws)) == expected
    assert "Phố Châu" in expected[0] and "Phố Châu" in expected[5]


def _letter_from_rows(cchc, ws, header, rows):
    """The letter of the same rows written as a plain CSV, in a copy of the workspace."""
    import csv
    import shutil

    other = ws.parent / "plain"
    shutil.copytree(ws, other)
    (other / "data" / "findings.xlsx").unlink()
    with (other / "data" / "findings.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header] + rows)
    result = cchc("letter", "-w", other)
    assert result.exit_code == 0, result.stderr
    from pathlib import Path

    return Path(result.stdout.strip())


def test_not_a_workbook_is_refused(cchc, ws):
    (ws / "data" / "findings.csv").unlink()
    (ws / "data" / "findings.xlsx").write_bytes(b"commune,indicator,value\n")
    err = fails(cchc, ws)
    assert "findings.xlsx: tệp Excel bị từ chối: không phải tệp Word .docx hay Excel .xlsx" in err


def test_windows_1258_with_typographic_punctuation(cchc, ws):
    _as_semicolon_csv(ws, encoding="cp1258",
                      change=_set_value("Sơn Long", "tthc-qua-han", "13", note="“quá hạn” – 13 hồ sơ…"))
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_excel_true_false_flags_and_date_cells(cchc, ws):
    import datetime as dt

    def cells(sh):
        for row in sh.iter_rows(min_row=2):
            if row[1].value == "ke-hoach":
                row[2].value = row[0].value != "Sơn Lĩnh"  # TRUE for Sơn Châu, FALSE for Sơn Lĩnh
    _as_xlsx(ws, edit=cells)
    assert footnotes(make_letter(cchc, ws))[0] == "Xã Sơn Châu."

    def date(sh):
        sh["C24"].value = dt.datetime(2024, 1, 13)
        sh["C24"].number_format = "dd/mm/yyyy"
    import shutil

    shutil.rmtree(ws / "output")
    header, rows = _rows_back(ws)
    write_findings_xlsx(ws / "data" / "findings.xlsx", header, rows, edit=date)
    err = fails(cchc, ws)
    assert "findings.xlsx, dòng 24, cột 'value': ô là ngày (13/01/2024), không phải số" in err


def _rows_back(ws):
    """The sample rows again (the workspace's findings.csv was replaced by a workbook)."""
    from cchc_docs.workspace import sample_root

    return sample_rows(sample_root())


@pytest.mark.parametrize("args, message", [
    (("forms", "--jobs", "abc"), "Lỗi: Giá trị không hợp lệ cho '--jobs' / '-j': 'abc' không phải là số hợp lệ."),
    (("forms", "--jobs", "99"), "Lỗi: Giá trị không hợp lệ cho '--jobs' / '-j': 99 nằm ngoài khoảng 1<=x<=64."),
    (("letter", "--number"), "Lỗi: Tùy chọn '--number' cần một giá trị."),
    (("letter", "extra"), "Lỗi: Thừa tham số (extra)"),
    (("lettr",), "Lỗi: Không có lệnh 'lettr'. Có phải 'letter'?"),
])
def test_click_usage_errors_are_vietnamese(cchc, args, message):
    result = cchc(*args, prog_name="cchc")
    assert result.exit_code == 2
    assert result.stderr.rstrip().endswith(message)


def test_click_abort_is_vietnamese():
    import click.core

    import cchc_docs.cli  # noqa: F401 - installs the catalogue

    assert click.core._("Aborted!") == "Đã hủy!"


def test_excels_sep_hint_line(cchc, ws):
    _as_semicolon_csv(ws, title="sep=;")
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_hidden_value_column_is_refused(cchc, ws):
    _as_xlsx(ws, edit=lambda sh: setattr(sh.column_dimensions["C"], "hidden", True))
    err = fails(cchc, ws)
    assert "findings.xlsx, dòng 1, cột 'value': cột đang bị ẩn trong Excel" in err


@pytest.mark.parametrize("value, percent", [(0.1558, False), (0.001558, True)])
def test_a_fraction_without_percent_is_ambiguous(cchc, ws, value, percent):
    """0,1558 in a General cell may be 15,58% or 0,1558%: refused. 0,1558% typed as such is kept."""
    def cell(sh):
        for row in sh.iter_rows(min_row=2):
            if row[0].value == "Sơn Lĩnh" and row[1].value == "so-hoa":
                row[2].value = value
                row[2].number_format = "0.00%" if percent else "General"
    _as_xlsx(ws, edit=cell)
    if percent:
        assert footnotes(make_letter(cchc, ws))[3].startswith("Các xã: Sơn Lĩnh (0,1558%),")
    else:
        err = fails(cchc, ws)
        assert ("findings.xlsx, dòng 42, cột 'value': '0,1558' không rõ là 0,1558% hay 15,58% "
                "(Excel lưu 15,58% là 0,1558)") in err


def test_an_if_without_endif_names_its_paragraph(cchc, ws):
    replace_in_docx(ws / "templates" / "letter.docx", "{{ subject }}", "{{ subject }}{% if subject %}")
    err = fails(cchc, ws)
    assert "letter.docx: mẫu có thẻ viết sai ở đoạn «V/v {{ subject }}{% if subject %}»" in err


def test_messages_name_the_column_as_the_file_does(cchc, ws):
    header, rows = sample_rows(ws)
    rows = [_set_value("Sơn Long", "tthc-qua-han", "1,5")(list(r)) for r in rows]
    write_semicolon_csv(ws / "data" / "findings.csv", ["Tên đơn vị", "Chỉ tiêu", "Giá trị", "Ghi chú"], rows)
    err = fails(cchc, ws)
    assert "findings.csv, dòng 24, cột 'Giá trị': '1,5' không phải số nguyên" in err


def test_legacy_excel_files_are_named(cchc, ws):
    (ws / "data" / "findings.csv").unlink()
    (ws / "data" / "findings.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    err = fails(cchc, ws)
    assert "findings.xls: có tệp findings.xls nhưng chỉ đọc được .csv hoặc .xlsx" in err
    (ws / "data" / "findings.xls").rename(ws / "data" / "findings.xlsx")
    err = fails(cchc, ws)
    assert "findings.xlsx: tệp là Excel cũ (.xls) được đổi đuôi thành .xlsx, hoặc bị đặt mật khẩu" in err


def test_findings_may_name_a_commune_with_its_type(cchc, ws):
    _as_semicolon_csv(ws, change=lambda r: ["xã Sơn Long" if r[0] == "Sơn Long" else
                                            "Thị trấn Tây Sơn" if r[0] == "Tây Sơn" else r[0]] + r[1:])
    assert footnotes(make_letter(cchc, ws)) == EXPECTED_FOOTNOTES


def test_a_partly_accented_name_is_not_taken_for_another(cchc, ws):
    err = fails(cchc, ws, "forms", "--only", "Sơn Linh")
    assert "tùy chọn --only: không có đơn vị 'Sơn Linh' — có phải: Sơn Lĩnh" in err


def test_data_on_a_hidden_sheet_is_named(cchc, ws):
    def hide(sh):
        sh.parent.create_sheet("Hướng dẫn", 0)
        sh.sheet_state = "hidden"
    _as_xlsx(ws, edit=hide)
    err = fails(cchc, ws)
    assert "findings.xlsx: dữ liệu nằm ở trang tính đang ẩn 'So lieu': không đọc trang ẩn" in err


def test_a_dash_is_none_even_without_a_target(cchc, ws):
    path = ws / "data" / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",count,hồ sơ,0,max,", ",count,hồ sơ,,,"),
                    encoding="utf-8")
    _as_semicolon_csv(ws, change=_set_value("Sơn Long", "tthc-qua-han", "-"))
    note = footnotes(make_letter(cchc, ws))[1]
    assert "Sơn Long" not in note and "Sơn Trung (05 hồ sơ)" in note


def test_a_hostile_form_template_writes_no_form(cchc, ws, tmp_path):
    marker = tmp_path / "pwned"
    replace_in_docx(ws / "templates" / "form.docx", "{{ subject }}",
                    "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}")
    err = fails(cchc, ws, "forms", "--format", "docx")
    assert "form.docx: mẫu có biểu thức không được phép (truy cập '__init__')" in err
    assert not marker.exists()


def test_a_hostile_report_template_writes_no_report(cchc, ws):
    with __import__("zipfile").ZipFile(ws / "templates" / "report.docx") as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    field = next(f for f in ("{{ subject }}", "{{ date_line }}", "{{ agency_name }}") if f in xml)
    replace_in_docx(ws / "templates" / "report.docx", field, "{{ lipsum.__globals__ }}")
    err = fails(cchc, ws, "report")
    # No globals at all: lipsum, cycler, range... do not exist in a template.
    assert "report.docx: mẫu dùng trường không có trong dữ liệu: 'lipsum'" in err
