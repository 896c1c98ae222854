"""The forms batch: one Word form and one Excel sheet per commune, written atomically.

Kept apart from `pipeline` because it is the one place with worker processes: each
worker opens its own Session (workspace and data read once per process) and writes
whole chunks of communes, so a 3,321-commune batch spreads over the machine's cores.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

CHUNK = 25


class FormMaker:
    """Everything needed to make forms, prepared once per process."""

    def __init__(self, session):
        from . import forms

        self.session = session
        self.dataset = session.dataset
        self.template = session.template(forms.TEMPLATE)
        self.stems = forms.file_stems(list(self.dataset.communes))
        self.by_code = {c.code: c for c in self.dataset.communes}
        self._workbook = None  # PreparedWorkbook, built on the first Excel sheet

    def render(self, commune, fmt: str) -> tuple[bytes, int]:
        from . import forms
        from .ooxml.workbook import PreparedWorkbook
        from .pipeline import _stamp
        from .statuses import STATUSES

        config = self.session.config
        context, rows = forms.compose(config, self.dataset, commune)
        if fmt == "docx":
            data = self.template.render(context, title=forms.subject(config), creator=context["committee"],
                                        stamp=_stamp(None, config.campaign.year))
        else:
            if self._workbook is None:
                self._workbook = PreparedWorkbook(config.campaign.period, STATUSES,
                                                  dt.datetime(config.campaign.year, 1, 1))
            data = self._workbook.render(commune.code, commune.title, rows)
        return data, len(rows)

    def write(self, code: str, formats, folder: Path) -> list[tuple]:
        from .ooxml.package import atomic_write

        commune = self.by_code[code]
        written = []
        for fmt in formats:
            data, rows = self.render(commune, fmt)
            path = atomic_write(folder / f"{self.stems[code]}.{fmt}", data)
            written.append((path, commune.code, commune.name, rows, hashlib.sha256(data).hexdigest()))
        return written

    def check_variants(self, communes) -> None:
        """Check one form with shortfalls and one without, not every form.

        Every form of a batch comes from the same template through the same code path; what
        differs per commune is text in cells and the number of table rows, which no Decree 30
        layout rule depends on. So the two variants stand for the batch, and checking stays a
        constant cost instead of dominating a 3,000-commune run.
        """
        from .pipeline import self_check

        seen = set()
        for commune in communes:
            variant = bool(self.dataset.shortfalls(commune))
            if variant not in seen:
                seen.add(variant)
                data, _ = self.render(commune, "docx")
                self_check(data, f"{self.stems[commune.code]}.docx", draft=True)


_worker: FormMaker | None = None


def _init_worker(root: str) -> None:
    global _worker
    from .pipeline import Session

    _worker = FormMaker(Session(root))


def _work(args) -> list[tuple]:
    codes, formats, folder = args
    return [row for code in codes for row in _worker.write(code, formats, folder)]


def write_forms(session, only=None, formats=("docx", "xlsx"), jobs=1, out_dir=None,
                progress=False) -> list[Path]:
    """One Word form and one Excel sheet per commune, and `manifest.csv` of what was written.

    Each file is written atomically, so an interrupted batch leaves only complete files
    and running again finishes it (same data, same bytes).
    """
    from . import forms

    maker = FormMaker(session)
    communes = forms.select_communes(maker.dataset, only)
    folder = session.output_dir(out_dir) / forms.SUBFOLDER
    if "docx" in formats:
        maker.check_variants(communes)  # a bad template stops here, before any folder exists
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(".*.part"):  # left by a batch killed mid-write
        stale.unlink()
    codes = [c.code for c in communes]
    chunks = [codes[k:k + CHUNK] for k in range(0, len(codes), CHUNK)]
    rows: list[tuple] = []
    bar = _progress(len(codes), "Phiếu", progress)
    if jobs > 1 and len(chunks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(str(session.ws.root),)) as pool:
            for chunk, done in zip(chunks, pool.map(_work, [(c, formats, folder) for c in chunks])):
                rows += done
                bar.update(len(chunk))
    else:
        for chunk in chunks:
            rows += [row for code in chunk for row in maker.write(code, formats, folder)]
            bar.update(len(chunk))
    bar.close()
    return [row[0] for row in rows] + [_write_manifest(folder, rows)]


def _progress(total: int, label: str, enabled: bool):
    """A bar on a terminal; elsewhere (a file, a CI log) no `\r` frames, one summary line."""
    if enabled and getattr(sys.stderr, "isatty", lambda: False)():
        from tqdm import tqdm

        return tqdm(total=total, desc=label, unit=" đơn vị", file=sys.stderr, leave=False)
    return _Summary(total, label, enabled)


class _Summary:
    def __init__(self, total: int, label: str, enabled: bool):
        self.total, self.label, self.enabled, self.done = total, label, enabled, 0

    def update(self, n: int) -> None:
        self.done += n

    def close(self) -> None:
        if self.enabled:
            print(f"{self.label}: đã soạn {self.done}/{self.total} đơn vị.", file=sys.stderr)


def _write_manifest(folder: Path, rows: list[tuple]) -> Path:
    import csv
    import io

    from .ooxml.package import atomic_write

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["file", "commune_code", "commune_name", "rows", "sha256"])
    for path, code, name, count, digest in sorted(rows, key=lambda r: r[0].name):
        writer.writerow([path.name, code, name, count, digest])
    return atomic_write(folder / "manifest.csv", buf.getvalue().encode("utf-8"))
