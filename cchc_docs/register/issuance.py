"""The write path of the register: issue a draft (number, date, archive, record it),
make and issue in one step, and void an entry.

(Named issuance.py, not issue.py: `register.issue` is the public function, and a submodule
of that name would replace it on the package once imported.)
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import DocumentError, InputError, Problem, RegisterError
from ..ooxml.clean import used_parts
from ..ooxml.package import PackageError, atomic_write, package_bytes, read_parts
from ..vn import format_date_short, nfc
from ..vn.dates import today as vn_today
from . import archive as arc
from .db import DEFAULT_SERIES, Register, load_workspace, open_register
from .draft import read_draft
from .models import Entry, IssuedDocument, entry_from_row
from .queries import files_by_entry
from ..wording import number_text
from .stamp import stamp

DOCUMENT = "word/document.xml"
# Issued documents live apart from drafts: `cchc build` rewrites output/*.docx drafts at
# will and must never replace a numbered file (see README, "Thư mục output/").
ISSUED = "ban-hanh"
MAX_UNITS = 20  # a Lưu line names a handful of units; 200 would be 200 archived copies
# Names Windows reserves in every folder (a unit called CON cannot be a folder there).
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", re.IGNORECASE)
_UNIT = re.compile(r"^[^\W_][\w .&()-]{0,39}$")


def _describe(row) -> str:
    text = (f"{number_text(row.number)}/{row.symbol} ngày {format_date_short(row.issued_on)} "
            f"(sổ '{row.series}' năm {row.year})")
    if row.status == "voided":
        text += f", đã thu hồi: {row.void_reason}"
    return text


def _keep_units(draft) -> str:
    """Column 6 as the Lưu line has it: `VT, NV (2)` (copies only when more than one)."""
    return ", ".join(u if draft.keep_copies.get(u, 1) == 1 else f"{u} ({draft.keep_copies[u]})"
                     for u in draft.keep_units)


def _before_commit(number: int, staged: arc.Staged) -> None:
    """Called between allocating the number (archive files staged) and the commit.
    Does nothing; tests replace it to simulate a clerk's machine dying at the worst time."""


