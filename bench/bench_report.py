"""Reading 3,321 returned Excel forms and writing the consolidated report.

Run on demand: `python bench/bench_report.py [N]` (default 3321, one per commune of the
country after July 2025). The first run builds a workspace of N communes with ~2
shortfalls each and N filled Excel returns (real `cchc forms` output when this build has
the command) in a cache folder; later runs reuse it. Prints seconds per phase and the
end-to-end time of `cchc report`; asserts nothing (the target is < 60 s on 2 cores).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import returnkit as rk  # noqa: E402

from cchc_docs import intake, workspace  # noqa: E402
from cchc_docs.pipeline import Session  # noqa: E402
from cchc_docs.dataset import load_dataset  # noqa: E402
from cchc_docs.statuses import STATUSES as CANONICAL  # noqa: E402

STATUSES = CANONICAL + ("đã khắc phục", "da khac phuc")  # as communes write them


def make_workspace(root: Path, n: int) -> None:
    workspace.init(root)
    rng = random.Random(n)
    with (root / "data" / "communes.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "name", "type"])
        for k in range(n):
            w.writerow([f"{10001 + k}", f"Đơn vị {k + 1}", rng.choice(("xã", "phường"))])
    flags = ["ke-hoach", "ky-luat", "giai-ngan", "thu-ngan-sach", "trang-ttdt"]
    with (root / "data" / "findings.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["commune", "indicator", "value", "note"])
        for k in range(n):
            for ind in rng.sample(flags, rng.randint(1, 3)):
                w.writerow([f"{10001 + k}", ind, "x", ""])
            w.writerow([f"{10001 + k}", "tthc-qua-han", rng.randint(1, 20), ""])


def _fill(job) -> None:
    form, dest, keys, seed = job
    rng = random.Random(seed)
    answers = {k: (rng.choice(STATUSES), dt.date(2024, 8, rng.randint(1, 28))) for k in keys}
    rk.fill_xlsx(form, dest, answers, mtime=dt.datetime(2024, 8, 29, 10, 0))


def _contract(job) -> None:
    root, code, dest, seed = job
    ws = workspace.load(root)
    dataset = _dataset(root)
    commune = next(c for c in dataset.communes if c.code == code)
    findings = dataset.shortfalls(commune)
    form = rk._contract_xlsx(dest.with_suffix(".form.xlsx"), ws, commune, findings)
    _fill((form, dest, [f.key for f in findings], seed))
    form.unlink()


_CACHE: dict = {}


def _dataset(root):
    if root not in _CACHE:
        _CACHE[root] = load_dataset(Path(root) / "data")
    return _CACHE[root]


def make_returns(root: Path, n: int) -> None:
    results = root / "data" / "results"
    for old in results.glob("*"):
        old.unlink()
    dataset = load_dataset(root / "data")
    codes = [c.code for c in dataset.communes]
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        if rk.has_forms_command():
            forms = rk.blank_forms(root, root / "forms")
            jobs = [(forms[(c.code, "xlsx")], results / f"{c.code}.xlsx", [f.key for f in dataset.shortfalls(c)], k)
                    for k, c in enumerate(dataset.communes)]
            list(pool.map(_fill, jobs, chunksize=32))
        else:
            jobs = [(root, code, results / f"{code}.xlsx", k) for k, code in enumerate(codes)]
            list(pool.map(_contract, jobs, chunksize=32))


def main(n: int = 3321) -> None:
    cache = Path(tempfile.gettempdir()) / f"cchc-bench-report-{n}"
    root = cache / "ws"
    results = root / "data" / "results"
    if len(list(results.glob("*.xlsx"))) != n:
        print(f"building {n} returns in {cache} (once)...", file=sys.stderr)
        start = time.perf_counter()
        if not (root / "cchc.toml").exists():
            make_workspace(root, n)
        make_returns(root, n)
        print(f"  built in {time.perf_counter() - start:.0f} s", file=sys.stderr)

    ws = workspace.load(root)
    t0 = time.perf_counter()
    dataset = load_dataset(ws.data_dir)
    t1 = time.perf_counter()
    raws = intake.read_all(intake.list_files(results))
    t2 = time.perf_counter()
    result = intake.resolve(raws, dataset, ws.config.campaign.deadline)
    t3 = time.perf_counter()
    data = Session(ws).render_report(result)
    t4 = time.perf_counter()
    print(f"{n} returns, {len(dataset.findings)} shortfalls, {len(result.problems)} problems, "
          f"report {len(data) // 1024} KB, {os.cpu_count()} cores")
    print(f"  load data      {t1 - t0:6.2f} s")
    print(f"  read returns   {t2 - t1:6.2f} s  ({(t2 - t1) / n * 1000:.1f} ms per file, wall)")
    print(f"  resolve        {t3 - t2:6.2f} s")
    print(f"  render report  {t4 - t3:6.2f} s")

    out = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    Session(root).write_report(out_dir=out, warn=lambda m: None)
    print(f"cchc report end to end: {time.perf_counter() - start:.1f} s (target < 60 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3321)
