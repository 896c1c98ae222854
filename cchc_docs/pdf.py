"""PDF through LibreOffice: every file of a call in one headless soffice process.

Starting soffice costs about 0.6 s and each document about 0.06 s more, so files are
converted together, never one process per file. Each call gets its own temporary
LibreOffice profile: the conversion then works while the clerk has LibreOffice open,
and two conversions can run at the same time (a shared profile is locked by the first).

Output is written to a hidden temporary folder inside the target folder and renamed
into place, so a reader never sees half a PDF and we know exactly which files this
call produced (soffice's exit status does not say whether a file failed).

Fonts: install Liberation Serif 2.x (Debian: `fonts-liberation2`); it is metric-compatible
with Times New Roman and covers Vietnamese. Version 1.07 lacks the Vietnamese letters and
LibreOffice then mixes in another typeface letter by letter.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .errors import CchcError, DocumentError, Problem

INSTALL_HINT = (
    "cài đặt trên Debian/Ubuntu: "
    "`sudo apt-get install libreoffice-writer-nogui fonts-liberation2`; "
    "Windows: cài LibreOffice từ https://www.libreoffice.org/download/ ; "
    "hoặc đặt biến môi trường CCHC_SOFFICE trỏ tới tệp soffice."
)
START_SECONDS = 90      # first start on a cold machine builds the profile
PER_FILE_SECONDS = 20   # generous: a large report with tables
# PDF/A-2b: fonts embedded, colour profile, XMP claim; Decree 30 asks PDF 1.4 or later and an
# archive wants it self-contained. The JSON form of the filter options is what LibreOffice
# 7.4 accepts on the command line (checked: pdfinfo -meta shows pdfaid part 2, conformance B).
PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def find_soffice() -> str | None:
    """Path of the soffice program: $CCHC_SOFFICE, then PATH, then the usual install places."""
    env = os.environ.get("CCHC_SOFFICE")
    if env:
        return env if Path(env).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = []
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    else:
        candidates += [Path("/usr/lib/libreoffice/program/soffice"), Path("/opt/libreoffice/program/soffice")]
    return next((str(c) for c in candidates if c.is_file()), None)


def _kill(proc) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess:
    popen_kw: dict = {"stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    if os.name == "posix":
        popen_kw["start_new_session"] = True  # so a timeout can stop soffice.bin too, not just its wrapper
    else:
        popen_kw["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    with subprocess.Popen(cmd, **popen_kw) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except KeyboardInterrupt:
            # Ctrl-C: stop soffice.bin as well before the profile folder is removed.
            _kill(proc)
            raise
        except subprocess.TimeoutExpired:
            if os.name == "posix":
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            else:
                proc.kill()
            proc.communicate()
            raise CchcError(f"LibreOffice không chuyển xong sau {timeout:.0f} giây; đã dừng.") from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def convert_to_pdf(paths: list[Path], out_dir: Path, timeout: float | None = None) -> list[Path]:
    """Convert .docx files to PDF in `out_dir` with one soffice process; the PDF paths, in order.

    Raises CchcError (exit 2 in the CLI) when LibreOffice is missing, an input is missing,
    or a file could not be converted.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        return []
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise DocumentError([Problem("không tìm thấy tệp", file=str(p)) for p in missing])
    unique = list(dict.fromkeys(p.resolve() for p in paths))
    by_name: dict[str, Path] = {}
    for p in unique:
        other = by_name.setdefault(p.stem.lower(), p)
        if other != p:
            # soffice names the PDF after the file: both would become the same PDF.
            raise CchcError(Problem(f"hai tệp cùng tên sẽ ghi đè cùng một PDF: {other} và {p}",
                                    hint="đổi tên một tệp hoặc xuất vào hai thư mục khác nhau (-o)"))
    soffice = find_soffice()
    if soffice is None:
        env = os.environ.get("CCHC_SOFFICE")
        what = (f"biến CCHC_SOFFICE trỏ tới {env}, nhưng không có tệp đó" if env
                else "không tìm thấy LibreOffice (lệnh soffice) để xuất PDF")
        raise CchcError(Problem(what, hint=INSTALL_HINT))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[Path, Path] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-lo-profile-") as profile:
        stage = Path(tempfile.mkdtemp(prefix=".cchc-pdf-", dir=out_dir))
        try:
            inputs = _offline_copies(unique, stage / "in")
            cmd = [soffice, f"-env:UserInstallation={Path(profile).resolve().as_uri()}", "--headless",
                   "--norestore", "--nolockcheck", "--nologo", "--nodefault", "--convert-to", PDF_FILTER,
                   "--outdir", str(stage), *[str(p) for p in inputs]]
            limit = timeout if timeout is not None else START_SECONDS + PER_FILE_SECONDS * len(unique)
            started = time.monotonic()
            proc = _run(cmd, limit)
            failed = []
            for src in unique:
                produced = stage / f"{src.stem}.pdf"
                if produced.is_file() and produced.stat().st_size > 0:
                    final = out_dir / produced.name
                    os.replace(produced, final)
                    results[src] = final.resolve()
                else:
                    failed.append(src)
            if failed:
                detail = (proc.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-3:]
                raise CchcError([Problem("LibreOffice không chuyển được sang PDF", file=str(src),
                                         hint="; ".join(detail) or f"mã thoát {proc.returncode}, "
                                         f"sau {time.monotonic() - started:.0f} giây")
                                 for src in failed])
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    return [results[p.resolve()] for p in paths]


def _offline_copies(sources: list[Path], folder: Path) -> list[Path]:
    """Each input checked to be a real Word package and copied without its external
    relationships, under its own name: LibreOffice converts the copies, so it has
    nothing to fetch (a linked picture, a remote template) and a text file named .docx
    is refused here instead of becoming a PDF of its text."""
    from .ooxml.clean import offline
    from .ooxml.package import PackageError, package_bytes, read_parts

    folder.mkdir()
    copies, problems = [], []
    for src in sources:
        try:
            parts, _removed = offline(read_parts(src))
        except PackageError as exc:
            problems.append(Problem(f"{exc}; không xuất PDF", file=str(src)))
            continue
        copy = folder / src.name
        copy.write_bytes(package_bytes(parts))
        copies.append(copy)
    if problems:
        raise DocumentError(problems)
    return copies


def split_inputs(files) -> tuple[list[Path], list[Path]]:
    """(.docx to convert, others skipped): `cchc forms | xargs cchc pdf` passes the Excel
    sheets and manifest.csv along with the Word forms; only Word files become PDF (an
    Excel form is filled in, not printed from a PDF), so their names never clash."""
    paths = [Path(f) for f in files]
    return ([p for p in paths if p.suffix.lower() == ".docx"],
            [p for p in paths if p.suffix.lower() != ".docx"])


def convert(files, out_dir=None) -> list[Path]:
    """`cchc pdf`: into `out_dir`, or each PDF beside its .docx (one process per folder)."""
    paths = [Path(f) for f in files]
    if out_dir:
        return convert_to_pdf(paths, Path(out_dir))
    by_dir: dict[Path, list[Path]] = {}
    for p in paths:
        by_dir.setdefault(p.parent, []).append(p)
    done = {}
    for folder, group in by_dir.items():
        for src, out in zip(group, convert_to_pdf(group, folder)):
            done[src] = out
    return [done[p] for p in paths]
