"""Signed issuance in one step, over the register's public API.

    issue_signed(workspace, docx, agency_signer, seal, signed_pdf=None, date=...)

1. the register numbers and dates the .docx and archives its copies (register.issue);
2. the PDF: the chairman's signed PDF (its number/date fields are filled, his signature
   stays valid), or, without one, the numbered .docx exported by LibreOffice (PDF/A-2b);
3. the agency signature with the seal image;
4. the signed PDF next to the .docx, and next to each archived copy with a `.sha256`
   file (sha256sum format), so `verify_archive` can re-hash and re-validate it.

Everything that can be refused is checked before the number is taken (the key is already
loaded, the seal image read, the chairman's PDF has the fields and the register's
symbol). If signing still fails after that, the number is taken; the message says so and
how to finish with `cchc sign --as agency --number N --date D`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CchcError, DocumentError, Problem
from ..vn.dates import today as vn_today

SUFFIX = ".sha256"


@dataclass(frozen=True)
class SignedIssue:
    issued: object              # register.IssuedDocument
    pdf: Path                   # the signed PDF beside the .docx
    archived: tuple[Path, ...]  # signed PDFs in the archive


def _check_chairman_pdf(data: bytes, name: str, year: int) -> str:
    """The symbol printed on its `Số:` line; refuses a PDF without the fields or the signature,
    or whose date line prints another year than the year of issue."""
    from . import fields as fld
    from .layout import next_right, page_words, read_layout
    from .signing import FIELD, open_writer

    writer = open_writer(data, name)
    if not fld.has_issue_fields(writer):
        raise DocumentError(Problem("PDF của người ký không có ô số, ngày để điền", file=name,
                                    hint="người ký ký bằng `cchc sign --as signer` trên bản chưa cấp số"))
    if not any(s.field_name == FIELD["signer"] for s in writer.prev.embedded_signatures):
        raise DocumentError(Problem("PDF chưa có chữ ký của người có thẩm quyền", file=name))
    from .layout import find_issue_slots

    pages = read_layout(data, name)
    printed = find_issue_slots(pages, name).year
    if printed and int(printed) != year:
        raise DocumentError(Problem(f"dòng ngày tháng của PDF in năm {printed}, văn bản ban hành năm {year}",
                                    file=name, hint="sửa năm trong dự thảo rồi cho người ký ký lại"))
    words = page_words(pages[0])
    so = next((w for w in words if w.text == "Số:"), None)
    after = next_right(words, so) if so else None
    return after.text.lstrip("/") if after is not None else ""


def _sidecar(path: Path, data: bytes) -> None:
    from ..ooxml.package import atomic_write

    atomic_write(path, data)
    digest = hashlib.sha256(data).hexdigest()
    atomic_write(path.with_name(path.name + SUFFIX), f"{digest}  {path.name}\n".encode())


def issue_signed(workspace, docx, agency_signer, seal, *, signed_pdf=None, date: dt.date | None = None,
                 series=None, db_url=None, backdate=None, copies=None, tsa_url=None, out=None) -> SignedIssue:
    from .. import register
    from ..pdf import convert_to_pdf
    from .signing import png_size, sign_pdf

    png_size(seal)
    docx = Path(docx)
    chairman = None
    if signed_pdf is not None:
        chairman = Path(signed_pdf).read_bytes()
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        symbol = _check_chairman_pdf(chairman, str(signed_pdf), (date or vn_today()).year)
    issued = register.issue(workspace, docx, date=date, series=series, db_url=db_url,
                            backdate=backdate, copies=copies)
    try:
        if chairman is not None:
            if symbol and symbol != issued.symbol:
                raise DocumentError(Problem(f"PDF của người ký mang ký hiệu {symbol}, văn bản cấp số mang "
                                            f"{issued.symbol}: không phải cùng một văn bản", file=str(signed_pdf)))
            signed = sign_pdf(chairman, agency_signer, "agency", image=seal, issue=(issued.number, issued.date),
                              tsa_url=tsa_url, name=str(signed_pdf))
        else:
            import tempfile

            with tempfile.TemporaryDirectory(prefix="cchc-issue-") as tmp:
                pdf = convert_to_pdf([issued.path], Path(tmp))[0]
                signed = sign_pdf(pdf.read_bytes(), agency_signer, "agency", image=seal, tsa_url=tsa_url,
                                  name=str(issued.path))
    except CchcError as exc:
        exc.problems.append(Problem(
            f"văn bản đã được cấp số {issued.label} ngày {issued.date:%d/%m/%Y} nhưng chưa ký số cơ quan",
            hint=f"sửa lỗi rồi ký: cchc sign PDF --as agency --number {issued.number} --date {issued.date}"))
        raise
    target = Path(out) if out else issued.path.with_suffix(".pdf")
    _sidecar(target, signed.data)
    archived = []
    for copy in issued.archived:
        p = Path(copy).with_suffix(".pdf")
        _sidecar(p, signed.data)
        archived.append(p)
    return SignedIssue(issued, target, tuple(archived))


@dataclass
class ArchiveReport:
    checked: int = 0
    bad: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.bad


def verify_archive(workspace, trust=()) -> ArchiveReport:
    """Every signed PDF in output/archive: its hash as recorded beside it, and its
    signatures still intact, valid and unchanged (and trusted, when `trust` is given)."""
    from ..workspace import load
    from .verify import verify_pdf

    ws = load(workspace)
    report = ArchiveReport()
    base = ws.root / "output" / "archive"
    for side in sorted(base.rglob(f"*.pdf{SUFFIX}")) if base.is_dir() else []:
        pdf = side.with_name(side.name[: -len(SUFFIX)])
        report.checked += 1
        if not pdf.is_file():
            report.bad.append((pdf, "mất tệp PDF đã ký"))
            continue
        data = pdf.read_bytes()
        recorded = side.read_text(encoding="utf-8", errors="replace").split()[:1]
        if recorded != [hashlib.sha256(data).hexdigest()]:
            report.bad.append((pdf, "tệp PDF đã ký bị sửa (mã băm khác)"))
        r = verify_pdf(data, trust=trust, name=str(pdf))
        if r.error:
            report.bad.append((pdf, r.error))
        for s in r.signatures:
            if not (s.intact and s.valid) or s.changed_after or (trust and not s.trusted):
                report.bad.append((pdf, f"chữ ký của {s.signer} không còn hợp lệ"))
    return report
