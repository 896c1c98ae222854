"""Orchestration: each function loads a workspace, composes, renders, checks and writes.

The pieces it calls are pure (dataset, letter, forms, report) or confined I/O
(render.package); this is the only module that strings them together.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from . import workspace as ws_mod
from .errors import InputError, Problem


def _output_dir(ws, out_dir) -> Path:
    return Path(out_dir).resolve() if out_dir else ws.output_dir


def _stamp(date: dt.date | None, year: int) -> str:
    # Reproducible document metadata: derived from the document's own date, not the clock.
    d = date or dt.date(year, 1, 1)
    return f"{d.isoformat()}T00:00:00Z"


def render_letter(ws, date=None, number=None) -> bytes:
    from . import letter
    from .dataset import load_dataset
    from .ooxml.template import PreparedTemplate

    dataset = load_dataset(ws.data_dir)
    context, footnotes = letter.compose(ws.config, dataset, date=date, number=number)
    template = PreparedTemplate(ws.template(letter.TEMPLATE))
    data = template.render(context, footnotes=footnotes, title=f"V/v {ws.config.campaign.subject}",
                           creator=ws.config.agency.name, stamp=_stamp(date, ws.config.campaign.year))
    _self_check(data, letter.FILE_NAME, draft=number is None or date is None)
    return data


def _self_check(data: bytes, name: str, draft: bool) -> None:
    """Generators refuse to write a document that breaks the project's own Decree 30 rules."""
    try:
        from .check import check_parts
        from .ooxml.package import read_parts
    except ImportError:  # the checker is not part of this build yet
        return
    findings = [f for f in check_parts(read_parts(data), draft=draft) if f.severity == "error"]
    if findings:
        raise InputError([Problem(f"{f.rule}: {f.message} ({f.where})", file=name,
                                  hint="mẫu trong templates/ đã bị sửa sai thể thức Nghị định 30")
                          for f in findings])


def write_letter(workspace=None, date=None, number=None, out_dir=None) -> Path:
    from .letter import FILE_NAME
    from .ooxml.package import atomic_write

    ws = ws_mod.load(workspace)
    data = render_letter(ws, date=date, number=number)
    return atomic_write(_output_dir(ws, out_dir) / FILE_NAME, data)


def _stderr(message: str) -> None:
    import sys

    print(message, file=sys.stderr)


def read_intake(ws, results=None):
    """(dataset, intake) of the returns in `results` (default data/results/)."""
    from . import intake as returns
    from .dataset import load_dataset

    dataset = load_dataset(ws.data_dir)
    folder = Path(results).resolve() if results else ws.results_dir
    if not returns.list_files(folder):
        raise InputError(Problem(
            "chưa có phiếu báo cáo nào của các đơn vị", file=str(folder),
            hint="đặt các phiếu (.xlsx, .docx) các đơn vị gửi về vào data/results/, hoặc dùng --results DIR"))
    intake = returns.load_intake(folder, dataset, ws.config.campaign.deadline)
    if not intake.usable:
        raise InputError(intake.problems + [Problem(
            "không đọc được phiếu báo cáo nào dùng được: chưa thể soạn báo cáo", file=str(folder))])
    return dataset, intake


def render_report(ws, dataset, intake, date=None, number=None) -> bytes:
    from . import report
    from .ooxml import chart
    from .ooxml.package import package_bytes
    from .ooxml.template import PreparedTemplate

    context = report.compose(ws.config, dataset, intake, date=date, number=number)
    bars, _ = report.chart_rows(intake)
    png, width, height = chart.remediation_chart(bars)
    context["chart_cx"], context["chart_cy"] = chart.extent(width, height)
    template = PreparedTemplate(ws.template(report.TEMPLATE))
    parts = template.render_parts(context, title=report.subject(ws.config), creator=ws.config.agency.name,
                                  stamp=_stamp(date, ws.config.campaign.year))
    data = package_bytes(chart.replace_picture(parts, chart.CHART_NAME, png))
    _self_check(data, report.FILE_NAME, draft=number is None or date is None)
    return data


def write_report(workspace=None, results=None, out_dir=None, warn=_stderr) -> Path:
    """The consolidated report; each intake problem is passed to `warn` (the report is
    still written: problems are per file and recoverable). InputError when nothing is usable."""
    from .ooxml.package import atomic_write
    from .report import FILE_NAME

    ws = ws_mod.load(workspace)
    dataset, intake = read_intake(ws, results)
    for problem in intake.problems:
        warn(f"Cảnh báo: {problem}")
    data = render_report(ws, dataset, intake)
    return atomic_write(_output_dir(ws, out_dir) / FILE_NAME, data)


def intake_table(workspace=None, results=None) -> tuple[str, list]:
    """(the intake table as text, problems) for `cchc results`; writes nothing."""
    from .report import intake_table as table

    ws = ws_mod.load(workspace)
    _, intake = read_intake(ws, results)
    return table(intake), intake.problems


# ---------------------------------------------------------------- forms

