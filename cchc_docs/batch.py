"""The forms batch: one Word form and one Excel sheet per commune, written atomically.

Kept apart from `pipeline` because it is the one place with worker processes: each
worker opens its own Session (workspace and data read once per process) and writes
whole chunks of communes, so a 3,321-commune batch spreads over the machine's cores.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

CHUNK = 25  # communes per task of a worker process
SYNC_EVERY = 500  # communes per flush to disk in one process
FORM_DEFLATE_LEVEL = 1  # thousands of forms: deflate speed over the last 20% of size
# A .part file this old belongs to no live run even where no lock can tell (Windows).
STALE_PART_S = 30 * 60
MANIFEST = "manifest.csv"
FIELDS = ["file", "commune_code", "commune_name", "rows", "sha256"]


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
        self.letter = session.issued_letter()  # (number, date) once the register has it

    def render(self, commune, fmt: str) -> tuple[bytes, int]:
        from . import forms
        from .ooxml.workbook import PreparedWorkbook
        from .pipeline import _stamp
        from .statuses import STATUSES

        config = self.session.config
        context, rows = forms.compose(config, self.dataset, commune, letter=self.letter)
        if fmt == "docx":
            data = self.template.render(context, title=forms.subject(config), creator=context["committee"],
                                        stamp=_stamp(None, config.campaign.year), level=FORM_DEFLATE_LEVEL)
        else:
            if self._workbook is None:
                self._workbook = PreparedWorkbook(config.campaign.period, STATUSES,
                                                  dt.datetime(config.campaign.year, 1, 1))
            data = self._workbook.render(commune.code, commune.title, rows)
        return data, len(rows)

    def write(self, code: str, formats, writer) -> list[tuple]:
        """Render one commune's files into `writer` (a BatchWriter: durable at its flush)."""
        commune = self.by_code[code]
        written = []
        for fmt in formats:
            data, rows = self.render(commune, fmt)
            path = writer.add(writer.folder / f"{self.stems[code]}.{fmt}", data)
            written.append((path, commune.code, commune.name, rows, hashlib.sha256(data).hexdigest()))
        return written

    def write_chunk(self, codes, formats, folder: Path, after_each=None) -> list[tuple]:
        """A chunk of communes made durable with one flush (see ooxml.package.BatchWriter).

        `after_each()` runs after each commune; if it raises (a cancel), or anything else
        stops the chunk, the communes already rendered are still flushed whole.
        """
        from .ooxml.package import BatchWriter

        writer = BatchWriter(folder)
        rows: list[tuple] = []
        try:
            for code in codes:
                rows += self.write(code, formats, writer)
                if after_each is not None:
                    after_each()
        except BaseException:
            try:
                writer.flush()
            except BaseException:
                writer.discard()
            raise
        writer.flush()
        return rows

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


def _init_worker(root: str, parent: int) -> None:
    global _worker
    from .pipeline import Session

    _die_with_parent(parent)
    _worker = FormMaker(Session(root))


def _die_with_parent(parent: int) -> None:
    """A worker whose parent was killed (SIGKILL, a closed terminal) must not go on writing
    forms nobody waits for: Linux ends it with the parent; elsewhere a thread watches."""
    import signal
    import threading

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # died before the request took effect
        os._exit(1)

    def watch():
        while True:
            time.sleep(1)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="cchc-parent-watch").start()


def _work(args) -> list[tuple]:
    codes, formats, folder = args
    return _worker.write_chunk(codes, formats, folder)


