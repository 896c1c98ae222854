"""Checker and PDF throughput, run on demand: `python bench/bench_check.py [--no-pdf]`.

Checker: files per second over a 100-file set (50 letters from the project's own template,
50 documents built with python-docx, whose default style sheet is much larger), read from
disk with check_docx, and from memory with check_parts (what a generator does).
PDF: seconds per document for 1 file in one soffice call versus 50 files in one call.
Prints the figures and asserts nothing (machines here are noisy: compare within a run).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from cchc_docs import workspace
from cchc_docs.check import check_docx, check_parts
from cchc_docs.ooxml.package import read_parts


def make_set(folder: Path, n: int = 100) -> list[Path]:
    from test_check import build, save  # the test corpus builder (python-docx)

    from cchc_docs.pipeline import Session

    ws = workspace.load(workspace.init(folder / "ws"))
    paths = []
    for k in range(n // 2):
        data = Session(ws).render_letter(date=dt.date(2024, 7, 1) + dt.timedelta(days=k), number=k + 1)
        path = folder / f"letter-{k:03d}.docx"
        path.write_bytes(data)
        paths.append(path)
    for k in range(n - n // 2):
        d, _ = build(kind="bao-cao" if k % 2 else "cong-van", appendix=bool(k % 2),
                     number=f"Số: {k + 10}/UBND-NV")
        path = folder / f"docx-{k:03d}.docx"
        path.write_bytes(save(d))
        paths.append(path)
    return paths


def rate(fn, items, rounds=5, clock=time.perf_counter) -> float:
    times = []
    for _ in range(rounds):
        start = clock()
        for item in items:
            fn(item)
        times.append(clock() - start)
    return len(items) / statistics.median(times)


def bench_check(paths: list[Path]) -> None:
    bad = [p.name for p in paths if any(f.severity == "error" for f in check_docx(p))]
    if bad:
        print(f"warning: {len(bad)} benchmark files have findings, e.g. {bad[:3]}")
    files_per_s = rate(check_docx, paths)
    parts = [read_parts(p) for p in paths]
    parts_per_s = rate(check_parts, parts)
    letters = [p for p in parts[: len(parts) // 2]]
    docx_made = [p for p in parts[len(parts) // 2:]]
    print(f"check_docx  (from disk, {len(paths)} files):   {files_per_s:7.0f} files/s "
          f"({1000 / files_per_s:.2f} ms/file)")
    print(f"check_parts (in memory, {len(parts)} files):  {parts_per_s:7.0f} files/s "
          f"({1000 / parts_per_s:.2f} ms/file)")
    print(f"   project letters: {rate(check_parts, letters):7.0f} files/s; "
          f"python-docx documents: {rate(check_parts, docx_made):7.0f} files/s")
    # CPU time of this process: the figure to trust when other jobs share the machine.
    cpu = rate(check_docx, paths, clock=time.process_time)
    print(f"check_docx  CPU time only:             {cpu:7.0f} files/s ({1000 / cpu:.2f} ms/file)")


def bench_pdf(paths: list[Path], out: Path) -> None:
    from cchc_docs.pdf import convert_to_pdf, find_soffice

    if find_soffice() is None:
        print("pdf: LibreOffice not installed, skipped")
        return
    one = []
    for k in range(3):
        start = time.perf_counter()
        convert_to_pdf([paths[k]], out / f"one-{k}")
        one.append(time.perf_counter() - start)
    fifty = paths[:50]
    start = time.perf_counter()
    convert_to_pdf(fifty, out / "fifty")
    per_doc_50 = (time.perf_counter() - start) / len(fifty)
    per_doc_1 = statistics.median(one)
    print(f"pdf, 1 file per call:    {per_doc_1:.3f} s/document (median of 3 calls)")
    print(f"pdf, 50 files in 1 call: {per_doc_50:.3f} s/document")
    print(f"ratio: {per_doc_1 / per_doc_50:.1f}x faster per document in one call")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_set(folder)
        bench_check(paths)
        if "--no-pdf" not in sys.argv:
            bench_pdf(paths, folder / "pdf")


if __name__ == "__main__":
    main()
