"""Forms batch: speed and memory against the naive docxtpl loop, in one run.

    python bench/bench_forms.py [--communes 1000] [--national 3321] [--naive 100] [--whole 1000]

Builds synthetic workspaces (5-15 findings per commune), then measures, each in a child
process so that peak memory (max RSS) is its own: Word forms, Excel sheets, and the
national set with both formats on 2 processes. The naive way (docxtpl: load the
template, render, save, per commune) runs on a sample in this process, as the baseline
ratio. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = ["An", "Bình", "Châu", "Đông", "Giang", "Hòa", "Hương", "Kim", "Lâm", "Long", "Mỹ", "Ninh",
             "Phú", "Quang", "Sơn", "Tân", "Thịnh", "Thủy", "Trung", "Yên"]


def make_workspace(root: Path, communes: int, seed: int = 30) -> Path:
    from cchc_docs import workspace

    ws = workspace.init(root)
    rng = random.Random(seed)
    indicators = list(csv.DictReader((ws / "data" / "indicators.csv").open(encoding="utf-8")))
    with (ws / "data" / "communes.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "name", "type"])
        for k in range(communes):
            name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)} {k + 1}"
            w.writerow([f"{100000 + k}", name, rng.choice(["xã", "xã", "phường", "đặc khu"])])
    with (ws / "data" / "findings.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["commune", "indicator", "value", "note"])
        for k in range(communes):
            for ind in rng.sample(indicators, k=rng.randint(5, len(indicators))):
                value = {"flag": "x", "count": str(rng.randint(1, 40)),
                         "percent": f"{rng.uniform(5, 69):.2f}".replace(".", ",") + "%"}[ind["kind"]]
                if ind["code"] == "thanh-toan":
                    value = str(rng.randint(1, 59))
                w.writerow([f"{100000 + k}", ind["code"], value, "ghi chú & <thử>" if rng.random() < 0.1 else ""])
    return ws


def child(ws: str, formats: str, jobs: int) -> None:
    from cchc_docs.pipeline import Session

    start = time.perf_counter()
    paths = Session(ws).write_forms(formats=tuple(formats.split(",")), jobs=jobs, out_dir=str(Path(ws) / "out"))
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print(json.dumps({"seconds": seconds, "files": len(paths) - 1, "peak_mb": peak}))


NAIVE_COMMAND = """
import sys, time
from pathlib import Path
from docxtpl import DocxTemplate
from cchc_docs import forms, workspace
from cchc_docs.dataset import load_dataset
w = workspace.load(sys.argv[1])
dataset = load_dataset(w.data_dir)
out = Path(sys.argv[2]); out.mkdir(parents=True, exist_ok=True)
for c in dataset.communes:
    doc = DocxTemplate(str(w.template(forms.TEMPLATE)))
    doc.render(forms.compose(w.config, dataset, c)[0], autoescape=True)
    doc.save(str(out / (c.code + ".docx")))
"""


def whole_commands(ws: Path, rounds: int = 3) -> tuple[float, float]:
    """(naive s, cchc forms s): both whole processes from start to exit, Word forms of every
    commune, loading the same data the same way; medians of `rounds`, taken in turn (A B A B)
    so a drift of the machine's speed hits both alike."""
    import statistics

    naive, ours = [], []
    for k in range(rounds):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", NAIVE_COMMAND, str(ws), str(ws / f"naive-{k}")], check=True)
        naive.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cchc_docs", "forms", "-w", str(ws), "--format", "docx",
                        "-o", str(ws / f"ours-{k}")], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        ours.append(time.perf_counter() - start)
    return statistics.median(naive), statistics.median(ours)


def measure(ws: Path, formats: str, jobs: int = 1) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(ws), formats, str(jobs)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def naive_ms(ws: Path, sample: int) -> tuple[float, float]:
    """(naive ms/form, prepared ms/form) on the same contexts, rendering to memory."""
    from docxtpl import DocxTemplate

    from cchc_docs import forms, workspace
    from cchc_docs.dataset import load_dataset
    from cchc_docs.ooxml.template import PreparedTemplate

    w = workspace.load(ws)
    dataset = load_dataset(w.data_dir)
    contexts = [forms.compose(w.config, dataset, c)[0] for c in dataset.communes[:sample]]
    start = time.perf_counter()
    for context in contexts:
        doc = DocxTemplate(str(w.template(forms.TEMPLATE)))
        doc.render(context, autoescape=True)
        doc.save(io.BytesIO())
    naive = (time.perf_counter() - start) / len(contexts) * 1000
    prepared = PreparedTemplate(w.template(forms.TEMPLATE))
    start = time.perf_counter()
    for context in contexts:
        prepared.render(context)
    return naive, (time.perf_counter() - start) / len(contexts) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--communes", type=int, default=1000)
    ap.add_argument("--national", type=int, default=3321)
    ap.add_argument("--naive", type=int, default=100)
    ap.add_argument("--whole", type=int, default=1000,
                    help="communes for the whole-command comparison with the naive loop (0: skip)")
    ap.add_argument("--child", nargs=3)
    args = ap.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], int(args.child[2]))
    tmp = Path(tempfile.mkdtemp(prefix="cchc-bench-forms-"))
    ws = make_workspace(tmp / "ws", args.communes)
    word = measure(ws, "docx")
    excel = measure(ws, "xlsx")
    naive, prepared = naive_ms(ws, args.naive)
    word_ms = word["seconds"] / word["files"] * 1000
    print(f"{args.communes} synthetic communes, 5-10 indicators each, 1 process")
    print(f"  Word forms : {word['files'] / word['seconds']:8.1f} forms/s  ({word_ms:.2f} ms/form, "
          f"whole batch incl. loading data), peak {word['peak_mb']:.0f} MB")
    print(f"  Excel      : {excel['files'] / excel['seconds']:8.1f} sheets/s ({excel['seconds'] / excel['files'] * 1000:.2f} ms/sheet), "
          f"peak {excel['peak_mb']:.0f} MB")
    print(f"  {args.naive} forms rendered to memory: naive docxtpl (load, render, save) {naive:.2f} ms/form, "
          f"prepared template {prepared:.2f} ms/form: {naive / prepared:.1f}x")
    print(f"  ratio naive / whole Word batch (with data loading, checks, fsync per file): {naive / word_ms:.1f}x")
    if args.whole:
        whole = make_workspace(tmp / "whole", args.whole)
        naive_s, ours_s = whole_commands(whole)
        print(f"whole command, {args.whole} communes, Word forms, 1 process, median of 3 (A B A B):")
        print(f"  naive docxtpl loop {naive_s:6.2f} s ({naive_s / args.whole * 1000:.2f} ms/form)   "
              f"cchc forms {ours_s:6.2f} s ({ours_s / args.whole * 1000:.2f} ms/form)   "
              f"ratio {naive_s / ours_s:.1f}x")
    if args.national:
        nat = make_workspace(tmp / "national", args.national)
        both = measure(nat, "docx,xlsx", jobs=2)
        print(f"{args.national} communes, Word + Excel, --jobs 2: {both['seconds']:.1f} s "
              f"({both['files']} files), peak {both['peak_mb']:.0f} MB per process")


if __name__ == "__main__":
    main()
