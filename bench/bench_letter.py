"""Letter rendering: prepared template vs docxtpl's load-render-save, in one run.

Run on demand: `python bench/bench_letter.py [N]`. Prints ms per letter and the ratio;
asserts nothing (machines here are noisy: compare the two in the same run).
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cchc_docs import letter, workspace
from cchc_docs.dataset import load_dataset
from cchc_docs.ooxml.template import PreparedTemplate


def timed(fn, n):
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        rounds.append((time.perf_counter() - start) / n * 1000)
    return statistics.median(rounds)


def main(n: int = 50) -> None:
    from docxtpl import DocxTemplate

    ws = workspace.load(workspace.init(Path(tempfile.mkdtemp()) / "ws"))
    dataset = load_dataset(ws.data_dir)
    context, notes = letter.compose(ws.config, dataset)
    path = ws.template(letter.TEMPLATE)
    prepared = PreparedTemplate(path)

    def naive():
        # docxtpl as usually written; no footnotes (it has no API for them), so it does less.
        doc = DocxTemplate(str(path))
        doc.render(context, autoescape=True)
        doc.save(io.BytesIO())

    ms_prepared = timed(lambda: prepared.render(context, footnotes=notes), n)
    ms_naive = timed(naive, n)
    print(f"letters per round: {n}, median of 5 rounds")
    print(f"prepared template : {ms_prepared:7.2f} ms/letter (with footnotes)")
    print(f"docxtpl naive     : {ms_naive:7.2f} ms/letter (without footnotes)")
    print(f"ratio             : {ms_naive / ms_prepared:7.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
