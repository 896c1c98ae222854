"""Files and the operating system: what a clerk sees when the disk is full, a file is held
open, a folder stands where a file goes, or Ctrl-C is pressed; and batches run at once."""

from __future__ import annotations

import csv
import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith((".part", ".cchc-tmp")) or
            p.name.startswith((".cchc-issue-", ".cchc-pdf-"))]


def test_a_folder_where_the_file_goes(cchc, ws):
    (ws / "output" / "cong-van-don-doc.docx").mkdir(parents=True)
    result = cchc("letter", "-w", ws)
    assert result.exit_code == 2, result.stderr
    assert "ở chỗ của tệp lại là một thư mục" in result.stderr and "cong-van-don-doc.docx" in result.stderr
    assert "Traceback" not in result.stderr and not leftovers(ws)


def test_a_full_disk(cchc, ws, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = cchc("letter", "-w", ws)
    assert result.exit_code == 2 and "ổ đĩa đã đầy" in result.stderr, result.stderr
    assert not (ws / "output" / "cong-van-don-doc.docx").exists() and not leftovers(ws)


def test_a_file_held_open_by_word(cchc, ws, monkeypatch):
    assert cchc("letter", "-w", ws).exit_code == 0
    real = os.replace

    def held(src, dst, *a, **kw):
        if str(dst).endswith("cong-van-don-doc.docx"):
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", held)
    result = cchc("letter", "-w", ws)
    assert result.exit_code == 2 and "cong-van-don-doc.docx" in result.stderr, result.stderr
    assert "không có quyền" in result.stderr or "Word" in result.stderr
    assert not leftovers(ws)


def test_an_unwritable_folder(cchc, ws, tmp_path, monkeypatch):
    real = os.open
    locked = tmp_path / "khoa"

    def denied(path, flags, *a, **kw):
        if str(path).startswith(str(locked)) and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *a, **kw)

    monkeypatch.setattr(os, "open", denied)
    result = cchc("letter", "-w", ws, "-o", locked)
    assert result.exit_code == 2 and "không có quyền ghi" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_path_with_spaces(cchc, ws, tmp_path):
    out = tmp_path / "Văn bản đi" / "tháng 7"
    result = cchc("letter", "-w", ws, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out / "cong-van-don-doc.docx")


def test_ctrl_c_is_130_with_a_message_and_no_partial_file(cchc, ws, monkeypatch):
    from cchc_docs.ooxml import package

    real = package.BatchWriter.add
    calls = {"n": 0}

    def interrupted(self, path, data):
        calls["n"] += 1
        if calls["n"] == 5:
            # The keypress lands between writing the bytes and the rename.
            def stop(*_a, **_kw):
                raise KeyboardInterrupt
            monkeypatch.setattr(os, "replace", stop)
        return real(self, path, data)

    monkeypatch.setattr(package.BatchWriter, "add", interrupted)
    result = cchc("forms", "-w", ws)
    assert result.exit_code == 130
    assert "Đã dừng theo yêu cầu (Ctrl-C)" in result.stderr
    assert not leftovers(ws)


def _manifest(folder: Path) -> dict[str, dict]:
    with open(folder / "manifest.csv", encoding="utf-8") as fh:
        return {r["file"]: r for r in csv.DictReader(fh)}


def _describes_the_folder(folder: Path) -> None:
    files = {p.name for p in folder.iterdir() if p.suffix in (".docx", ".xlsx")}
    rows = _manifest(folder)
    assert set(rows) == files
    for name, row in rows.items():
        assert row["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest(), name


def test_manifest_describes_the_folder_after_only_and_after_a_changed_file(cchc, ws):
    assert cchc("forms", "-w", ws).exit_code == 0
    folder = ws / "output" / "forms"
    full = _manifest(folder)
    assert len(full) == 50
    # A file changed behind the batch's back (a killed re-run, an edit): its real hash.
    (folder / "son-kim-1.xlsx").write_bytes(b"changed")
    assert cchc("forms", "-w", ws, "--only", "Sơn Long", "--format", "docx").exit_code == 0
    rows = _manifest(folder)
    assert len(rows) == 50 and rows["son-kim-1.docx"] == full["son-kim-1.docx"]
    assert rows["son-long.docx"]["commune_name"] == "Sơn Long" and rows["son-long.docx"]["rows"] == full["son-long.docx"]["rows"]
    _describes_the_folder(folder)
    (folder / "son-kim-1.xlsx").unlink()
    assert cchc("forms", "-w", ws, "--only", "Sơn Long").exit_code == 0
    assert "son-kim-1.xlsx" not in _manifest(folder)
    _describes_the_folder(folder)


def test_two_batches_at_once_in_one_workspace(ws):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cmd = [sys.executable, "-m", "cchc_docs.cli", "forms", "-w", str(ws)]
    runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for _ in range(3)]
    outs = [r.communicate(timeout=180) for r in runs]
    assert [r.returncode for r in runs] == [0, 0, 0], [e for _, e in outs]
    folder = ws / "output" / "forms"
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    _describes_the_folder(folder)
    assert len(_manifest(folder)) == 50


def test_workers_die_with_their_parent(ws, tmp_path):
    pids = tmp_path / "pids"
    code = f"""
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from cchc_docs import batch

def report(_):
    with open({str(pids)!r}, "a") as fh:
        fh.write(f"{{os.getpid()}}\\n")
    time.sleep(120)

if __name__ == "__main__":
    with ProcessPoolExecutor(2, initializer=batch._init_worker, initargs=({str(ws)!r}, os.getpid())) as pool:
        list(pool.map(report, range(2)))
"""
    script = tmp_path / "parent.py"
    script.write_text(code)
    parent = subprocess.Popen([sys.executable, str(script)], env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        deadline = time.monotonic() + 60
        while not pids.exists() or len(pids.read_text().split()) < 2:
            assert time.monotonic() < deadline and parent.poll() is None
            time.sleep(0.1)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
    workers = [int(p) for p in pids.read_text().split()]
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return True
    return state != "Z"


def test_ctrl_c_during_pdf_stops_libreoffice_and_removes_its_profile(ws, tmp_path):
    """A stand-in soffice that hangs: Ctrl-C must end it, its profile and the staging folder."""
    from test_check import build, save

    log = tmp_path / "soffice.log"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\necho $$ > {log}\necho \"$@\" >> {log}\nexec sleep 120\n")
    fake.chmod(0o755)
    d, _ = build()
    src = tmp_path / "van ban" / "cong van.docx"  # a path with spaces, too
    src.parent.mkdir()
    src.write_bytes(save(d))
    env = dict(os.environ, PYTHONPATH=str(REPO), CCHC_SOFFICE=str(fake))
    proc = subprocess.Popen([sys.executable, "-m", "cchc_docs.cli", "pdf", str(src)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not log.exists() or len(log.read_text().splitlines()) < 2:
        assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read() if proc.poll() else ""
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Đã dừng theo yêu cầu (Ctrl-C)" in err, err
    pid, argv = log.read_text().splitlines()[:2]
    assert not _alive(int(pid))
    profile = next(a for a in argv.split() if a.startswith("-env:UserInstallation=file://"))
    assert not Path(profile.split("file://", 1)[1]).exists()
    assert not list(src.parent.glob(".cchc-pdf-*")) and not list(src.parent.glob("*.pdf"))