def issue(workspace, path, date: dt.date | None = None, series: str | None = None,
          db_url: str | None = None, *, backdate: str | None = None,
          copies: int | None = None, out_dir=None) -> IssuedDocument:
    """Number, date and archive the draft at `path`; the numbered copy is written to
    <out_dir or output/>/ban-hanh/<số>-<ký hiệu>-<name>.docx and the draft is left as it was
    (it stays a draft: issuing it again is refused with the number it got)."""
    ws = load_workspace(workspace)
    src = Path(path).expanduser().resolve()
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    today = vn_today()  # the office's day in Vietnam, whatever the machine's zone
    date = date or today
    if date > today + dt.timedelta(days=1):
        # A mistyped future date would become the series' last date and make every
        # correct date after it look backdated.
        raise RegisterError(f"ngày ban hành {format_date_short(date)} ở tương lai (hôm nay "
                            f"{format_date_short(today)}); văn bản chỉ được cấp số sau khi đã ký")
    series = nfc(series) or DEFAULT_SERIES
    backdate = nfc(backdate) or None
    try:
        # The archive keeps a clean package: only the parts the document uses, under
        # their own names (no `../../x`, no duplicate or stray entries from outside).
        parts = used_parts(read_parts(src))
    except PackageError as exc:
        raise DocumentError(Problem(str(exc), file=str(src))) from None
    if DOCUMENT not in parts:
        raise DocumentError(Problem("gói Word không dẫn tới word/document.xml (_rels/.rels hỏng)",
                                    file=str(src)))
    draft = read_draft(parts[DOCUMENT], name=str(src))
    agency = ws.config.agency.name
    # Everything that can refuse the draft is decided before the register is opened: a
    # refusal spends no number.
    _check_issuer(ws, draft, src)
    _check_units(draft, src)
    reg = open_register(ws, db_url)
    arc.recover(ws.root, reg)
    draft_sha = arc.content_sha256(parts)

    if draft.number is not None:
        _refuse_numbered(reg, agency, draft, src)
    _check_layout(parts, src)
    notes: list[str] = []
    abbr = ws.config.agency.abbr
    if abbr and abbr not in draft.symbol.split("-"):
        notes.append(f"ký hiệu {draft.symbol} không có tên viết tắt của cơ quan ({abbr}): "
                     "kiểm tra đây đúng là văn bản của cơ quan mình")

    units = list(dict.fromkeys(arc.safe_component(u) for u in draft.keep_units))
    issued_dir = (Path(out_dir).expanduser().resolve() if out_dir else ws.output_dir) / ISSUED
    year_dir = arc.archive_root(ws.root) / str(date.year)
    where = arc.origin(ws.root)
    staged: arc.Staged | None = None
    recorded = False
    from sqlalchemy.exc import IntegrityError

    try:
        with reg.transaction() as tx:
            number = tx.allocate(agency, series, date.year, date, backdate)
            # Checked under the series lock, so a clerk issuing the same draft at the same
            # moment sees the other's committed row.
            prior = tx.by_draft(agency, draft_sha)
            if prior is not None:
                raise RegisterError(Problem(
                    f"bản dự thảo này đã được cấp số {_describe(prior)}; không cấp số lần nữa",
                    file=str(src)))
            clash = tx.by_number(agency, number, year=date.year, symbol=draft.symbol)
            if clash:
                raise RegisterError(
                    f"số {number_text(number)}/{draft.symbol} năm {date.year} đã có ở sổ "
                    f"'{clash[0].series}': số và ký hiệu phải là duy nhất trong năm; "
                    "hãy cấp số trong sổ đó: cchc register issue TỆP --series TÊN_SỔ")
            xml, warnings = stamp(draft, number, date)
            new_parts = dict(parts)
            new_parts[DOCUMENT] = xml
            data = package_bytes(new_parts)
            sha = arc.sha256_bytes(data)
            name = arc.file_name(number_text(number), draft.symbol, draft.summary)
            finals = [year_dir / unit / name for unit in units]
            issued_target = issued_dir / f"{number_text(number)}-{arc.safe_component(draft.symbol)}-{src.stem}.docx"
            if issued_target.exists():
                raise RegisterError(Problem("đã có tệp văn bản ban hành cùng tên, không ghi đè",
                                            file=str(issued_target),
                                            hint="sổ đăng ký có thể đã bị thay; kiểm tra bằng 'cchc register verify'"))
            staged = arc.stage(finals, data)
            _before_commit(number, staged)
            tx.record(
                dict(agency=agency, series=series, year=date.year, number=number,
                     symbol=draft.symbol, issued_on=date, type_name=draft.type_name,
                     summary=draft.summary, signer=draft.signer,
                     recipients="\n".join(draft.recipients), keep_units=_keep_units(draft),
                     copies=copies, source_name=_shown(ws.root, issued_target), draft_sha256=draft_sha,
                     sha256=sha,
                     backdate_reason=backdate),
                [dict(unit=unit, origin=where, path=arc.relative(ws.root, final), sha256=sha,
                      size=len(data)) for unit, final in zip(units, finals)],
            )
            recorded = True
    except BaseException as exc:
        if staged is not None and recorded:
            # The commit itself failed: it may still have reached the database (a
            # connection lost after COMMIT was sent). Let the database decide: publish if
            # the row is there, remove if not; if it cannot be asked now, the temporary
            # files stay for the next issue or verify to settle.
            try:
                arc.recover(ws.root, reg)
            except Exception:  # noqa: BLE001 - best effort; the original error is the one to report
                pass
        elif staged is not None:
            staged.discard()
        if isinstance(exc, IntegrityError):
            # Only a concurrent issue of the same draft, or a hand-edited database, gets here.
            raise RegisterError(Problem(
                "sổ đăng ký từ chối ghi (bản dự thảo hoặc số, ký hiệu đã có trong sổ); "
                "xem 'cchc register list'", file=str(src))) from None
        raise
    try:
        staged.publish()
    except OSError as exc:
        raise RegisterError(Problem(
            f"đã cấp số {number_text(number)}/{draft.symbol} nhưng chưa chuyển xong tệp lưu ({exc})",
            file=str(src), hint="chạy 'cchc register verify' để hoàn tất")) from None
    # The issued document, written the reproducible way, where no draft writer goes.
    issued_path = issued_target
    try:
        atomic_write(issued_target, data)
    except OSError as exc:
        # Numbered and archived already: the archive copy is the issued document.
        issued_path = staged.finals[0]
        notes.append(f"không ghi được {issued_target} ({exc.strerror or exc}); "
                     f"bản đã cấp số là {issued_path}")
    return IssuedDocument(number=number, symbol=draft.symbol, date=date, series=series,
                          type_name=draft.type_name, summary=draft.summary, path=issued_path,
                          archived=tuple(staged.finals), sha256=sha,
                          warnings=tuple(notes + warnings))


