"""The library core every front calls: a Session loads a workspace once and offers the verbs.

    from cchc_docs.pipeline import Session
    s = Session("~/huong-son-2024")        # reads cchc.toml; data/ on first use
    s.write_letter()                        # output/cong-van-don-doc.docx (draft)
    s.write_forms(only=["Sơn Long"])        # output/forms/son-long.docx, .xlsx, manifest.csv
    s.issue("letter", date=dt.date(2024, 7, 5))   # number, date, archive

The CLI (`cchc_docs.cli`) and the web front only parse their input and call these
methods; nothing a user can do lives only in a front. The pieces called here are pure
(dataset, letter, forms, report) or confined I/O (ooxml.package); this is the only module
that strings them together.
"""

from __future__ import annotations

import datetime as dt
import sys
from functools import cached_property
from pathlib import Path
from typing import Callable

from . import workspace as ws_mod
from .errors import InputError, Problem

Warn = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _stamp(date: dt.date | None, year: int) -> str:
    # Reproducible document metadata: derived from the document's own date, not the clock.
    d = date or dt.date(year, 1, 1)
    return f"{d.isoformat()}T00:00:00Z"


def self_check(data: bytes, name: str, draft: bool) -> None:
    """Generators refuse to write a document that breaks the project's own Decree 30 rules."""
    from .check import check_parts
    from .ooxml.package import read_parts

    findings = [f for f in check_parts(read_parts(data), draft=draft) if f.severity == "error"]
    if findings:
        raise InputError([Problem(f"{f.rule}: {f.message} ({f.where})", file=name,
                                  hint="mẫu trong templates/ đã bị sửa sai thể thức Nghị định 30")
                          for f in findings])


