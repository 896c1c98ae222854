"""Reading and writing .docx packages (zip files of XML parts), reproducibly and atomically.

Every zip entry gets the same fixed timestamp and attributes, and parts keep the order
they have in the template, so the same inputs give the same bytes. Files are written to
a temporary name in the target folder and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

from ..fserrors import reason

import os
import sys
import tempfile
import zlib
from pathlib import Path

# 1980-01-01, the earliest date a zip can hold: a fixed, obviously synthetic stamp.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"

from .safety import PackageError, read_members  # noqa: F401  (PackageError re-exported)


def read_parts(source: str | os.PathLike | bytes, require_docx: bool = True) -> dict[str, bytes]:
    """All parts of a package, in stored order, under the limits of `safety` (zip bombs,
    oversized parts, DTDs). With `require_docx=False` any OOXML package (.xlsx) is accepted."""
    if not isinstance(source, bytes):
        try:
            source = Path(source).read_bytes()
        except FileNotFoundError:
            raise PackageError("không tìm thấy tệp") from None
        except OSError as exc:
            raise PackageError(f"không đọc được tệp: {reason(exc)}") from None
    parts = read_members(source)
    if CONTENT_TYPES not in parts or (require_docx and "word/document.xml" not in parts):
        raise PackageError("không phải tệp Word .docx (thiếu word/document.xml)")
    return parts


# DOS date of ZIP_EPOCH: ((1980 - 1980) << 9) | (1 << 5) | 1; time 00:00:00 is 0.
_DOS_DATE, _DOS_TIME = 33, 0
_EXTERNAL_ATTR = 0o600 << 16


def _deflate(data: bytes, level: int = 6) -> bytes:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def package_bytes(parts: dict[str, bytes], cache: dict | None = None, level: int = 6) -> bytes:
    """Zip `parts` in the given order (content types first), with fixed metadata.

    zipfile offers no way to write data that is already deflated, and re-deflating the
    unchanged parts of a template was most of the cost of a form (PERFORMANCE-NOTES.md).
    So entries are written here: a part whose bytes are the very object seen last time
    under its name in `cache` reuses its CRC and compressed bytes. `level` is zlib's:
    6 as zipfile and Word write; the forms batch passes 1 for the parts rendered per
    commune (2.6x faster to deflate, 20% larger, the same bytes every run).
    """
    import struct

    names = [CONTENT_TYPES] + [n for n in parts if n != CONTENT_TYPES]
    out = bytearray()
    central = bytearray()
    for name in names:
        data = parts[name]
        hit = cache.get(name) if cache is not None else None
        # The same object, or equal bytes (a footnotes part rebuilt identically for every form).
        if hit is not None and (hit[0] is data or hit[0] == data):
            crc, packed = hit[1], hit[2]
        else:
            crc, packed = zlib.crc32(data), _deflate(data, level)
            if cache is not None:
                cache[name] = (data, crc, packed)
        raw_name = name.encode("utf-8")
        flags = 0x800 if not raw_name.isascii() else 0
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, _DOS_TIME, _DOS_DATE, crc,
                           len(packed), len(data), len(raw_name), 0)
        out += raw_name
        out += packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, 8, _DOS_TIME, _DOS_DATE,
                               crc, len(packed), len(data), len(raw_name), 0, 0, 0, 0, _EXTERNAL_ATTR, offset)
        central += raw_name
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(names), len(names), len(central), start, 0)
    return bytes(out)


def atomic_write(path: str | os.PathLike, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        # mkstemp makes the file private; an issued document is an ordinary shared file.
        os.chmod(tmp, 0o666 & ~_UMASK)
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


def _sync_filesystem(fd: int) -> bool:
    """Flush every file of the filesystem holding `fd` in one call (Linux syncfs); False
    where the platform has no such call, and each file is then synced on its own."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    return libc.syncfs(fd) == 0


class BatchWriter:
    """Atomic writes of many files into one folder, with one flush to disk for all of them.

    The guarantees are those of `atomic_write` (a reader or a crash never leaves half a
    file under a final name; a power cut never leaves a renamed but empty one), but instead
    of an fsync per file, which costs 1-10 ms each and was most of a forms batch, files are
    written under temporary names, made durable together by one syncfs, and only then
    renamed into place; the folder is synced once more for the renames.
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._pending: list[tuple[str, Path]] = []

    def add(self, path: str | os.PathLike, data: bytes) -> Path:
        path = Path(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=self.folder)
        try:
            if hasattr(os, "fchmod"):  # mkstemp makes files private; forms are ordinary files
                os.fchmod(fd, 0o666 & ~_UMASK)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except BaseException:
            _unlink(tmp)
            raise
        self._pending.append((tmp, path))
        return path

    def flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        try:
            dir_fd = os.open(self.folder, os.O_RDONLY)
        except OSError:
            dir_fd = None
        try:
            if dir_fd is None or not _sync_filesystem(dir_fd):
                for tmp, _ in pending:
                    with open(tmp, "rb+") as fh:
                        os.fsync(fh.fileno())
            for tmp, path in pending:
                os.replace(tmp, path)
            if dir_fd is not None:
                os.fsync(dir_fd)
        except BaseException:
            for tmp, _ in pending:
                _unlink(tmp)
            raise
        finally:
            if dir_fd is not None:
                os.close(dir_fd)

    def discard(self) -> None:
        for tmp, _ in self._pending:
            _unlink(tmp)
        self._pending = []


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once, at import: setting the umask to read it is process-wide, so doing it per file
# would let a file created meanwhile in another thread (the web front's jobs) get 0666.
_UMASK = _read_umask()


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def write_package(parts: dict[str, bytes], path: str | os.PathLike) -> Path:
    return atomic_write(path, package_bytes(parts))