def issue_new(workspace, make_draft, date: dt.date | None = None, series: str | None = None,
              db_url: str | None = None, out_dir=None, **kwargs) -> IssuedDocument:
    """Make a draft and issue it in one step (`cchc letter --issue`, `cchc report --issue`).

    `make_draft(folder) -> Path` writes the draft into a private folder; it is issued
    there and only then moved to `out_dir` (default output/). A refusal (already issued,
    backdated) therefore leaves the documents in `out_dir` as they were, instead of
    replacing an issued letter with a fresh draft.
    """
    import shutil
    import tempfile
    from dataclasses import replace

    from ..errors import CchcError

    ws = load_workspace(workspace)
    target_dir = Path(out_dir).expanduser().resolve() if out_dir else ws.output_dir
    target_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".cchc-issue-", dir=target_dir))
    try:
        draft = Path(make_draft(scratch))
        shown = target_dir / draft.name
        try:
            return issue(ws, draft, date=date, series=series, db_url=db_url, out_dir=target_dir, **kwargs)
        except CchcError as exc:
            # Name the file the clerk knows, not the scratch copy.
            exc.problems = [replace(p, file=str(shown)) if p.file == str(draft) else p
                            for p in exc.problems]
            raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _check_issuer(ws, draft, src: Path) -> None:
    """Only this agency's own documents get its numbers: a commune's form carries the
    commune's header and must not be numbered (nor archived) in the district's register."""
    from .draft import _words, issuer

    agency = ws.config.agency
    found = issuer(draft, agency.parent)
    if not _words(found).endswith(_words(agency.name)):
        raise RegisterError(Problem(
            f"cơ quan ban hành ở đầu văn bản là '{found or '(trống)'}', không phải '{agency.name}' "
            "của workspace này: sổ đăng ký chỉ cấp số cho văn bản do cơ quan mình ban hành; chưa cấp số",
            file=str(src),
            hint="văn bản của đơn vị khác (như phiếu của xã) do đơn vị đó cấp số trong sổ của họ"))


def _check_layout(parts: dict[str, bytes], src: Path) -> None:
    """The draft must pass `cchc check --draft` (number and date may be blank): a number
    once given cannot be taken back, so a malformed document is stopped before it."""
    from ..check import check_parts

    errors = [f for f in check_parts(parts, draft=True) if f.severity == "error"]
    if errors:
        raise RegisterError([Problem(f"{f.rule}: {f.message} ({f.where})", file=str(src))
                             for f in errors] + [Problem(
            f"văn bản chưa đúng thể thức Nghị định 30 ({len(errors)} lỗi ở trên); chưa cấp số",
            file=str(src), hint=f"sửa rồi kiểm tra lại bằng: cchc check --draft {src.name}")])