class Session:
    """One workspace, loaded once: its config now, its data and templates on first use."""

    def __init__(self, workspace: str | Path | ws_mod.Workspace | None = None):
        self.ws = workspace if isinstance(workspace, ws_mod.Workspace) else ws_mod.load(workspace)
        self._templates: dict[str, object] = {}

    @property
    def config(self):
        return self.ws.config

    @cached_property
    def dataset(self):
        from .dataset import load_dataset

        return load_dataset(self.ws.data_dir)

    def template(self, name: str):
        from .ooxml.template import PreparedTemplate

        if name not in self._templates:
            self._templates[name] = PreparedTemplate(self.ws.template(name))
        return self._templates[name]

    def output_dir(self, out_dir=None) -> Path:
        return Path(out_dir).expanduser().resolve() if out_dir else self.ws.output_dir

    # ------------------------------------------------------------ validate

    def validate(self, warn: Warn = _stderr) -> str:
        """Every problem of the workspace at once (raises InputError listing them), or a summary;
        codes and names not in the workspace's unit list are warned about (units/checks.py)."""
        from .letter import TEMPLATE
        from .units.checks import unit_warnings

        # Warnings first, so that they show beside the errors they often explain
        # (a finding naming `Sơn Long` in a 2025 workspace: its successor).
        for problem in unit_warnings(self.ws.root, self.config.units):
            warn(f"Cảnh báo: {problem}")
        dataset = self.dataset
        self.ws.template(TEMPLATE)
        return (f"Dữ liệu hợp lệ: {len(dataset.communes)} đơn vị, {len(dataset.indicators)} chỉ tiêu, "
                f"{len(dataset.findings)} tồn tại của "
                f"{len({f.commune.code for f in dataset.findings})} đơn vị.")

    # ------------------------------------------------------------ letter

    def render_letter(self, date=None, number=None) -> bytes:
        from . import letter

        from .errors import InputError, Problem
        from .vn.dates import check_issue_date

        config = self.config
        question = check_issue_date(date, config.campaign.year)
        if question:
            raise InputError(Problem(question, hint="ghi đúng ngày ban hành: --date YYYY-MM-DD"))
        context, footnotes = letter.compose(config, self.dataset, date=date, number=number)
        data = self.template(letter.TEMPLATE).render(
            context, footnotes=footnotes, title=f"V/v {config.campaign.subject}",
            creator=config.agency.name, stamp=_stamp(date, config.campaign.year))
        self_check(data, letter.FILE_NAME, draft=number is None or date is None)
        return data

    def write_letter(self, date=None, number=None, out_dir=None) -> Path:
        from .letter import FILE_NAME
        from .ooxml.package import atomic_write

        return atomic_write(self.output_dir(out_dir) / FILE_NAME, self.render_letter(date=date, number=number))

    # ------------------------------------------------------------ returns and report

    def results_dir(self, results=None) -> Path:
        return Path(results).expanduser().resolve() if results else self.ws.results_dir

    def has_returns(self, results=None) -> bool:
        from .intake import list_files

        return bool(list_files(self.results_dir(results)))

    def intake(self, results=None):
        """The returns in `results` (default data/results/), matched to the communes."""
        from . import intake

        folder = self.results_dir(results)
        if not intake.list_files(folder):
            raise InputError(Problem(
                "chưa có phiếu báo cáo nào của các đơn vị", file=str(folder),
                hint="đặt các phiếu (.xlsx, .docx) các đơn vị gửi về vào data/results/, hoặc dùng --results DIR"))
        got = intake.load_intake(folder, self.dataset, self.config.campaign.deadline)
        if not got.usable:
            raise InputError(got.problems + [Problem(
                "không đọc được phiếu báo cáo nào dùng được: chưa thể soạn báo cáo", file=str(folder))])
        return got

    def intake_table(self, results=None) -> tuple[str, list]:
        """(the intake table as text, problems) for `cchc results`; writes nothing."""
        from .report import intake_table

        got = self.intake(results)
        return intake_table(got), got.problems

    def render_report(self, intake, date=None, number=None) -> bytes:
        from . import report
        from .ooxml import chart
        from .ooxml.package import package_bytes

        config = self.config
        context = report.compose(config, self.dataset, intake, date=date, number=number)
        bars, _ = report.chart_rows(intake)
        png, width, height = chart.remediation_chart(bars)
        context["chart_cx"], context["chart_cy"] = chart.extent(width, height)
        parts = self.template(report.TEMPLATE).render_parts(
            context, title=report.subject(config), creator=config.agency.name,
            stamp=_stamp(date, config.campaign.year))
        data = package_bytes(chart.replace_picture(parts, chart.CHART_NAME, png))
        self_check(data, report.FILE_NAME, draft=number is None or date is None)
        return data

    def write_report(self, results=None, date=None, number=None, out_dir=None, warn: Warn = _stderr) -> Path:
        """The consolidated report; each intake problem goes to `warn` (problems are per file
        and recoverable). InputError when no return is usable."""
        from .ooxml.package import atomic_write
        from .report import FILE_NAME

        got = self.intake(results)
        for problem in got.problems:
            warn(f"Cảnh báo: {problem}")
        data = self.render_report(got, date=date, number=number)
        return atomic_write(self.output_dir(out_dir) / FILE_NAME, data)

    # ------------------------------------------------------------ forms

    def select_communes(self, only: list[str] | None):
        from .forms import select_communes

        return select_communes(self.dataset, only)

    def write_forms(self, only=None, formats=("docx", "xlsx"), jobs=1, out_dir=None,
                    progress=False, on_progress=None) -> list[Path]:
        from .batch import write_forms

        return write_forms(self, only=only, formats=formats, jobs=jobs, out_dir=out_dir, progress=progress,
                           on_progress=on_progress)

    def forms_zip(self, paths: list[Path], out_dir=None) -> Path:
        """The forms of a batch as one .zip beside them (output/phieu-khac-phuc.zip)."""
        from .ooxml.bundle import zip_files
        from .ooxml.package import atomic_write

        forms = [p for p in paths if p.suffix in (".docx", ".xlsx")]
        return atomic_write(self.output_dir(out_dir) / "phieu-khac-phuc.zip", zip_files(forms))

    def issued_letter(self, db_url=None, warn: Warn = _stderr):
        """(number, date) of this campaign's reminder letter in the register, or None.

        The forms cite it (`Thực hiện Công văn số 05/UBND-NV ngày 05/7/2024`). A workspace
        without a register is not given one by asking; a register that cannot be reached
        leaves the number blank, with a warning (the forms are still drafts)."""
        import os

        from .errors import CchcError
        from .register import DEFAULT_FILE

        if not (db_url or os.environ.get("CCHC_DB") or (self.ws.root / DEFAULT_FILE).is_file()):
            return None  # no register yet: nothing to cite, and no SQLAlchemy to load for it
        from .register import db as reg_db
        from .register import list_entries

        agency = self.config.agency
        symbol = f"{agency.abbr}-{agency.office_abbr}"
        try:
            url = reg_db.resolve_url(self.ws.root, db_url)
            if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
                return None
            rows = list_entries(self.ws, year=self.config.campaign.year, db_url=db_url)
        except CchcError as exc:
            warn(f"Cảnh báo: không đọc được sổ đăng ký để ghi số công văn vào phiếu ({exc}); để trống số.")
            return None
        # The letter's trích yếu as the register read it from the document (one spelling).
        summary = " ".join(f"V/v {self.config.campaign.subject}".split())
        found = [e for e in rows if e.symbol == symbol and not e.voided and " ".join(e.summary.split()) == summary]
        return (found[-1].number, found[-1].date) if found else None

    # ------------------------------------------------------------ everything

    def build(self, out_dir=None, warn: Warn = _stderr, progress=None) -> list[Path]:
        """Everything the workspace produces; each path once written."""
        paths = [self.write_letter(out_dir=out_dir)]
        paths += self.write_forms(out_dir=out_dir, progress=sys.stderr.isatty() if progress is None else progress)
        # Returns arrive weeks after the letter: until the first one does, build skips the report.
        if self.has_returns():
            try:
                paths.append(self.write_report(out_dir=out_dir, warn=warn))
            except InputError as exc:
                # The letter and forms are written and good; an unusable return must not
                # hide them. Say what was wrong and what was skipped, and go on.
                for problem in exc.problems:
                    warn(f"Cảnh báo: {problem}")
                warn("Bỏ qua báo cáo tổng hợp: chưa có phiếu báo cáo nào dùng được; đã soạn công văn "
                     f"và {len(paths) - 2} tệp phiếu (cùng manifest.csv).")
        else:
            warn(f"Bỏ qua báo cáo tổng hợp: chưa có phiếu báo cáo nào trong {self.ws.results_dir}.")
        return paths

    def build_pdf(self, paths: list[Path]) -> list[Path]:
        """PDF of every Word file `build` wrote, into output/pdf/ beside them."""
        from .pdf import convert_to_pdf

        docx = [p for p in paths if p.suffix == ".docx"]
        return convert_to_pdf(docx, docx[0].parent / "pdf") if docx else []

    # ------------------------------------------------------------ changing data (web front)

    def reload(self) -> None:
        """Forget the loaded data: the next use reads data/ again."""
        self.__dict__.pop("dataset", None)

    def problems(self) -> list[Problem]:
        """Every problem of the workspace's data and templates ([] when it validates)."""
        try:
            self.validate()
        except InputError as exc:
            return exc.problems
        return []

    def findings_rows(self) -> tuple[str, list[dict]]:
        from .datafiles import findings_rows

        return findings_rows(self.ws.data_dir)

    def replace_findings(self, filename: str, data: bytes) -> Path:
        from .datafiles import replace_findings

        path = replace_findings(self.ws.data_dir, filename, data)
        self.reload()
        return path

    def edit_finding(self, row: int, value: str, note: str = "") -> Path:
        from .datafiles import edit_finding

        path = edit_finding(self.ws.data_dir, row, value, note)
        self.reload()
        return path

    def save_return(self, filename: str, data: bytes):
        from .datafiles import save_return

        return save_return(self.results_dir(), filename, data)

    def intake_rows(self, results=None) -> tuple[list[tuple], str, list]:
        """(one row per commune/file as `cchc results` shows it, summary line, problems)."""
        from .report import intake_rows, intake_summary

        got = self.intake(results)
        return intake_rows(got), intake_summary(got), got.problems

    def preview_html(self, what: str) -> str:
        """The letter or the report as HTML (footnotes, chart), for a quick look before printing."""
        from .preview import docx_html

        data = self.render_letter() if what == "letter" else self.render_report(self.intake())
        return docx_html(data)

    # ------------------------------------------------------------ issuing

    DRAFTS = {"letter": "write_letter", "report": "write_report"}

    def produce(self, what: str, date=None, number=None, issue=False, out_dir=None, db_url=None,
                warn: Warn = _stderr, backdate=None, **kwargs):
        """`cchc letter` / `cchc report`: (paths written, IssuedDocument or None).

        A draft without --number and --date; a numbered copy with both; or, with
        `issue`, the register's next number (never with a hand-given one).
        """
        if issue:
            if number is not None:
                raise InputError(Problem("--issue lấy số tiếp theo của sổ đăng ký; không dùng cùng --number",
                                         hint="bỏ --number, hoặc bỏ --issue để tự ghi số"))
            issued = self.issue(what, date=date, out_dir=out_dir, db_url=db_url, warn=warn,
                                backdate=backdate, **kwargs)
            return [issued.path, *issued.archived], issued
        if backdate:
            raise InputError(Problem("--backdate chỉ dùng cùng --issue (lùi ngày khi cấp số)",
                                     hint="thêm --issue, hoặc bỏ --backdate"))
        maker = getattr(self, self.DRAFTS[what])
        if what == "report":
            kwargs["warn"] = warn
        return [maker(date=date, number=number, out_dir=out_dir, **kwargs)], None

    def issue(self, what: str, date=None, out_dir=None, db_url=None, warn: Warn = _stderr,
              backdate=None, **kwargs):
        """Draft `what` ("letter" or "report") and issue it into the register in one step.

        The register numbers the draft exactly as the generator makes it, so one step or
        two give the same row and refuse the same duplicates.
        """
        from . import register
        from .vn.dates import check_issue_date, today

        # The register dates an undated issue today: question that date as --date would be.
        question = check_issue_date(date or today(), self.config.campaign.year)
        if question:
            raise InputError(Problem(question, hint="ghi đúng ngày ban hành: --date YYYY-MM-DD"))
        maker = getattr(self, self.DRAFTS[what])
        make = (lambda d: maker(out_dir=d, warn=warn, **kwargs)) if what == "report" else \
            (lambda d: maker(out_dir=d, **kwargs))
        return register.issue_new(self.ws, make, date=date, out_dir=out_dir, db_url=db_url, backdate=backdate)
