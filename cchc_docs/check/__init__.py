"""Decree 30/2020/NĐ-CP conformance checker for any .docx.

    from cchc_docs.check import check_docx, check_parts, RULES, Finding
    findings = check_docx("cong-van.docx", draft=False)      # -> list[Finding]
    findings = check_parts(parts, draft=True)                 # an already-built package

A Finding has `rule` (an id of RULES), `message` (Vietnamese: what was found and what the
decree wants), `where` (which paragraph or cell, its text shortened) and `severity`:
"error" for a broken rule, "undecided" when the file does not let the rule decide (not a
violation). An unreadable file (missing, not a .docx, corrupt, hostile) raises
`cchc_docs.errors.DocumentError`; nothing else escapes.

The names are loaded on first use (PEP 562), so that `cchc_docs.check.commands`, which
the CLI imports at start-up, does not pull in lxml.
"""

from __future__ import annotations

__all__ = ["RULES", "Finding", "Report", "Rule", "check_docx", "check_parts", "check_report"]


def __getattr__(name):
    if name in __all__ or name == "_read":
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