def _check_units(draft, src: Path) -> None:
    """Lưu units become folder names: refuse what cannot be an office unit or a folder."""
    bad = [u for u in draft.keep_units
           if not _UNIT.match(u) or _RESERVED.match(u.strip()) or ".." in u]
    if bad:
        raise RegisterError(Problem(
            f"dòng 'Lưu:' có tên đơn vị không dùng được: {', '.join(repr(u) for u in bad)}; chưa cấp số",
            file=str(src), hint="ghi tên viết tắt của đơn vị giữ bản lưu, ví dụ '- Lưu: VT, NV.'"))
    if len(draft.keep_units) > MAX_UNITS:
        raise RegisterError(Problem(
            f"dòng 'Lưu:' có {len(draft.keep_units)} đơn vị (tối đa {MAX_UNITS}); chưa cấp số",
            file=str(src), hint="bản lưu chỉ gửi văn thư và đơn vị soạn thảo, ví dụ '- Lưu: VT, NV.'"))


def _refuse_numbered(reg: Register, agency: str, draft, src: Path) -> None:
    with reg.reading() as tx:
        row = tx.by_sha(agency, arc.sha256_file(src))
        if row is None:
            year = draft.date_written[2]
            rows = tx.by_number(agency, draft.number, year=year, symbol=draft.symbol)
            row = rows[0] if rows else None
    label = f"{number_text(draft.number)}/{draft.symbol}"
    if row is not None:
        message = f"văn bản đã được cấp số {_describe(row)}; không cấp số lần nữa"
    else:
        message = (f"văn bản đã có số {label} (không do sổ đăng ký này cấp); "
                   "chỉ cấp số cho bản dự thảo có dòng số để trống")
    raise RegisterError(Problem(message, file=str(src)))


# ---------------------------------------------------------------- void

_NUMBER_ARG = re.compile(r"^\s*(\d+)\s*(?:/\s*(\S+))?\s*$")


def void(workspace, number, reason: str, year: int | None = None, series: str | None = None,
         db_url: str | None = None) -> Entry:
    """Mark an entry withdrawn (thu hồi). It stays in the register; its number is never reused."""
    ws = load_workspace(workspace)
    reason = nfc(reason)
    if not reason:
        raise InputError("cần ghi lý do thu hồi (--reason)")
    m = _NUMBER_ARG.match(str(number))
    if not m:
        raise InputError(f"'{number}' không phải số văn bản (viết 5, 05 hoặc 05/UBND-NV)")
    n, symbol = int(m[1]), (nfc(m[2]) if m[2] else None)
    year = year or vn_today().year
    series = nfc(series) or None
    agency = ws.config.agency.name
    reg = open_register(ws, db_url)
    with reg.transaction() as tx:
        rows = tx.by_number(agency, n, year=year, series=series, symbol=symbol, lock=True)
        if not rows:
            raise RegisterError(f"sổ đăng ký không có văn bản số {number_text(n)}"
                                f"{'/' + symbol if symbol else ''} năm {year}"
                                f"{f' trong sổ {series!r}' if series else ''}")
        if len(rows) > 1:
            listed = ", ".join(f"{number_text(r.number)}/{r.symbol} (sổ '{r.series}')" for r in rows)
            raise RegisterError(f"năm {year} có nhiều văn bản số {number_text(n)}: {listed}; "
                                "chọn sổ bằng --series")
        row = rows[0]
        if row.status == "voided":
            raise RegisterError(f"văn bản {_describe(row)} — đã thu hồi từ trước")
        tx.void(row.id, reason)
        files = files_by_entry(tx, [row.id], ws.root)
    with reg.reading() as tx:
        fresh = tx.by_number(agency, n, year=year, series=row.series, symbol=row.symbol)[0]
    return entry_from_row(fresh, files.get(row.id, ()))
