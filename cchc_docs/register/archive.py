"""The archive of issued documents: output/archive/<year>/<unit>/<số>-<ký hiệu>-<slug>.docx.

A number must never exist without its archived file, nor a file without its number.
Files are therefore written in two phases around the database commit: *staged* under a
temporary name before the commit, *published* (renamed) after it, *discarded* if the
transaction fails. A process killed in between leaves temporary files; `recover` finds
them later and either finishes the rename (the number was committed: roll forward) or
deletes them (it was not: the number was never taken).
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, RegisterError
from ..vn import nfc, slugify

ARCHIVE = "archive"
TMP_SUFFIX = ".cchc-tmp"
SLUG_MAX = 60
# A temp file older than this is an orphan even if its pid now belongs to someone else.
STALE_AFTER_S = 6 * 3600


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def content_sha256(parts: dict[str, bytes]) -> str:
    """Hash of a package's parts, not of its zip bytes: the same draft re-zipped (other
    timestamps, other compression) is still the same draft."""
    h = hashlib.sha256()
    for name in sorted(parts):
        data = parts[name]
        h.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def safe_component(text: str, fallback: str = "khac") -> str:
    """A path component that keeps Vietnamese letters (`QĐ-UBND`) but nothing that could
    climb out of the folder or upset Windows: no separators, no leading dots."""
    text = unicodedata.normalize("NFC", nfc(text))
    text = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text)
    text = re.sub(r"-{2,}", "-", text).strip("-_")
    return text or fallback


def short_slug(text: str) -> str:
    slug = slugify(text.removeprefix("V/v ").removeprefix("V/v"))
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug


def file_name(number_text: str, symbol: str, summary: str) -> str:
    return f"{number_text}-{safe_component(symbol)}-{short_slug(summary)}.docx"


def archive_root(root: Path) -> Path:
    return root / "output" / ARCHIVE


def relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def origin(root: Path) -> str:
    """Which copy of the archive a row describes: a shared PostgreSQL register is fed by
    several machines, each keeping its own output/archive."""
    return f"{socket.gethostname()}:{root.resolve().as_posix()}"


def _host() -> str:
    return safe_component(socket.gethostname(), "host").replace("~", "-")


@dataclass
class Staged:
    """Files written under temporary names, waiting for the commit."""

    moves: list[tuple[Path, Path]] = field(default_factory=list)  # (temp, final)
    published: bool = False

    @property
    def finals(self) -> list[Path]:
        return [final for _, final in self.moves]

    def publish(self) -> None:
        for tmp, final in self.moves:
            os.replace(tmp, final)
        for d in {final.parent for final in self.finals}:
            _fsync_dir(d)
        self.published = True

    def discard(self) -> None:
        for tmp, _ in self.moves:
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass


def _fsync_dir(path: Path) -> None:
    # The rename is only durable once the folder is; not possible on Windows, harmless there.
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_name(final: Path) -> Path:
    token = os.urandom(4).hex()
    return final.with_name(f".{final.name}~{_host()}~{os.getpid()}~{token}{TMP_SUFFIX}")


def stage(finals: list[Path], data: bytes) -> Staged:
    """Write `data` to a temporary file beside each final path (fsynced)."""
    staged = Staged()
    try:
        for final in finals:
            if final.exists():
                raise RegisterError(Problem(
                    "tệp lưu trữ đã có sẵn, không ghi đè", file=str(final),
                    hint="sổ đăng ký có thể đã bị xóa hoặc thay; kiểm tra bằng 'cchc register verify'"))
            # Private to the clerk's account (0700 folders, 0600 files), whatever the umask:
            # the archive holds every issued document. An office sharing it with a group
            # grants that itself (chmod -R g+rX output/archive).
            final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = temp_name(final)
            staged.moves.append((tmp, final))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException:
        staged.discard()
        raise
    return staged


@dataclass(frozen=True)
class Orphan:
    temp: Path
    final: Path


def find_temps(root: Path) -> list[Orphan]:
    """Temporary archive files whose writer is gone (dead pid here, or too old)."""
    base = archive_root(root)
    if not base.is_dir():
        return []
    found = []
    host = _host()
    for dirpath, _dirs, files in os.walk(base):
        for name in files:
            if not (name.startswith(".") and name.endswith(TMP_SUFFIX)):
                continue
            path = Path(dirpath) / name
            parts = name[1:-len(TMP_SUFFIX)].split("~")
            if len(parts) != 4:
                continue
            final_name, t_host, t_pid, _ = parts
            if _writer_alive(path, t_host == host, t_pid):
                continue
            found.append(Orphan(path, path.with_name(final_name)))
    return found


def _writer_alive(path: Path, same_host: bool, pid: str) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return True  # gone meanwhile: its writer finished with it
    if age > STALE_AFTER_S:
        return False
    if not same_host:
        return True  # another machine's in-flight file: only its age can tell
    try:
        pid_n = int(pid)
    except ValueError:
        return False
    if pid_n == os.getpid():
        # This process stages and publishes within one call; a leftover of ours is dead.
        return False
    try:
        os.kill(pid_n, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by another user
    return not _zombie(pid_n)


def _zombie(pid: int) -> bool:
    # A killed writer not yet reaped by its parent still answers kill(pid, 0).
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[:1] == ["Z"]


def recover(root: Path, reg) -> tuple[list[Path], list[Path]]:
    """Finish or undo what a killed `issue` left behind: (published, removed). A temporary
    file whose row is in the register `reg` (a db.Register) and whose hash matches is
    renamed to its final name; any other is deleted."""
    orphans = find_temps(root)
    recovered: list[Path] = []
    removed: list[Path] = []
    if not orphans:
        return recovered, removed
    where = origin(root)
    with reg.reading() as tx:
        rows = {o.temp: tx.file_at(where, relative(root, o.final)) for o in orphans}
    for o in orphans:
        row = rows[o.temp]
        try:
            if row is not None and not o.final.exists() and sha256_file(o.temp) == row.sha256:
                os.replace(o.temp, o.final)
                recovered.append(o.final)
            else:
                o.temp.unlink()
                removed.append(o.temp)
        except FileNotFoundError:
            pass  # another clerk's process cleaned it first
    return recovered, removed