class _FormMaker:
    """Everything a worker needs to make forms, prepared once per process."""

    def __init__(self, root: str):
        from . import forms
        from .dataset import load_dataset
        from .ooxml.template import PreparedTemplate

        self.ws = ws_mod.load(root)
        self.dataset = load_dataset(self.ws.data_dir)
        self.template = PreparedTemplate(self.ws.template(forms.TEMPLATE))
        self.stems = forms.file_stems(list(self.dataset.communes))
        self.by_code = {c.code: c for c in self.dataset.communes}
        self._workbook = None  # PreparedWorkbook, built on first Excel sheet

    def render(self, commune, fmt: str) -> tuple[bytes, int]:
        from . import forms
        from .ooxml.workbook import PreparedWorkbook

        config = self.ws.config
        context, rows = forms.compose(config, self.dataset, commune)
        if fmt == "docx":
            data = self.template.render(context, title=forms.subject(config), creator=context["committee"],
                                        stamp=_stamp(None, config.campaign.year))
        else:
            if self._workbook is None:
                self._workbook = PreparedWorkbook(config.campaign.period, forms.STATUSES,
                                                  dt.datetime(config.campaign.year, 1, 1))
            data = self._workbook.render(commune.code, commune.title, rows)
        return data, len(rows)

    def write(self, code: str, formats, folder: Path) -> list[tuple]:
        import hashlib

        from .ooxml.package import atomic_write

        commune = self.by_code[code]
        written = []
        for fmt in formats:
            data, rows = self.render(commune, fmt)
            path = atomic_write(folder / f"{self.stems[code]}.{fmt}", data)
            written.append((path, commune.code, commune.name, rows, hashlib.sha256(data).hexdigest()))
        return written


_worker: _FormMaker | None = None


def _init_worker(root: str) -> None:
    global _worker
    _worker = _FormMaker(root)


def _work(args) -> list[tuple]:
    codes, formats, folder = args
    return [row for code in codes for row in _worker.write(code, formats, folder)]


def select_communes(dataset, only: list[str] | None):
    """The communes named by code or name (any tone-mark placement), or all of them."""
    if not only:
        return list(dataset.communes)
    from .dataset import _Lookup

    lookup = _Lookup(list(dataset.communes), lambda c: c.code, lambda c: c.name)
    chosen, problems = [], []
    for name in only:
        found = lookup.find(name)
        if len(found) == 1:
            chosen.append(found[0])
        else:
            near = lookup.suggest(name)
            problems.append(Problem(
                f"không có đơn vị '{name}'" if not found else f"có {len(found)} đơn vị cùng tên '{name}'",
                column="--only", hint=(f"có phải: {', '.join(near)}?" if near and not found else "dùng mã đơn vị")))
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(chosen))


def write_forms(workspace=None, only=None, formats=("docx", "xlsx"), jobs=1, out_dir=None,
                progress=False) -> list[Path]:
    """One Word form and one Excel sheet per commune, and `manifest.csv` of what was written.

    Each file is written atomically, so an interrupted batch leaves only complete files
    and running again finishes it (same data, same bytes).
    """
    from . import forms

    ws = ws_mod.load(workspace)
    maker = _FormMaker(str(ws.root))
    communes = select_communes(maker.dataset, only)
    folder = _output_dir(ws, out_dir) / forms.SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(".*.part"):  # left by a batch killed mid-write
        stale.unlink()
    if "docx" in formats:
        _check_form_variants(maker, communes)
    codes = [c.code for c in communes]
    chunks = [codes[k:k + 25] for k in range(0, len(codes), 25)]
    rows: list[tuple] = []
    bar = _progress(len(codes), "Phiếu", progress)
    if jobs > 1 and len(chunks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(str(ws.root),)) as pool:
            for chunk, done in zip(chunks, pool.map(_work, [(c, formats, folder) for c in chunks])):
                rows += done
                bar.update(len(chunk))
    else:
        for chunk in chunks:
            rows += [row for code in chunk for row in maker.write(code, formats, folder)]
            bar.update(len(chunk))
    bar.close()
    manifest = _write_manifest(folder, rows)
    return [row[0] for row in rows] + [manifest]


def _check_form_variants(maker: _FormMaker, communes) -> None:
    """Check one form with shortfalls and one without, not every form.

    Every form of a batch comes from the same template through the same code path; what
    differs per commune is text in cells and the number of table rows, which no Decree 30
    layout rule depends on. So the two variants stand for the batch, and checking stays a
    constant cost instead of dominating a 3,000-commune run.
    """
    seen = set()
    for commune in communes:
        variant = bool(maker.dataset.shortfalls(commune))
        if variant not in seen:
            seen.add(variant)
            data, _ = maker.render(commune, "docx")
            _self_check(data, f"{maker.stems[commune.code]}.docx", draft=True)


def _progress(total: int, label: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit=" đơn vị", disable=not enabled, file=sys.stderr, leave=False)


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


def validate(workspace=None) -> str:
    """Every problem of the workspace at once (raises InputError listing them), or a summary."""
    from .dataset import load_dataset
    from .letter import TEMPLATE

    ws = ws_mod.load(workspace)
    dataset = load_dataset(ws.data_dir)
    ws.template(TEMPLATE)
    return (f"Dữ liệu hợp lệ: {len(dataset.communes)} đơn vị, {len(dataset.indicators)} chỉ tiêu, "
            f"{len(dataset.findings)} tồn tại của "
            f"{len({f.commune.code for f in dataset.findings})} đơn vị.")


def build(workspace=None, out_dir=None) -> list[Path]:
    """Everything the workspace produces; each path once written."""
    paths = [write_letter(workspace, out_dir=out_dir)]
    paths += write_forms(workspace, out_dir=out_dir, progress=sys.stderr.isatty())
    paths += _build_report(workspace, out_dir)
    return paths


def _build_report(workspace, out_dir, warn=_stderr) -> list[Path]:
    # Returns arrive weeks after the letter: until the first one does, build skips the report.
    from .intake import list_files

    ws = ws_mod.load(workspace)
    if not list_files(ws.results_dir):
        warn(f"Bỏ qua báo cáo tổng hợp: chưa có phiếu báo cáo nào trong {ws.results_dir}.")
        return []
    return [write_report(workspace, out_dir=out_dir, warn=warn)]
