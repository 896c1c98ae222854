"""Changing the workspace's data from outside: a new findings table, one finding edited,
a returned form dropped in. Every change is validated on a staged copy first and written
atomically only when the whole dataset still loads, so a refusal leaves data/ untouched.

Used by the web front (through `pipeline.Session`); the rules are the dataset's own.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

from .errors import InputError, Problem

MAX_TABLE_BYTES = 20 * 1024 * 1024
TABLE_SUFFIXES = (".csv", ".xlsx")
RETURN_SUFFIXES = (".xlsx", ".docx")


def _suffix(name: str, allowed: tuple[str, ...], what: str) -> str:
    suffix = Path(name or "").suffix.lower()
    if suffix not in allowed:
        raise InputError(Problem(f"tệp '{Path(name or '').name}' không phải {what}",
                                 hint=f"chỉ nhận tệp {', '.join(allowed)}"))
    return suffix


def _gate_package(data: bytes, name: str) -> None:
    """The same hostile-file gate as the checker: zip limits before any reader opens it."""
    from .ooxml.safety import PackageError, open_zip

    try:
        open_zip(data).close()
    except PackageError as exc:
        raise InputError(Problem(f"tệp bị từ chối: {exc}", file=name)) from None
    except Exception:  # noqa: BLE001 - not a zip at all
        raise InputError(Problem("tệp hỏng hoặc không phải tệp Excel (.xlsx)", file=name)) from None


def _renamed(problems, staged: Path, shown: str) -> list[Problem]:
    """Problems of the staged copy, named after the file the user gave."""
    out = []
    for p in problems:
        file = p.file
        if file and Path(file).name == staged.name:
            file = shown
        elif file and file.startswith(str(staged.parent)):
            file = Path(file).name
        out.append(Problem(p.message, file=file, row=p.row, column=p.column, hint=p.hint))
    return out


def _validate_staged(data_dir: Path, stem: str, suffix: str, data: bytes, shown: str) -> None:
    from .dataset import load_dataset

    with tempfile.TemporaryDirectory(prefix=".cchc-stage-") as tmp:
        stage = Path(tmp)
        for other in data_dir.iterdir():
            if other.is_file() and other.suffix.lower() in TABLE_SUFFIXES and other.stem != stem:
                shutil.copy2(other, stage / other.name)
        staged = stage / f"{stem}{suffix}"
        staged.write_bytes(data)
        try:
            load_dataset(stage)
        except InputError as exc:
            raise InputError(_renamed(exc.problems, staged, shown)) from None


def _install(data_dir: Path, stem: str, suffix: str, data: bytes) -> Path:
    from .ooxml.package import atomic_write

    path = atomic_write(data_dir / f"{stem}{suffix}", data)
    for other in TABLE_SUFFIXES:
        if other != suffix and (data_dir / f"{stem}{other}").exists():
            # find_table refuses both findings.csv and findings.xlsx: the new one replaces the old.
            (data_dir / f"{stem}{other}").unlink()
    return path


def replace_findings(data_dir: Path, filename: str, data: bytes) -> Path:
    """data/findings.csv|xlsx replaced by an uploaded table, only if the dataset then loads."""
    suffix = _suffix(filename, TABLE_SUFFIXES, "bảng số liệu kiểm tra (.csv hoặc .xlsx)")
    shown = Path(filename).name
    if not data:
        raise InputError(Problem("tệp rỗng (0 byte)", file=shown))
    if len(data) > MAX_TABLE_BYTES:
        raise InputError(Problem("tệp quá lớn cho một bảng số liệu", file=shown))
    if suffix == ".xlsx":
        _gate_package(data, shown)
    _validate_staged(data_dir, "findings", suffix, data, shown)
    return _install(data_dir, "findings", suffix, data)


def edit_finding(data_dir: Path, row: int, value: str, note: str) -> Path:
    """One row of findings.csv given a new value and note (row as the spreadsheet numbers it)."""
    from .dataset import FINDING_COLUMNS, find_table
    from .vn import fold_header, nfc

    path = find_table(data_dir, "findings")
    if path.suffix.lower() != ".csv":
        raise InputError(Problem("chỉ sửa trực tiếp được bảng findings.csv", file=path.name,
                                 hint="sửa tệp Excel rồi tải lên lại, hoặc lưu thành CSV UTF-8"))
    text = path.read_bytes().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or not 2 <= row <= len(lines):
        raise InputError(Problem("không có dòng này trong bảng", file=path.name, row=row))
    header = [fold_header(h) for h in lines[0]]
    col = {canon: next((header.index(a) for a in aliases if a in header), None)
           for canon, aliases in FINDING_COLUMNS.items()}
    if col["value"] is None:
        raise InputError(Problem("thiếu cột 'value'", file=path.name, row=1, column="value"))
    record = lines[row - 1] + [""] * (len(lines[0]) - len(lines[row - 1]))
    record[col["value"]] = nfc(value.strip())
    if col["note"] is not None:
        record[col["note"]] = nfc(note.strip())
    lines[row - 1] = record
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(lines)
    data = buf.getvalue().encode("utf-8")
    _validate_staged(data_dir, "findings", ".csv", data, path.name)
    return _install(data_dir, "findings", ".csv", data)


def findings_rows(data_dir: Path) -> tuple[str, list[dict]]:
    """(file name, rows as read) of the findings table, even when the dataset has problems."""
    from .dataset import FINDING_COLUMNS, REQUIRED, find_table, read_table

    try:
        path = find_table(data_dir, "findings")
        rows, _ = read_table(path, FINDING_COLUMNS, REQUIRED["findings"])
    except InputError:
        return "", []
    return path.name, rows


def safe_name(filename: str, suffixes: tuple[str, ...]) -> str:
    """A file name the browser cannot steer: ASCII slug of the stem, a known suffix."""
    from .vn.text import strip_diacritics

    suffix = _suffix(filename, suffixes, "phiếu báo cáo (.xlsx hoặc .docx)")
    stem = Path(filename.replace("\\", "/")).name[: -len(suffix)]
    slug = re.sub(r"[^a-z0-9]+", "-", strip_diacritics(stem).lower()).strip("-")[:80]
    return f"{slug or 'phieu'}{suffix}"


def save_return(results_dir: Path, filename: str, data: bytes):
    """A returned form saved into data/results/ under a safe name, after the intake's gate
    (size, legacy/encrypted Office, macros, zip bombs). (path, RawReturn); InputError if refused."""
    from .intake import read_file
    from .ooxml.package import atomic_write

    name = safe_name(filename, RETURN_SUFFIXES)
    with tempfile.TemporaryDirectory(prefix=".cchc-return-") as tmp:
        staged = Path(tmp) / name
        staged.write_bytes(data)
        raw = read_file(staged)
    if not raw.readable:
        raise InputError([Problem(p.message, file=Path(filename).name, hint=p.hint) for p in raw.problems])
    results_dir.mkdir(parents=True, exist_ok=True)
    return atomic_write(results_dir / name, data), raw