def write_forms(session, only=None, formats=("docx", "xlsx"), jobs=1, out_dir=None,
                progress=False, on_progress=None) -> list[Path]:
    """One Word form and one Excel sheet per commune, and `manifest.csv` of what was written.

    Each file is written atomically, so an interrupted batch leaves only complete files
    and running again finishes it (same data, same bytes). `on_progress(done, total)` is
    called after each commune (each chunk with workers); an exception it raises stops the
    batch there (the web front's cancel button), pending chunks included.
    """
    from . import forms

    maker = FormMaker(session)
    communes = forms.select_communes(maker.dataset, only)
    folder = session.output_dir(out_dir) / forms.SUBFOLDER
    if "docx" in formats:
        maker.check_variants(communes)  # a bad template stops here, before any folder exists
    folder.mkdir(parents=True, exist_ok=True)
    codes = [c.code for c in communes]
    chunks = [codes[k:k + CHUNK] for k in range(0, len(codes), CHUNK)]
    rows: list[tuple] = []
    report = on_progress or (lambda done, total: None)
    count = 0  # tqdm keeps no count when disabled
    with _batch_lock(folder):
        bar = _progress(len(codes), "Phiếu", progress)
        try:
            if jobs > 1 and len(chunks) > 1:
                from concurrent.futures import ProcessPoolExecutor

                pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                           initargs=(str(session.ws.root), os.getpid()))
                try:
                    for chunk, done in zip(chunks, pool.map(_work, [(c, formats, folder) for c in chunks])):
                        rows += done
                        bar.update(len(chunk))
                        count += len(chunk)
                        report(count, len(codes))
                finally:
                    pool.shutdown(wait=True, cancel_futures=True)
            else:
                def one_more():
                    nonlocal count
                    bar.update(1)
                    count += 1
                    report(count, len(codes))

                # One process: flush to disk every SYNC_EVERY communes rather than per chunk
                # (each syncfs costs milliseconds; the guarantees do not depend on the size).
                for k in range(0, len(codes), SYNC_EVERY):
                    rows += maker.write_chunk(codes[k:k + SYNC_EVERY], formats, folder, after_each=one_more)
        finally:
            bar.close()
        manifest = _write_manifest(folder, rows, maker)
    return [row[0] for row in rows] + [manifest]


@contextmanager
def _batch_lock(folder: Path):
    """Several `cchc forms` may run at once in one workspace. Each holds a shared lock on
    the folder while it writes; the temporary .part files of a run killed earlier are
    removed only by a run that could take the lock alone (so no live run owns them), or
    once they are older than STALE_PART_S."""
    try:
        import fcntl
    except ImportError:  # Windows: age is the only safe test
        fcntl = None
    # The lock is on the folder itself: no lock file is left among the forms.
    fh = os.open(folder, os.O_RDONLY) if fcntl is not None else None
    try:
        alone = True
        if fcntl is not None:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                alone = False
        now = time.time()
        for part in folder.glob(".*.part"):
            try:
                if (alone and fcntl is not None) or now - part.stat().st_mtime > STALE_PART_S:
                    part.unlink()
            except FileNotFoundError:
                pass  # another run finished with it meanwhile
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_SH)
        yield
    finally:
        if fh is not None:
            os.close(fh)


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


def _write_manifest(folder: Path, rows: list[tuple], maker: FormMaker) -> Path:
    """manifest.csv of exactly the forms now in the folder, each hashed as it is on disk.

    Written from the folder, not from this run's list: `--only X` keeps the other
    communes' rows, a file a killed run left (or another run wrote meanwhile) is listed
    with its real sha256, and a file no longer there is not listed."""
    from .register.archive import sha256_file  # one file hasher for forms and archive
    import csv
    import io

    from .ooxml.package import atomic_write

    this_run = {row[0].name: row for row in rows}
    previous = _read_manifest(folder / MANIFEST)
    by_stem = {stem: code for code, stem in maker.stems.items()}
    listed = []
    for path in sorted(p for p in folder.iterdir()
                       if p.suffix in (".docx", ".xlsx") and not p.name.startswith(".") and p.is_file()):
        digest = sha256_file(path)
        code = by_stem.get(path.stem, "")
        name = maker.by_code[code].name if code else ""
        if path.name in this_run and this_run[path.name][4] == digest:
            count = this_run[path.name][3]
        elif previous.get(path.name, {}).get("sha256") == digest:
            count = previous[path.name]["rows"]
        elif code:
            from .forms import rows as form_rows

            count = len(form_rows(maker.dataset.shortfalls(maker.by_code[code])))
        else:
            count = ""  # not a form of this workspace's communes: listed, not described
        listed.append([path.name, code, name, count, digest])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(listed)
    return atomic_write(folder / MANIFEST, buf.getvalue().encode("utf-8"))


def _read_manifest(path: Path) -> dict[str, dict]:
    import csv

    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return {r["file"]: r for r in csv.DictReader(fh) if r.get("file")}
    except (OSError, UnicodeDecodeError, csv.Error, KeyError):
        return {}
