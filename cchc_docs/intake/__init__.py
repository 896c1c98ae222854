"""The forms communes send back (data/results/): read, matched to communes, checked.

Two stages. `read_file` (files.py, with xlsx.py/docx.py and layout.py) turns one file into
a `RawReturn` (cells by role, no knowledge of the campaign): it is the slow, parallel part,
and it never raises — a broken or hostile file becomes a RawReturn with a problem.
`resolve` (match.py, entries.py) then matches returns to communes by the code written in
the form, keeps the newer of two returns from one commune, and reads each row's status and
date against the commune's shortfalls. The counting rule is in model.py (`Intake.outcome`).

Forms contract (what `cchc forms` writes): Excel — sheet `Phieu`, B2 commune code, header
row with `Mã dòng` … `Tình trạng`, `Ngày hoàn thành`; Word — a paragraph `Mã đơn vị: 18205`
and a table with `Mã` (indicator code) … `Tình trạng`. An optional `Ngày báo cáo` (a
labelled cell, or a paragraph `Ngày báo cáo: 25/8/2024`) dates the return; without it the
file's modification time does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .entries import read_entries
from .files import list_files, read_all, read_file
from .match import received_date, resolve
from .model import VN_TZ, Entry, Intake, RawReturn, RawRow, Return
from .values import parse_status, parse_vn_date

__all__ = ["VN_TZ", "Entry", "Intake", "RawReturn", "RawRow", "Return", "list_files", "load_intake",
           "parse_status", "parse_vn_date", "read_all", "read_entries", "read_file", "received_date",
           "resolve"]


def load_intake(folder: Path, dataset, deadline: dt.date, workers: int | None = None) -> Intake:
    """Read every file of `folder` and resolve it against the dataset."""
    raws = read_all(list_files(folder), workers=workers)
    return resolve(raws, dataset, deadline, folder=str(folder))
