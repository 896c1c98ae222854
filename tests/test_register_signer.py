"""Signer blocks of Decree 30 (Phụ lục I, II.7): TM., KT., TL., TUQ., Q., one line each."""

from __future__ import annotations

import datetime as dt
import re

import docx
import pytest

from cchc_docs import register


def set_signer(ws, block: str) -> None:
    toml = (ws / "cchc.toml").read_text(encoding="utf-8")
    toml = re.sub(r"\[signer\]\n(.*\n)*?\n", lambda _m: f"[signer]\n{block}\n\n", toml, count=1)
    (ws / "cchc.toml").write_text(toml, encoding="utf-8")


def signer_lines(path) -> list[str]:
    table = docx.Document(str(path)).tables[-1]
    return [p.text for p in table.rows[0].cells[1].paragraphs if p.text.strip()]


@pytest.mark.parametrize("block, lines", [
    ('authority = "TM. ỦY BAN NHÂN DÂN"\nposition = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]\nname = "Lê Văn Hà"',
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hà"]),
    ('authority = "TM. ỦY BAN NHÂN DÂN"\nposition = "KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH"\nname = "Lê Văn Hà"',
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hà"]),
    ('authority = "TL. CHỦ TỊCH"\nposition = ["CHÁNH VĂN PHÒNG"]\nname = "Nguyễn Thị Lan"',
     ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Thị Lan"]),
    ('authority = "TUQ. CHỦ TỊCH"\nposition = ["TRƯỞNG PHÒNG NỘI VỤ"]\nname = "Phan Văn Minh"',
     ["TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ", "Phan Văn Minh"]),
    ('authority = "TM. ỦY BAN NHÂN DÂN"\nposition = ["Q. CHỦ TỊCH"]\nname = "Hồ Văn Bình"',
     ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH", "Hồ Văn Bình"]),
    ('position = "CHỦ TỊCH"\nname = "Trần Bình Thân"', ["CHỦ TỊCH", "Trần Bình Thân"]),
])
def test_signer_blocks_one_line_each_pass_the_checker_and_are_issued(ws, cchc, block, lines):
    set_signer(ws, block)
    letter = cchc("letter", "-w", ws)
    assert letter.exit_code == 0, letter.stderr
    draft = ws / "output" / "cong-van-don-doc.docx"
    assert signer_lines(draft) == lines
    assert "['" not in "".join(signer_lines(draft))
    checked = cchc("check", "--draft", draft)
    assert checked.exit_code == 0, checked.stdout
    issued = register.issue(ws, draft, date=dt.date(2024, 7, 5))
    assert signer_lines(issued.archived[0]) == lines
    [entry] = register.list_entries(ws)
    assert entry.signer == lines[-1]


@pytest.mark.parametrize("block, says", [
    ('position = ["Kt. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]\nname = "A"', "viết tắt quyền hạn phải là"),
    ('position = ["KT CHỦ TỊCH", "PHÓ CHỦ TỊCH"]\nname = "A"', "viết tắt quyền hạn phải là"),
    ('position = [1, 2]\nname = "A"', "phải là chữ hoặc danh sách các dòng chữ"),
    ('position = []\nname = "A"', "thiếu khóa 'position' trong mục [signer]"),
])
def test_wrong_signer_blocks_are_refused(ws, cchc, block, says):
    set_signer(ws, block)
    result = cchc("letter", "-w", ws)
    assert result.exit_code == 2 and says in result.stderr, result.stderr
    assert not (ws / "output" / "cong-van-don-doc.docx").exists()
