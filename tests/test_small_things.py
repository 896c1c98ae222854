"""Issue 16, items 7, 10 and 11: --only, dates that cannot be right, the progress line;
and the returns' own dates (issue 10, item 5)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

import returnkit as rk
from test_input_errors import fails


def _forms(cchc, ws, *args):
    result = cchc("forms", "-w", ws, "--format", "docx", *args)
    assert result.exit_code == 0, result.stderr
    return [p.rsplit("/", 1)[-1] for p in result.stdout.split()]


@pytest.mark.parametrize("only, name", [
    ("xã Sơn Long", "son-long.docx"), ("son long", "son-long.docx"), ("SON LONG", "son-long.docx"),
    ("thị trấn Tây Sơn", "tay-son.docx"), ("Thi tran Tay Son", "tay-son.docx"), ("18205", "son-long.docx"),
])
def test_only_accepts_type_prefix_and_plain_letters(cchc, ws, only, name):
    assert _forms(cchc, ws, "--only", only) == [name, "manifest.csv"]


def test_only_empty_means_all_and_an_empty_list_is_an_error(cchc, ws):
    everyone = _forms(cchc, ws, "--only", "")
    assert len(everyone) == 26  # 25 communes + manifest
    shutil.rmtree(ws / "output")
    err = fails(cchc, ws, "forms", "--only", " , ")
    assert err == ("Lỗi: tùy chọn --only không nêu đơn vị nào — ghi mã hoặc tên đơn vị, cách nhau dấu "
                   "phẩy, ví dụ --only 'Sơn Long,18196'\n")


def test_only_with_the_wrong_type_is_refused(cchc, ws):
    err = fails(cchc, ws, "forms", "--only", "xã Tây Sơn")
    assert "Lỗi: tùy chọn --only: không có đơn vị 'xã Tây Sơn'" in err


def test_progress_is_one_line_when_not_a_terminal(cchc, ws):
    result = cchc("forms", "-w", ws, "--format", "docx")
    assert "\r" not in result.stderr
    assert result.stderr.splitlines()[-1] == "Phiếu: đã soạn 25/25 đơn vị."


def test_a_letter_dated_before_the_campaign_year_is_questioned(cchc, ws):
    err = fails(cchc, ws, "letter", "--date", "2023-07-05")
    assert err == ("Lỗi: ngày ban hành 05/7/2023 trước năm của đợt (2024) trong cchc.toml: công văn về "
                   "đợt năm 2024 không thể ban hành trước năm đó — ghi đúng ngày ban hành: --date YYYY-MM-DD\n")


def test_today_is_vietnams(monkeypatch):
    from cchc_docs.vn import dates

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):  # 18:30 UTC on 31/12 is 01:30 on 1/1 in Hà Nội
            return dt.datetime(2024, 12, 31, 18, 30, tzinfo=dt.timezone.utc).astimezone(tz)

    monkeypatch.setattr(dates.dt, "datetime", Clock)
    assert dates.today() == dt.date(2025, 1, 1)


# ---------------------------------------------------------------- returns' own dates

def _one_return(ws, tmp_path, kind, edit=None, mtime=dt.datetime(2024, 12, 2, 9, 0)):
    # The sample's other returns stay; Sơn Long's is replaced by this one.
    for old in (ws / "data" / "results").glob("son-long-*"):
        old.unlink()
    forms = rk.blank_forms(ws, tmp_path / "forms")
    src = forms[("18205", kind)]
    dest = ws / "data" / "results" / f"son-long.{kind}"
    if kind == "docx":
        rk.fill_docx(src, dest, {}, edit=edit, mtime=mtime)
    else:
        rk.fill_xlsx(src, dest, {}, edit=edit, mtime=mtime)
    return dest


def test_an_undated_return_is_not_late_and_says_so(cchc, ws, tmp_path):
    _one_return(ws, tmp_path, "xlsx")  # file time 02/12/2024, long after the deadline
    result = cchc("results", "-w", ws)
    row = next(ln for ln in result.stdout.splitlines() if ln.startswith("xã Sơn Long"))
    assert row.rstrip().endswith("không ghi ngày") and "chậm" not in row
    assert "(01 chậm, 01 không ghi ngày)" in result.stdout
    assert "02/12/2024" not in result.stdout + result.stderr
    from pathlib import Path

    from letterdoc import body_texts

    report = cchc("report", "-w", ws)
    assert report.exit_code == 0, report.stderr
    text = " ".join(body_texts(Path(report.stdout.split()[0])))
    assert "01 đơn vị gửi báo cáo không ghi ngày: xã Sơn Long." in text
    assert "02/12/2024" not in text


def test_the_word_reports_date_line_dates_it(cchc, ws, tmp_path):
    def date_line(d, table):
        every = list(d.paragraphs) + [p for t in d.tables for row in t.rows for c in row.cells
                                      for p in c.paragraphs]
        p = next(p for p in every if "ngày" in p.text and "tháng" in p.text and "năm" in p.text)
        for run in p.runs[1:]:
            run._r.getparent().remove(run._r)
        p.runs[0].text = "Sơn Long, ngày 05 tháng 9 năm 2024"
    _one_return(ws, tmp_path, "docx", edit=date_line)
    result = cchc("results", "-w", ws)
    row = next(ln for ln in result.stdout.splitlines() if ln.startswith("xã Sơn Long"))
    assert row.rstrip().endswith("chậm, ngày 05/9/2024")


def test_a_code_of_one_commune_with_the_name_of_another_is_not_credited(cchc, ws, tmp_path):
    def other_name(sh):
        sh["B3"] = "xã Sơn Tây"
    _one_return(ws, tmp_path, "xlsx", edit=other_name)
    result = cchc("results", "-w", ws)
    assert ("son-long.xlsx, dòng 2, cột 'B': bỏ qua tệp: mã đơn vị 18205 là của xã Sơn Long nhưng phiếu "
            "ghi tên 'xã Sơn Tây' (xã Sơn Tây, mã 18172); không tính cho đơn vị nào") in result.stderr
    row = next(ln for ln in result.stdout.splitlines() if ln.startswith("xã Sơn Long"))
    assert "chưa gửi báo cáo" in row


def test_a_date_cited_in_the_body_does_not_date_the_return(cchc, ws, tmp_path):
    def cited(d, table):
        d.add_paragraph("Thực hiện Kế hoạch của xã Sơn Tây ban hành ngày 05 tháng 9 năm 2024, báo cáo như sau.")
    _one_return(ws, tmp_path, "docx", edit=cited)
    result = cchc("results", "-w", ws)
    row = next(ln for ln in result.stdout.splitlines() if ln.startswith("xã Sơn Long"))
    assert row.rstrip().endswith("không ghi ngày")
    assert "son-long.docx" in row  # credited: a sentence naming another commune is not a header
