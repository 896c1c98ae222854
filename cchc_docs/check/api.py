"""The checker's entry points (re-exported by `cchc_docs.check`).

A Finding has `rule` (an id of RULES), `message` (Vietnamese: what was found and what the
decree wants), `where` (which paragraph or cell, its text shortened) and `severity`:
"error" for a broken rule, "undecided" when the file does not let the rule decide (that is
not a violation). An unreadable file (missing, not a .docx, corrupt, hostile) raises
`cchc_docs.errors.DocumentError`; nothing else escapes: an unexpected structure becomes
an "undecided" finding, never a traceback.

`draft=True` accepts the blank number and date of a draft for signature
(`Số:      /UBND-NV`, `Hương Sơn, ngày      tháng      năm 2024`).
"""

from __future__ import annotations

from ..fserrors import reason

import os
import stat
from dataclasses import dataclass, field

from ..errors import DocumentError, Problem
from .rules import RULES, Finding, Rule  # noqa: F401  (re-exported)


@dataclass
class Report:
    """Findings of one document plus what the checker took it to be."""

    kind: str = ""                       # "công văn", "báo cáo", ... ("" when unknown)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


MAX_FILE_BYTES = 64 * 1024 * 1024  # a .docx to check; pictures included, real ones stay far below


def _read(source) -> dict[str, bytes]:
    from ..ooxml.package import PackageError
    from ..ooxml.reader import read_for_check

    name = None if isinstance(source, (bytes, bytearray)) else os.fspath(source)
    if name is not None:
        try:
            mode = os.stat(name).st_mode
        except OSError:
            mode = None  # read_parts says "không tìm thấy tệp"
        if mode is not None and stat.S_ISDIR(mode):
            raise DocumentError(Problem("là thư mục, không phải tệp .docx", file=name))
        if mode is not None and not stat.S_ISREG(mode):
            # A pipe or a device (/dev/zero) would block or never end: not a document.
            raise DocumentError(Problem("không phải tệp thông thường (thiết bị, pipe…)", file=name))
    try:
        if name is not None:
            try:
                size = os.stat(name).st_size
            except OSError:
                size = None
            if size is not None and size > MAX_FILE_BYTES:
                raise PackageError(f"tệp {size // (1024 * 1024)} MB, quá lớn cho một văn bản "
                                   f"(tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB)")
            try:
                with open(name, "rb") as fh:
                    data = fh.read(MAX_FILE_BYTES + 1)
            except FileNotFoundError:
                raise PackageError("không tìm thấy tệp") from None
            except OSError as exc:
                raise PackageError(f"không đọc được tệp: {reason(exc)}") from None
        else:
            data = bytes(source)
        return read_for_check(data)
    except PackageError as exc:
        message = str(exc)
        head = b""
        if name is not None:
            try:
                with open(name, "rb") as fh:
                    head = fh.read(8)
            except OSError:
                pass
        elif isinstance(source, (bytes, bytearray)):
            head = bytes(source[:8])
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            # OLE2: a Word 97–2003 .doc, or a .docx protected by a password.
            message = ("tệp Word cũ (.doc) hoặc tệp có mật khẩu — mở bằng Word, bỏ mật khẩu và "
                       "lưu lại dạng .docx")
        raise DocumentError(Problem(message, file=name)) from None


def check_report(parts: dict[str, bytes], draft: bool = False, rules=None) -> Report:
    """Run the rules (all, or the ids in `rules`) on a package; see the module docstring."""
    from ..ooxml.reader import Package
    from .structure import Doc

    report = Report()
    try:
        pkg = Package(parts)
    except DocumentError:  # broken XML or a DTD: the file is refused
        raise
    except Exception as exc:  # noqa: BLE001 - a structure no rule can read is "undecided", not a crash
        report.findings.append(Finding("*", f"không đọc được cấu trúc văn bản ({type(exc).__name__}); "
                                            "không quy tắc nào kiểm tra được", "", "undecided"))
        return report
    from .rules import SCOPES

    doc = Doc(pkg, draft=draft)
    try:
        report.kind = doc.kind_label
        mode = doc.mode
    except Exception:  # noqa: BLE001 - the kind only labels the report
        report.kind, mode = "", "admin"
    for rule_id, rule in RULES.items():
        if rules is not None and rule_id not in rules:
            continue
        if rule.scope not in SCOPES[mode]:
            continue
        try:
            report.findings.extend(rule.check(doc))
        except DocumentError:
            raise
        except Exception as exc:  # noqa: BLE001 - a file nobody here wrote must not crash the checker
            report.findings.append(Finding(rule_id, f"không kiểm tra được quy tắc này trên tệp "
                                                    f"({type(exc).__name__})", "", "undecided"))
    return report


def check_parts(parts: dict[str, bytes], draft: bool = False) -> list[Finding]:
    """Findings for an already-built package (part name → bytes)."""
    return check_report(parts, draft=draft).findings


def check_docx(source, draft: bool = False) -> list[Finding]:
    """Findings for a .docx given as a path or as bytes; DocumentError when unreadable."""
    parts = _read(source)
    try:
        return check_parts(parts, draft=draft)
    except DocumentError as exc:
        name = None if isinstance(source, (bytes, bytearray)) else os.fspath(source)
        raise DocumentError([Problem(p.message, file=p.file or name) for p in exc.problems]) from None
