"""Every call the web front makes into the library, in one module, so that a change of a
library name is one edit here. The pages (pages.py, office.py) only parse the request,
call one of these and render the answer."""

from __future__ import annotations

import datetime as dt
import re
import threading
from pathlib import Path

from ..errors import CchcError, InputError, Problem
from . import accounts

# Download ids → files under output/: the browser names an id, never a path.
DOWNLOADS = {
    "letter": "cong-van-don-doc.docx",
    "letter-pdf": "pdf/cong-van-don-doc.pdf",
    "report": "bao-cao-tong-hop.docx",
    "forms-zip": "phieu-khac-phuc.zip",
}
_BOOK = re.compile(r"^book-(\d{4})\.(xlsx|docx)$")
# An issued document, by its file name in output/ban-hanh/ (the register names it).
_ISSUED = re.compile(r"^issued-([0-9A-Za-z][0-9A-Za-z._-]{0,200}\.(?:docx|pdf))$")


def issued_id(path: Path) -> str:
    return f"issued-{path.name}"


def book_name(year: int, fmt: str) -> str:
    return f"so-van-ban-di-{year}.{fmt}"


def load_agency_key(key, seal):
    """The agency's signer and seal for the server, checked once at start: the PKCS#12 file
    opens with CCHC_KEY_PASSWORD (never asked for: a server has no one to ask) and the seal
    is a transparent PNG. An InputError (exit 2) otherwise; the password is never shown."""
    import os

    from ..sign.keys import PASSWORD_ENV, load_p12
    from ..sign.signing import png_size

    if os.environ.get(PASSWORD_ENV) is None:
        raise InputError(Problem("chưa có mật khẩu của khóa ký số cơ quan", file=str(key),
                                 hint=f"máy chủ không hỏi mật khẩu: đặt biến môi trường {PASSWORD_ENV} "
                                      "trước khi chạy cchc serve"))
    signer = load_p12(key, ask=None)
    png_size(seal)
    return signer, Path(seal)


