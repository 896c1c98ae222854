"""The reminder letter (công văn đôn đốc): campaign data → template context and footnotes.

Pure functions. The findings sentence names each kind of shortcoming once, with a
footnote listing the communes concerned and, where the indicator is measured, their
figures. A kind with no commune has no phrase and no footnote; numbering closes up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dataset import Dataset, Finding, Indicator
from .ooxml.template import footnote_mark
from .vn import collation_key, format_date_short, plural_label
from .units.headers import header_context
from .vn.units import UNIT_TYPES, bodies_phrase
from .wording import date_line, list_lines, noi_nhan, number_text
from .workspace import Config

TEMPLATE = "letter.docx"
FILE_NAME = "cong-van-don-doc.docx"


@dataclass(frozen=True)
class FootnoteGroup:
    phrase: str
    parts: tuple[tuple[Indicator, tuple[Finding, ...]], ...]


def sort_findings(indicator: Indicator, findings: list[Finding]) -> list[Finding]:
    """In the indicator's order; equal figures in Vietnamese alphabet order."""
    if indicator.order == "data":
        return sorted(findings, key=lambda f: f.row)
    sign = -1 if indicator.order == "desc" else 1
    return sorted(findings, key=lambda f: (sign * (f.value or 0), collation_key(f.commune.name)))


def footnote_groups(dataset: Dataset) -> list[FootnoteGroup]:
    by_indicator: dict[str, list[Finding]] = {}
    for f in dataset.findings:
        by_indicator.setdefault(f.indicator.code, []).append(f)
    groups: dict[str, list] = {}
    phrases: dict[str, str] = {}
    for ind in dataset.indicators:
        phrases.setdefault(ind.footnote, ind.phrase)
        found = by_indicator.get(ind.code)
        if found:
            groups.setdefault(ind.footnote, []).append((ind, tuple(sort_findings(ind, found))))
    return [FootnoteGroup(phrases[key], tuple(parts)) for key, parts in groups.items()]


def _entry(f: Finding) -> str:
    # The figure goes in brackets so that a name ending in a digit (Sơn Kim 2)
    # never runs into its value.
    return f"{f.commune.name} ({f.figure})" if f.figure else f.commune.name


def footnote_text(group: FootnoteGroup) -> str:
    sentences = []
    labelled = len(group.parts) > 1 or any(ind.label for ind, _ in group.parts)
    for ind, findings in group.parts:
        names = ", ".join(_entry(f) for f in findings)
        if labelled and ind.label:
            sentences.append(f"{ind.label}: {names}.")
        elif len(findings) == 1:
            only = findings[0]
            unit = only.commune.type
            sentences.append(f"{unit[:1].upper()}{unit[1:]} {_entry(only)}.")
        else:
            sentences.append(f"{plural_label([f.commune.type for f in findings])}: {names}.")
    return " ".join(sentences)


def findings_sentence(groups: list[FootnoteGroup]) -> str:
    return "; ".join(f"{g.phrase}{footnote_mark(n)}" for n, g in enumerate(groups, start=1))


def units_phrase(dataset: Dataset) -> str:
    """`xã, thị trấn`: the unit types the workspace's communes have."""
    return plural_label([c.type for c in dataset.communes]).removeprefix("Các ")








def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def compose(config: Config, dataset: Dataset, date: dt.date | None = None,
            number: int | None = None) -> tuple[dict, list[str]]:
    """(template context, footnote texts) of the letter."""
    agency, campaign, signer = config.agency, config.campaign, config.signer
    groups = footnote_groups(dataset)
    recipients = list(campaign.recipients)
    recipient_lines = list_lines(recipients) if len(recipients) > 1 else [recipients[0].rstrip(".") + "."]
    tasks = list_lines(list(campaign.tasks), first_dash=False)
    copies = noi_nhan(campaign.copies, agency.office_abbr)
    context = {
        **header_context(agency.parent, agency.name),
        "agency_title": agency.title,
        "agency_short": agency.short,
        "office": agency.office,
        "number": number_text(number),
        "symbol": f"{agency.abbr}-{agency.office_abbr}",
        "date_line": date_line(agency.place, date, (date.year if date else campaign.year)),
        "subject": campaign.subject,
        "recipients": recipient_lines,
        "period": campaign.period,
        "findings_sentence": findings_sentence(groups),
        "units": units_phrase(dataset),
        "bodies": _capital(bodies_phrase([c.type for c in dataset.communes])),
        "inspection": campaign.inspection,
        "plan": campaign.plan,
        "deadline": format_date_short(campaign.deadline),
        "tasks": tasks,
        "copies": copies,
        "signer_authority": signer.authority,
        "signer_position": signer.position,
        "signer_name": signer.name,
        "signer_lines": list(signer.lines),
    }
    return context, [footnote_text(g) for g in groups]


__all__ = ["compose", "footnote_groups", "footnote_text", "findings_sentence", "UNIT_TYPES"]
