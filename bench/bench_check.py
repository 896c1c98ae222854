"""Checker and PDF throughput, run on demand:
`python bench/bench_check.py [--no-pdf] [--report REPORT.docx]`.

Also (issue #12): the committed corpus (tests/corpus/docs) checked on 1 and on 2 processes
(documents per second and the ratio); hostile files, each in its own process, with wall time
and peak memory (refused with its reason, or finished); and, with --report, the self-check of a
big consolidated report (the 3,321-commune one) as the pipeline runs it (check_parts).

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


def _check_one(path) -> int:
    from cchc_docs.check.files import check_file

    return check_file(str(path))["errors"]


def bench_corpus() -> None:
    from concurrent.futures import ProcessPoolExecutor

    docs = sorted((ROOT / "tests" / "corpus" / "docs").glob("*.docx")) * 4
    rates = {}
    for workers in (1, 2):
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_check_one, docs[:4]))  # warm the workers (imports)
            start = time.perf_counter()
            list(pool.map(_check_one, docs, chunksize=8))
            rates[workers] = len(docs) / (time.perf_counter() - start)
    import os

    print(f"machine load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"corpus ({len(docs) // 4} documents × 4): 1 process {rates[1]:6.0f} docs/s, "
          f"2 processes {rates[2]:6.0f} docs/s (ratio {rates[2] / rates[1]:.2f}; target ≥ 100 docs/s on 2 cores)")


_HOSTILE_CHILD = """
import re, sys, time
sys.path[:0] = [{root!r}, {tests!r}]
from cchc_docs.check.files import check_file
start = time.perf_counter()
r = check_file({path!r})
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the (large) parent.
hwm = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(f"{{time.perf_counter() - start:.2f}}|{{hwm}}|"
      f"{{r['status']}}|{{r.get('error') or ', '.join(sorted({{f['rule'] for f in r['findings'] if f['severity'] == 'error'}}))}}")
"""


def bench_hostile(folder: Path) -> None:
    import re
    import subprocess

    import hostile
    from test_check import build, save

    clean = save(build()[0])
    xml = read_parts(clean)["word/document.xml"].decode()
    cases = {}
    bomb = folder / "bomb.docx"
    hostile.inflating_bomb(bomb)
    cases["1,4 MB → 4 × 63 MB (zip bomb)"] = bomb
    over = re.sub(r"<w:pPr>", '<w:pPr><w:ind w:left="1e999"/>', xml).replace("Số: 05/", "Số: 5/")
    cases["w:left=\"1e999\" + Số: 5/"] = hostile.replace_part(clean, "word/document.xml", over.encode())
    for n, label in ((95_000, "570 000 thẻ XML (dưới giới hạn)"), (200_000, "1,2 triệu thẻ XML")):
        body = "".join(f"<w:p><w:r><w:t>{k}</w:t></w:r></w:p>" for k in range(n))
        cases[label] = hostile.replace_part(clean, "word/document.xml",
                                            xml.replace("<w:body>", "<w:body>" + body, 1).encode())
    ct = read_parts(clean)["[Content_Types].xml"]
    cases["DTD trong [Content_Types].xml"] = hostile.replace_part(
        clean, "[Content_Types].xml", ct.replace(b"?>", b"?><!DOCTYPE Types [<!ENTITY x 'y'>]>", 1))
    cases["VBA (vbaProject.bin, .docm)"] = hostile.replace_part(
        clean, "[Content_Types].xml", ct.replace(hostile.DOCX_MAIN.encode(), hostile.DOCM_MAIN.encode()),
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" * 64})
    print("hostile files (each in a fresh process; bound: ≤ 5 s and ≤ 300 MB, or refused):")
    for label, data in cases.items():
        path = data if isinstance(data, Path) else folder / "case.docx"
        if not isinstance(data, Path):
            path.write_bytes(data)
        code = _HOSTILE_CHILD.format(root=str(ROOT), tests=str(ROOT / "tests"), path=str(path))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
        secs, mb, status, what = (out.split("|", 3) + ["", "", "", ""])[:4]
        print(f"  {label:<34} {secs:>6} s {mb:>5} MB  {status}: {what[:90]}")


def bench_report(path: Path) -> None:
    from cchc_docs.check import check_parts

    parts = read_parts(path)
    wall, cpu = [], []
    for _ in range(3):
        w, c = time.perf_counter(), time.process_time()
        check_parts(parts, draft=True)
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    print(f"self-check of {path.name} ({len(parts['word/document.xml']) // (1024 * 1024)} MB document.xml): "
          f"{min(wall):.2f} s wall, {min(cpu):.2f} s CPU (best of 3; target ≤ 1 s)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "--report" in sys.argv:
            bench_report(Path(sys.argv[sys.argv.index("--report") + 1]))
        bench_corpus()
        bench_hostile(folder)
        if "--hostile-only" in sys.argv:
            return
        paths = make_set(folder)
        bench_check(paths)
        if "--no-pdf" not in sys.argv:
            bench_pdf(paths, folder / "pdf")


if __name__ == "__main__":
    main()
