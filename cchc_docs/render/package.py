"""Reading and writing .docx packages (zip files of XML parts), reproducibly and atomically.

Every zip entry gets the same fixed timestamp and attributes, and parts keep the order
they have in the template, so the same inputs give the same bytes. Files are written to
a temporary name in the target folder and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
import zlib
from pathlib import Path

# 1980-01-01, the earliest date a zip can hold: a fixed, obviously synthetic stamp.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"

# Limits for reading packages nobody here wrote (zip bombs, oversized parts).
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_PARTS = 5000


class PackageError(ValueError):
    """The file is not a readable Word package; the message says why, in Vietnamese."""


def read_parts(source: str | os.PathLike | bytes, require_docx: bool = True) -> dict[str, bytes]:
    """All parts of a package, in stored order, refusing zip bombs and oversized parts.
    With `require_docx=False` any OOXML package (.xlsx) is accepted."""
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except FileNotFoundError:
        raise PackageError("không tìm thấy tệp") from None
    except (zipfile.BadZipFile, OSError):
        raise PackageError("không phải tệp Word .docx (không đọc được gói zip)") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_PARTS:
            raise PackageError(f"gói có {len(infos)} phần, quá nhiều cho một văn bản")
        total = 0
        for info in infos:
            if info.file_size > MAX_PART_BYTES:
                raise PackageError(f"phần {info.filename} quá lớn ({info.file_size} byte)")
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1024 * 1024:
                raise PackageError(f"phần {info.filename} nén bất thường (nghi zip bomb)")
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackageError("gói giải nén quá lớn (nghi zip bomb)")
        parts: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            try:
                # Read at most the declared size + 1: a lying header cannot inflate further.
                with zf.open(info) as fh:
                    data = fh.read(info.file_size + 1)
            except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError):
                raise PackageError(f"phần {info.filename} hỏng hoặc bị mã hóa") from None
            if len(data) > info.file_size:
                raise PackageError(f"phần {info.filename} lớn hơn khai báo (nghi zip bomb)")
            parts[info.filename] = data
    if CONTENT_TYPES not in parts or (require_docx and "word/document.xml" not in parts):
        raise PackageError("không phải tệp Word .docx (thiếu word/document.xml)")
    return parts


def _zipinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0o600 << 16
    return info


def package_bytes(parts: dict[str, bytes]) -> bytes:
    """Zip `parts` in the given order (content types first), with fixed metadata."""
    import io

    buf = io.BytesIO()
    names = [CONTENT_TYPES] + [n for n in parts if n != CONTENT_TYPES]
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in names:
            zf.writestr(_zipinfo(name), parts[name])
    return buf.getvalue()


def atomic_write(path: str | os.PathLike, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        # mkstemp makes the file private; an issued document is an ordinary shared file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def write_package(parts: dict[str, bytes], path: str | os.PathLike) -> Path:
    return atomic_write(path, package_bytes(parts))
