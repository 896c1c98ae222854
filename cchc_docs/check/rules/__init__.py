"""The Decree 30 rules, one small function each (ND30.md §8), and their registry.

A rule yields Findings: what was found, what the decree wants, and where. A rule that
cannot decide (the element it needs is ambiguous) yields severity "undecided", which is
not a violation. Messages are Vietnamese: a clerk reads them.

Rules register themselves with `@rule(id, title, decree reference)`, one module per part
of the decree; RULES keeps registration order, which is the order `cchc check --rules`
prints and the order findings come in, so the modules are imported below in the order
of the document: page, header, body, signer, recipients, appendices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..structure import Doc


@dataclass(frozen=True)
class Finding:
    """One rule broken (severity "error") or not decidable ("undecided") in a document."""

    rule: str
    message: str
    where: str = ""
    severity: str = "error"
    fix: str = ""   # how to fix this finding; the rule's general advice when empty

    @property
    def how_to_fix(self) -> str:
        if self.fix:
            return self.fix
        from .explain import EXPLAIN

        return EXPLAIN.get(self.rule, {}).get("fix", "")

    def __str__(self) -> str:
        text = f"{self.rule}: {self.message}"
        if self.severity != "error":
            text = f"{self.rule}: [chưa xác định được] {self.message}"
        return f"{text} — tại {self.where}" if self.where else text

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "where": self.where, "reference": RULES[self.rule].reference if self.rule in RULES else "",
                "fix": self.how_to_fix}


# Which documents a rule is for (Doc.mode): "any" file, "page" (an administrative document or
# an appendix in its own file: page, fonts, appendix layout), "admin" (administrative documents).
SCOPES = {"other": ("any",), "appendix": ("any", "page"), "admin": ("any", "page", "admin")}


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    reference: str
    check: Callable[[Doc], Iterable[Finding]] = field(repr=False, compare=False)
    scope: str = "admin"


RULES: dict[str, Rule] = {}


def rule(rule_id: str, description: str, reference: str, scope: str = "admin"):
    def register(fn):
        RULES[rule_id] = Rule(rule_id, description, reference, fn, scope)
        return fn
    return register


# Imported for their registrations, after the registry exists (they import `rule` from here).
from . import package, page, header, body, signer, recipients, appendix, marks  # noqa: E402, F401  isort: skip
