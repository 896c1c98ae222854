"""Drafting and issuing in one step: the letter, then the report, in one yearly series."""

from __future__ import annotations

from pathlib import Path

import docx


def test_letter_then_report_issued_in_one_series(cchc, ws):
    letter = cchc("letter", "-w", ws, "--issue", "--date", "2024-07-05")
    assert letter.exit_code == 0, letter.stderr
    report = cchc("report", "-w", ws, "--issue", "--date", "2024-09-10")
    assert report.exit_code == 0, report.stderr
    assert "Đã cấp số 02/BC-UBND ngày 10/9/2024" in report.stderr
    paths = [Path(p) for p in report.stdout.split()]
    assert paths[0] == ws / "output" / "bao-cao-tong-hop.docx"
    assert {p.parent.name for p in paths[1:]} == {"VT", "NV"}
    header = docx.Document(str(paths[0])).tables[0].rows[1].cells
    assert (header[0].text, header[1].text) == ("Số: 02/BC-UBND", "Hương Sơn, ngày 10 tháng 9 năm 2024")
    checked = cchc("check", paths[0], ws / "output" / "cong-van-don-doc.docx")
    assert checked.exit_code == 0, checked.stdout
    listing = cchc("register", "list", "-w", ws, "--year", "2024").stdout.splitlines()
    assert [line.split()[2] for line in listing] == ["01/UBND-NV", "02/BC-UBND"]
