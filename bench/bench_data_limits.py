"""How fast hostile data files are refused (a zip-bomb findings.xlsx), and how fast a
province-sized findings.csv (10 000 communes x 8 findings) is read cell by cell.

Run on demand: `python bench/bench_data_limits.py [MEGABYTES]` (default 700, the size in
issue 10). Prints the bomb's size on disk, what it inflates to, and the seconds `cchc
validate` takes to refuse it; for comparison, the seconds to validate the real sample data.
Asserts nothing.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from datakit import zip_bomb_xlsx  # noqa: E402

from cchc_docs import workspace  # noqa: E402


def validate(ws: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "cchc_docs.cli", "validate", "-w", str(ws)],
                         capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - start, run.returncode, run.stderr.strip()


def big_load(root: Path) -> None:
    import csv
    import random

    from cchc_docs.dataset import load_dataset

    ws = workspace.init(root)
    rng = random.Random(1)
    indicators = list(csv.DictReader((ws / "data" / "indicators.csv").open(encoding="utf-8")))
    with (ws / "data" / "communes.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "name", "type"])
        w.writerows([f"{100000 + k}", f"Đơn vị {k}", "xã"] for k in range(10_000))
    with (ws / "data" / "findings.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["commune", "indicator", "value", "note"])
        for k in range(10_000):
            for ind in rng.sample(indicators, 8):
                value = {"flag": "x", "count": str(rng.randint(1, 40)),
                         "percent": f"{rng.uniform(5, 69):.2f}".replace(".", ",") + "%"}[ind["kind"]]
                w.writerow([f"{100000 + k}", ind["code"], value, ""])
    start = time.perf_counter()
    dataset = load_dataset(ws / "data")
    print(f"province data:         {len(dataset.findings)} findings read in "
          f"{time.perf_counter() - start:.2f} s")


def main(megabytes: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        big_load(Path(tmp) / "big")
        ws = workspace.init(Path(tmp) / "ws")
        seconds, rc, _ = validate(ws)
        print(f"sample data:           validate {seconds:.2f} s (exit {rc})")
        (ws / "data" / "findings.csv").unlink()
        bomb = ws / "data" / "findings.xlsx"
        zip_bomb_xlsx(bomb, megabytes)
        seconds, rc, err = validate(ws)
        print(f"zip bomb {bomb.stat().st_size / 1024:.0f} KB -> {megabytes} MB: refused in {seconds:.2f} s "
              f"(exit {rc})")
        print(f"  {err}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 700)
