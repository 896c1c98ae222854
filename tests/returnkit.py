"""Returned forms for tests and for the sample: generate the forms, fill them as communes do.

`blank_forms` runs the real `cchc forms` when this build has it; until then it writes
forms to the forms contract (see cchc_docs/intake/) so the reader is tested against
the same layout. Filling uses openpyxl (Excel) and python-docx (Word: cell texts), the
way a commune's Excel or Word would leave the file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from cchc_docs import workspace as ws_mod
from cchc_docs.intake import read_file

VN = dt.timezone(dt.timedelta(hours=7))
HEADERS_XLSX = ["TT", "Tồn tại, hạn chế", "Số liệu", "Kết quả khắc phục", "Tình trạng",
                "Ngày hoàn thành", "Ghi chú", "Mã dòng"]
HEADERS_DOCX = ["TT", "Mã", "Tồn tại, hạn chế", "Số liệu", "Kết quả khắc phục", "Tình trạng",
                "Ngày hoàn thành", "Ghi chú"]


def blank_forms(root: Path, dest: Path) -> dict[tuple[str, str], Path]:
    """{(commune code, 'xlsx'|'docx'): path} of blank forms for every commune with shortfalls."""
    dest.mkdir(parents=True, exist_ok=True)
    return _real_forms(root, dest)


def _real_forms(root: Path, dest: Path) -> dict:
    from click.testing import CliRunner

    from cchc_docs.cli import cli

    result = CliRunner().invoke(cli, ["forms", "-w", str(root), "-o", str(dest)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    found = {}
    for line in result.stdout.split():
        path = Path(line)
        if path.suffix in (".xlsx", ".docx"):
            raw = read_file(path)
            assert raw.readable and raw.code, (path, raw.problems)
            found[(raw.code, raw.kind)] = path
    return found


def fill_xlsx(src: Path, dest: Path, answers: dict, edit=None, mtime: dt.datetime | None = None) -> Path:
    """Copy `src` to `dest` with answers {row key: (status, done date or text, result)}."""
    from openpyxl import load_workbook

    wb = load_workbook(src)
    sh = wb.worksheets[0]
    cols = {str(c.value).strip(): c.column for c in _header_row(sh)}
    for row in sh.iter_rows(min_row=_header_row(sh)[0].row + 1):
        key = row[cols["Mã dòng"] - 1].value
        if key in answers:
            status, done, result = (tuple(answers[key]) + (None, None))[:3]
            sh.cell(row=row[0].row, column=cols["Tình trạng"], value=status)
            cell = sh.cell(row=row[0].row, column=cols["Ngày hoàn thành"], value=done)
            if isinstance(done, dt.date):
                cell.number_format = "dd/mm/yyyy"
            if result:
                sh.cell(row=row[0].row, column=cols["Kết quả khắc phục"], value=result)
    if edit:
        edit(sh)
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    touch(dest, mtime)
    return dest


def _header_row(sh):
    for row in sh.iter_rows(max_row=30):
        if any(str(c.value or "").strip() == "Mã dòng" for c in row):
            return [c for c in row if c.value is not None]
    raise AssertionError("no header row")


def fill_docx(src: Path, dest: Path, answers: dict, edit=None, mtime: dt.datetime | None = None) -> Path:
    """Copy `src` to `dest` with answers {indicator code: (status, done text, result)}."""
    import docx

    d = docx.Document(str(src))
    table = form_table(d)
    heads = [c.text.strip() for c in table.rows[0].cells]
    for row in table.rows[1:]:
        cells = row.cells
        code = cells[heads.index("Mã")].text.strip()
        if code in answers:
            status, done, result = (tuple(answers[code]) + (None, None))[:3]
            cells[heads.index("Tình trạng")].text = status or ""
            cells[heads.index("Ngày hoàn thành")].text = done or ""
            if result:
                cells[heads.index("Kết quả khắc phục")].text = result
    if edit:
        edit(d, table)
    dest.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(dest))
    touch(dest, mtime)
    return dest


def form_table(d):
    for t in d.tables:
        if t.rows and any(c.text.strip() == "Tình trạng" for c in t.rows[0].cells):
            return t
    raise AssertionError("no form table")


def touch(path: Path, when: dt.datetime | None) -> None:
    """Set the file's modification time, as a commune's Word/Excel would have."""
    if when is not None:
        stamp = when.replace(tzinfo=VN).timestamp() if when.tzinfo is None else when.timestamp()
        os.utime(path, (stamp, stamp))


def copy(src: Path, dest: Path, mtime: dt.datetime | None = None) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    touch(dest, mtime)
    return dest
