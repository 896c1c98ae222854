"""The remediation form of one commune: pure composition, commune → context and rows.

The same rows feed the Word form and the Excel sheet, so that a return in either
format can be matched back to its commune (by code) and its findings (by row key).
"""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Commune, Dataset, Finding
from .errors import InputError, Problem
from .wording import date_line, list_lines, noi_nhan, number_text, remediation_subject
from .vn import slugify
from .workspace import Config

TEMPLATE = "form.docx"
SUBFOLDER = "forms"
# The commune signs its own form; the name is left for it to write.
BLANK_NAME = "……………………………"


@dataclass(frozen=True)
class Row:
    key: str  # `18205-tthc-qua-han`: commune code + indicator code
    code: str  # indicator code, the `Mã` column of the Word form
    name: str
    figure: str
    note: str


def rows(findings: list[Finding]) -> list[Row]:
    out = []
    for f in findings:
        figure = f.figure
        target = f.indicator.target_text()
        if target:
            figure = f"{figure} ({target})"
        out.append(Row(f.key, f.indicator.code, f.indicator.name, figure, f.note))
    return out


def subject(config: Config) -> str:
    return remediation_subject(config.campaign.period)


def _issuer(config: Config, commune: Commune) -> dict:
    """Header, running name, ký hiệu and signer of the form, in the unit's own name: a
    commune's People's Committee alone (no chủ quản line, Decree 30), or a thôn, tổ dân phố
    under its commune's committee, signed by its head."""
    from .units.headers import header_context
    from .units.issuers import place_name
    from .vn.text import strip_diacritics
    from .vn.units import is_village

    agency = config.agency
    if is_village(commune.type):
        initials = "".join(strip_diacritics(w)[:1].upper() for w in commune.title.split() if w[:1].isalnum())
        head = "TỔ TRƯỞNG" if commune.type.startswith("tổ") else "TRƯỞNG"
        return {**header_context(agency.commune_parent, commune.title),
                "committee": commune.title, "form_symbol": f"BC-{initials}",
                "place": agency.place, "signer_authority": "",
                "signer_position": f"{head} {commune.type.upper()}"}
    return {**header_context(agency.commune_parent, f"ỦY BAN NHÂN DÂN {commune.title}"),
            "committee": f"Ủy ban nhân dân {commune.title}", "form_symbol": "BC-UBND",
            "place": place_name(commune.type, commune.name),
            "signer_authority": "TM. ỦY BAN NHÂN DÂN", "signer_position": "CHỦ TỊCH"}


def compose(config: Config, dataset: Dataset, commune: Commune, letter=None) -> tuple[dict, list[Row]]:
    """`letter`: (number, date) of the reminder letter once the register has issued it, so
    the form cites `Công văn số 05/UBND-NV ngày 05/7/2024`; None leaves the number blank."""
    from .vn import format_date_short

    agency = config.agency
    form_rows = rows(dataset.shortfalls(commune))
    issuer = _issuer(config, commune)
    place = issuer.pop("place")
    context = {
        **issuer,
        "number": number_text(None),
        "date_line": date_line(place, None, config.campaign.year),
        "subject": subject(config),
        "recipient": f"{agency.title} (qua {agency.office})",
        "letter_symbol": f"{agency.abbr}-{agency.office_abbr}",
        "letter_number": number_text(letter[0] if letter else None),
        "letter_issued": f" ngày {format_date_short(letter[1])}" if letter else "",
        "agency_title": agency.title,
        "letter_subject": config.campaign.subject,
        "code": commune.code,
        "rows": [dict(tt=k, code=r.code, name=r.name, figure=r.figure, result="", status="", done="",
                      note=r.note) for k, r in enumerate(form_rows, start=1)],
        "tasks": list_lines(list(config.campaign.tasks)),
        "period": config.campaign.period,
        "copies": noi_nhan((), "VP"),  # the commune's own văn phòng drafts its form
        "signer_name": BLANK_NAME,
    }
    return context, form_rows


def file_stems(communes: list[Commune]) -> dict[str, str]:
    """Commune code → file name stem: a slug of the name (`son-kim-1`), with the code
    added where two names would give the same slug. Never a path taken from data."""
    from collections import Counter

    slugs = [slugify(c.name) for c in communes]
    seen = Counter(slugs)  # not list.count: quadratic over a province's 3,000 units
    return {c.code: (s if seen[s] == 1 else f"{s}-{slugify(c.code)}") for c, s in zip(communes, slugs)}


def select_communes(dataset: Dataset, only: list[str] | None) -> list[Commune]:
    """The communes named by code or name, or all of them (`only` None).

    A name matches whatever the tone-mark placement and case, with or without the unit's
    type (`xã Sơn Long`), and without diacritics (`son long`) when that names one unit only.
    An empty list is an error: the clerk asked for some communes and named none."""
    if only is None:
        return list(dataset.communes)
    hint = "ghi mã hoặc tên đơn vị, cách nhau dấu phẩy, ví dụ --only 'Sơn Long,18196'"
    if not only:
        raise InputError(Problem("tùy chọn --only không nêu đơn vị nào", hint=hint))
    from .dataset import _Lookup, split_unit_type

    lookup = _Lookup(list(dataset.communes), lambda c: c.code, lambda c: c.name)
    chosen, problems = [], []
    for name in only:
        found = lookup.find_unit(name, plain_letters=True)
        if len(found) == 1:
            chosen.append(found[0])
        else:
            near = lookup.suggest(split_unit_type(name)[1])
            problems.append(Problem(
                f"tùy chọn --only: không có đơn vị '{name}'" if not found else
                f"tùy chọn --only: có {len(found)} đơn vị cùng tên '{name}' "
                f"({', '.join(f'{c.title} mã {c.code}' for c in found)})",
                hint=(f"có phải: {', '.join(near)}?" if near and not found else "dùng mã đơn vị")))
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(chosen))
