"""The files of data/results/: which are candidates, and turning one into a `RawReturn`.

Dispatch is on content, not on the name. Files that cannot or must not be read (too large,
empty, legacy .xls/.doc, password-protected, with macros, a suspicious zip, broken XML)
become an unreadable RawReturn whose problem names the file; `read_file` never raises.
"""

from __future__ import annotations

from ..fserrors import reason

import os
from pathlib import Path

from ..errors import Problem
from ..ooxml.safety import PackageError, open_zip
from .docx import read_docx
from .model import FileRefused, RawReturn
from .xlsx import read_xlsx

# A returned form is a few kilobytes.
MAX_FILE_BYTES = 20 * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
_SUSPECTED_BOMB = "nghi zip bomb"


def list_files(folder: Path) -> list[Path]:
    """Candidate returns, by name; Office lock files and hidden files are not returns."""
    if not folder.is_dir():
        return []
    out = []
    for p in folder.iterdir():
        name = p.name
        if name.startswith((".", "~$")) or name.lower() in _IGNORED_NAMES or not p.is_file():
            continue
        out.append(p)
    return sorted(out, key=lambda p: p.name)


def read_file(path: Path) -> RawReturn:
    """One returned file; any failure becomes a problem on the file, never an exception."""
    name = path.name
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        return _refused(name, 0.0, f"không đọc được tệp: {reason(exc)}")
    try:
        data = _read_bytes(path)
        suffix = path.suffix.lower()
        _sniff(data, suffix)
        with open_zip(data) as zf:
            kind = _package_kind(set(zf.namelist()), suffix)
            return read_xlsx(zf, name, mtime) if kind == "xlsx" else read_docx(zf, name, mtime)
    except FileRefused as exc:
        return _refused(name, mtime, str(exc))
    except PackageError as exc:
        # The one package guard's verdict, in the words communes have been sent so far for
        # a suspected bomb; its own words otherwise.
        return _refused(name, mtime, "tệp nén bất thường (nghi zip bomb)"
                        if _SUSPECTED_BOMB in str(exc) else str(exc))
    except (EOFError, ValueError, KeyError, IndexError, OSError, RuntimeError, NotImplementedError):
        return _refused(name, mtime, "tệp hỏng hoặc bị cắt cụt, không đọc được")
    except Exception:  # noqa: BLE001 - one commune's odd file must not stop everyone's report
        return _refused(name, mtime, "tệp hỏng, không đọc được")


def _refused(name: str, mtime: float, message: str) -> RawReturn:
    hint = "đề nghị đơn vị gửi lại phiếu đúng mẫu (.xlsx hoặc .docx), không đặt mật khẩu"
    return RawReturn(name=name, kind="", mtime=mtime, readable=False,
                     problems=(Problem(f"bỏ qua tệp: {message}", file=name, hint=hint),))


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileRefused(f"tệp quá lớn ({size // (1024 * 1024)} MB) cho một phiếu báo cáo")
    if size == 0:
        raise FileRefused("tệp rỗng (0 byte)")
    return path.read_bytes()


def _sniff(data: bytes, suffix: str) -> None:
    """Refuse what is not a zip package at all: legacy or encrypted Office files, others."""
    if data[:4] == _OLE_MAGIC:
        if _OLE_ENCRYPTED in data:
            raise FileRefused("tệp bị đặt mật khẩu (mã hóa), không mở được")
        raise FileRefused("tệp định dạng Office cũ (.xls/.doc) hoặc bị đặt mật khẩu; "
                          "mở bằng Excel/Word rồi lưu lại thành .xlsx/.docx")
    if data[:4] != _ZIP_MAGIC:
        raise FileRefused(f"không phải tệp Excel (.xlsx) hay Word (.docx){_suffix_note(suffix)}")


def _package_kind(names: set[str], suffix: str) -> str:
    if "xl/vbaProject.bin" in names or "word/vbaProject.bin" in names or suffix in (".xlsm", ".docm"):
        raise FileRefused("tệp có macro (.xlsm/.docm): không mở vì lý do an toàn, "
                          "hãy lưu lại thành .xlsx/.docx")
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    raise FileRefused("tệp nén không phải bảng tính Excel hay văn bản Word")


def _suffix_note(suffix: str) -> str:
    return f" (đuôi {suffix})" if suffix and suffix not in (".xlsx", ".docx") else ""


def read_all(paths: list[Path], workers: int | None = None) -> list[RawReturn]:
    """Every file, in the order given; in parallel when there are many (reading is CPU-bound)."""
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(paths) >= 200 else 1
    if workers <= 1:
        return [read_file(p) for p in paths]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(read_file, paths, chunksize=max(1, len(paths) // (workers * 8))))
    except (OSError, NotImplementedError, BrokenProcessPool):
        # No process pool here (a sandbox without /dev/shm, say): slower, same result.
        return [read_file(p) for p in paths]