class Actions:
    def __init__(self, root, db_url: str | None = None, workers: int = 1, agency_key=None):
        from ..pipeline import Session

        # (signer, seal) from load_agency_key, or None: issued documents stay unsigned .docx.
        self.agency_key = agency_key
        self.session = Session(root)
        self.root = self.session.ws.root
        self.db_url = db_url
        self.workers = workers
        self._lock = threading.Lock()  # data changes and the batch do not interleave
        self._previews: dict[str, tuple] = {}

    def warm(self) -> None:
        """Load the data and the heavy libraries (pandas, SQLAlchemy, matplotlib) and render the
        previews before the first page asks; each step that fails is left to its page to report."""
        for step in (self.session.problems, self.entries, self.letter_html, self.report_html):
            try:
                step()
            except Exception:  # noqa: BLE001 - the page that needs it will show the problem
                pass

    @property
    def config(self):
        return self.session.config

    # ------------------------------------------------------------ workspace and data

    def overview(self) -> dict:
        problems = self.session.problems()
        name, rows = self.session.findings_rows()
        flagged: dict[int, list] = {}
        for p in problems:
            if p.row is not None and p.file and Path(p.file).name == name:
                flagged.setdefault(p.row, []).append(p)
        dataset = None if problems else self.session.dataset
        communes = [(c, len(dataset.shortfalls(c))) for c in dataset.communes] if dataset else []
        findings = list(dataset.findings) if dataset else []
        return {"problems": problems, "table": name, "rows": rows, "flagged": flagged,
                "communes": communes, "findings": findings,
                "summary": "" if problems else self.session.validate(),
                "editable": name.endswith(".csv")}

    def upload_findings(self, filename: str, data: bytes) -> str:
        with self._lock:
            self.session.replace_findings(filename, data)
        return self.session.validate()

    def edit_finding(self, row: int, value: str, note: str) -> str:
        with self._lock:
            self.session.edit_finding(row, value, note)
        return self.session.validate()

    # ------------------------------------------------------------ previews

    def _inputs(self) -> tuple:
        """What a preview depends on: every input file's name, size and mtime."""
        ws = self.session.ws
        files = [ws.root / "cchc.toml"]
        for folder in (ws.data_dir, ws.results_dir, ws.templates_dir):
            if folder.is_dir():
                files += sorted(p for p in folder.iterdir() if p.is_file())
        # st_ino too: atomic writes give every new version a new inode, even within one mtime tick.
        return tuple((str(p), st.st_size, st.st_mtime_ns, st.st_ino) for p in files for st in [p.stat()])

    def _cached(self, what: str, make):
        # The report's chart (matplotlib) makes its preview ~1 s and reading every return
        # ~0.1 s; the same input files give the same answer, so a second look costs nothing.
        key = self._inputs()
        cached = self._previews.get(what)
        if cached is None or cached[0] != key:
            self._previews[what] = cached = (key, make())
        return cached[1]

    def letter_html(self) -> str:
        return self._cached("letter", lambda: self.session.preview_html("letter"))

    def report_html(self) -> str:
        return self._cached("report", lambda: self.session.preview_html("report"))

    def intake(self):
        return self._cached("intake", self.session.intake_rows)

    def has_returns(self) -> bool:
        return self.session.has_returns()

    def save_return(self, filename: str, data: bytes):
        path, raw = self.session.save_return(filename, data)
        return path.name, raw

    # ------------------------------------------------------------ background work

    def forms_job(self, job):
        with self._lock:
            paths = self.session.write_forms(jobs=self.workers, on_progress=job.progress)
        job.progress(job.total, job.total)
        zipped = self.session.forms_zip(paths)
        count = sum(p.suffix == ".docx" for p in paths)
        return f"Đã tạo phiếu của {count} đơn vị ({zipped.name}).", "forms-zip"

    def pdf_job(self, job):
        from ..pdf import convert_to_pdf

        job.progress(0, 2)
        path = self.session.write_letter()
        job.progress(1, 2)
        convert_to_pdf([path], path.parent / "pdf")
        job.progress(2, 2)
        return "Đã chuyển công văn sang PDF.", "letter-pdf"

    # ------------------------------------------------------------ register

    def issue(self, what: str, date: dt.date | None, user: str | None):
        """The register's next number; (IssuedDocument, signed PDF or None)."""
        if what not in ("letter", "report"):
            raise InputError(Problem("không rõ loại văn bản cần cấp số"))
        if self.agency_key is None:
            _, issued = self.session.produce(what, date=date, issue=True, db_url=self.db_url,
                                             warn=lambda message: None)
            pdf = None
        else:
            issued, pdf = self._issue_signed(what, date)
        accounts.audit(self.root, user, "cấp số", f"{issued.label}\t{issued.date.isoformat()}\t"
                                                  f"{issued.type_name} {issued.summary}"
                                                  + (f"\tký số: {pdf.name}" if pdf else ""))
        return issued, pdf

    def _issue_signed(self, what: str, date: dt.date | None):
        """`cchc register issue DRAFT --sign` without the chairman's PDF: the draft is made in
        a private folder (as Session.issue does), numbered, exported by LibreOffice and
        signed by the agency; the signed PDF is archived with its .sha256."""
        import shutil
        import tempfile

        from ..sign.issue import issue_signed
        from ..vn.dates import check_issue_date, today

        question = check_issue_date(date or today(), self.config.campaign.year)
        if question:
            raise InputError(Problem(question, hint="chọn đúng ngày ban hành"))
        out = self.session.ws.output_dir
        out.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".cchc-issue-", dir=out))
        try:
            maker = getattr(self.session, self.session.DRAFTS[what])
            kwargs = {"warn": lambda message: None} if what == "report" else {}
            draft = maker(out_dir=scratch, **kwargs)
            signer, seal = self.agency_key
            try:
                with self._lock:  # one signature at a time: the signer object is shared
                    done = issue_signed(self.root, draft, signer, seal, date=date, db_url=self.db_url)
            except CchcError as exc:
                from dataclasses import replace

                # Name the file the clerk knows, not the scratch copy.
                shown = str(out / Path(draft).name)
                exc.problems = [replace(q, file=shown) if q.file == str(draft) else q for q in exc.problems]
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return done.issued, done.pdf

    def void(self, number: str, year: int | None, reason: str, user: str | None):
        from .. import register

        if not reason.strip():
            raise InputError(Problem("phải ghi lý do thu hồi", hint="lý do được ghi vào cột Ghi chú của sổ"))
        entry = register.void(self.root, number, reason.strip(), year=year, db_url=self.db_url)
        accounts.audit(self.root, user, "thu hồi", f"{entry.label}\t{entry.year}\t{reason.strip()}")
        return entry

    def entries(self, year: int | None = None, query: str = "") -> list:
        from .. import register
        from ..vn.text import strip_diacritics

        def fold(text: str) -> str:  # a clerk types without tone marks, in any case
            return " ".join(strip_diacritics(text).lower().split())

        rows = register.list_entries(self.root, year=year, db_url=self.db_url)
        if query.strip():
            key = fold(query)
            rows = [e for e in rows if key in fold(f"{e.label} {e.title} {e.notes} {e.signer}")]
        return rows

    def export(self, year: int, fmt: str, user: str | None) -> str:
        from .. import register

        if fmt not in ("xlsx", "docx"):
            raise InputError(Problem("định dạng sổ phải là xlsx hoặc docx"))
        register.export(self.root, year, self.session.ws.output_dir / book_name(year, fmt), db_url=self.db_url)
        return f"book-{year}.{fmt}"

    # ------------------------------------------------------------ /check

    def check(self, data: bytes, draft: bool) -> dict:
        """The checker on uploaded bytes: the same reader and gate as `cchc check`."""
        from ..check.annotate import annotate
        from ..check.api import _read, check_report

        parts = _read(data)  # DocumentError (hostile, corrupt, .doc) → refused page
        report = check_report(parts, draft=draft)
        lines, unplaced = annotate(parts, report.findings)
        return {"kind": report.kind, "errors": len(report.errors),
                "undecided": len(report.findings) - len(report.errors),
                "lines": lines, "unplaced": unplaced}

    # ------------------------------------------------------------ files

    def download_path(self, file_id: str) -> Path | None:
        """The file behind a download id, only if it lies inside output/ and exists."""
        name = DOWNLOADS.get(file_id)
        book = _BOOK.match(file_id)
        if book:
            name = book_name(int(book.group(1)), book.group(2))
        issued = _ISSUED.match(file_id)
        if issued:
            from ..register.issuance import ISSUED

            name = f"{ISSUED}/{issued.group(1)}"
        if name is None:
            return None
        out = self.session.ws.output_dir.resolve()
        path = (out / name).resolve()
        return path if path.is_relative_to(out) and path.is_file() else None
