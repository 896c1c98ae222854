"""The consolidated report (báo cáo tổng hợp) to the Sở Nội vụ: intake → template context.

Pure functions. Every figure comes from `intake.Intake`: shortfalls in all, how many
remedied / in progress / not remedied / not reported, per indicator and per commune, the
communes that reported late or not at all. Percentages are of all shortfalls, rounded
half up to two decimals and written with a decimal comma (`62,5%`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .doctypes import ABBREVIATION, BAO_CAO
from .intake import Intake
from .letter import units_phrase
from .statuses import IN_PROGRESS, NOT_REMEDIED, NOT_REPORTED, OUTCOMES, REMEDIED, STATUSES
from .vn import format_count, format_date_line, format_date_short, format_percent
from .wording import date_line, list_lines, noi_nhan, number_text, remediation_subject
from .units.headers import header_context
from .vn.units import bodies_phrase, is_village, titled
from .workspace import Config

TEMPLATE = "report.docx"
FILE_NAME = "bao-cao-tong-hop.docx"
TYPE_ABBR = ABBREVIATION[BAO_CAO]  # BC
CHART_LIMIT = 40  # bars a chart on one A4 page can still label legibly


@dataclass(frozen=True)
class Tally:
    """Outcomes of a set of shortfalls."""

    remedied: int = 0
    in_progress: int = 0
    not_remedied: int = 0
    not_reported: int = 0

    @property
    def total(self) -> int:
        return self.remedied + self.in_progress + self.not_remedied + self.not_reported

    @property
    def open(self) -> int:
        return self.in_progress + self.not_remedied + self.not_reported

    def of(self, outcome: str) -> int:
        return {REMEDIED: self.remedied, IN_PROGRESS: self.in_progress,
                NOT_REMEDIED: self.not_remedied, NOT_REPORTED: self.not_reported}[outcome]


def tally(outcomes) -> Tally:
    counts = {o: 0 for o in OUTCOMES}
    for o in outcomes:
        counts[o] += 1
    return Tally(counts[REMEDIED], counts[IN_PROGRESS], counts[NOT_REMEDIED], counts[NOT_REPORTED])


def percent(part: int, whole: int) -> str:
    """`62,5%`; half up, as a reader checking by hand would round."""
    if not whole:
        return "0%"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format_percent(value)


def lower_first(text: str) -> str:
    """`Hồ sơ …` → `hồ sơ …` inside a sentence; acronyms (`TTHC …`) keep their case."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def names(communes) -> str:
    return ", ".join(c.title for c in communes)


# ---------------------------------------------------------------- figures

def by_commune(intake: Intake) -> list[tuple]:
    """(commune, Tally) for each commune with shortfalls, in data order."""
    groups: dict[str, list] = {}
    for f in intake.findings:
        groups.setdefault(f.commune.code, []).append(intake.outcome(f))
    return [(c, tally(groups[c.code])) for c in intake.expected]


def by_indicator(intake: Intake, indicators) -> list[tuple]:
    groups: dict[str, list] = {}
    for f in intake.findings:
        groups.setdefault(f.indicator.code, []).append(intake.outcome(f))
    return [(i, tally(groups[i.code])) for i in indicators if i.code in groups]


def chart_rows(intake: Intake) -> tuple[list[tuple], str]:
    """Bars of the chart (name, remedied, in progress, not remedied, not reported) and the
    caption. Past CHART_LIMIT communes, the chart keeps those with most still open."""
    rows = by_commune(intake)
    caption = "Biểu đồ 1. Kết quả khắc phục tồn tại, hạn chế theo từng đơn vị"
    if len(rows) > CHART_LIMIT:
        order = {c.code: k for k, (c, _) in enumerate(rows)}
        worst = sorted(rows, key=lambda ct: (-ct[1].open, order[ct[0].code]))[:CHART_LIMIT]
        rows = sorted(worst, key=lambda ct: order[ct[0].code])
        caption += f" ({CHART_LIMIT} đơn vị còn nhiều tồn tại, hạn chế chưa khắc phục xong nhất)"
    bars = [(c.name, t.remedied, t.in_progress, t.not_remedied, t.not_reported) for c, t in rows]
    return bars, caption


# ---------------------------------------------------------------- sentences

def deployment(config: Config, dataset, intake: Intake) -> list[str]:
    agency, campaign = config.agency, config.campaign
    total = len(intake.findings)
    expected = len(intake.expected)
    reported = expected - len(intake.missing)
    out = [
        f"Sau khi có kết quả kiểm tra, {agency.title} đã ban hành văn bản đôn đốc, yêu cầu "
        f"{bodies_phrase([c.type for c in dataset.communes])} tập trung khắc phục triệt để các tồn tại, hạn chế do Đoàn kiểm "
        f"tra chỉ ra và báo cáo kết quả khắc phục trước ngày {format_date_short(campaign.deadline)}; "
        f"giao {agency.office} theo dõi, đôn đốc, tổng hợp kết quả thực hiện.",
    ]
    sentence = (f"Có {format_count(expected)} đơn vị có tồn tại, hạn chế phải khắc phục, với tổng số "
                f"{format_count(total)} tồn tại, hạn chế. Đến thời điểm báo cáo, {agency.short} đã nhận "
                f"được báo cáo của {format_count(reported)}/{format_count(expected)} đơn vị")
    late = intake.late
    if late:
        listed = ", ".join(f"{r.commune.title} (ngày {format_date_short(r.received)})" for r in late)
        sentence += (f"; trong đó {format_count(len(late))} đơn vị báo cáo chậm so với thời hạn "
                     f"({format_date_short(campaign.deadline)}): {listed}.")
    elif reported and not intake.missing and not intake.undated:
        sentence += ", tất cả đều đúng thời hạn."
    else:
        sentence += "."
    if intake.undated:
        listed = ", ".join(r.commune.title for r in intake.undated)
        sentence = sentence.rstrip(".") + (f"; {format_count(len(intake.undated))} đơn vị gửi báo cáo "
                                            f"không ghi ngày: {listed}.")
    out.append(sentence)
    if intake.missing:
        out.append(f"Còn {format_count(len(intake.missing))} đơn vị chưa gửi báo cáo: {names(intake.missing)}.")
    return out


def overall_lines(t: Tally) -> list[str]:
    items = [f"{label}: {count_text(n)} ({percent(n, t.total)})"
             for label, n in zip(STATUSES, (t.remedied, t.in_progress, t.not_remedied))]
    if t.not_reported:
        items.append(f"Chưa có báo cáo: {count_text(t.not_reported)} ({percent(t.not_reported, t.total)})")
    return list_lines(items)


def count_text(n: int) -> str:
    """`05`, as the letter writes counts; but `0`, since `00` reads as a typo."""
    return format_count(n) if n else "0"


def breakdown(t: Tally) -> str:
    """`đã khắc phục 03 (42,86%), đang khắc phục 01`: the outcomes that occur, in order."""
    parts = []
    for label, n in (("đã khắc phục", t.remedied), ("đang khắc phục", t.in_progress),
                     ("chưa khắc phục", t.not_remedied), ("chưa có báo cáo", t.not_reported)):
        if n:
            pct = f" ({percent(n, t.total)})" if label == "đã khắc phục" else ""
            parts.append(f"{label} {format_count(n)}{pct}")
    return ", ".join(parts)


def indicator_line(indicator, t: Tally) -> str:
    return f"- {indicator.name}: {format_count(t.total)} tồn tại, hạn chế; {breakdown(t)}."


def commune_summary(rows: list[tuple]) -> list[str]:
    """Who finished, who still has work: named, so the Sở sees it without the table."""
    done = [c for c, t in rows if t.total and t.remedied == t.total]
    pending = [(c, t) for c, t in rows if t.open and t.not_reported < t.total]
    pending.sort(key=lambda ct: -ct[1].open)  # stable: equal counts keep data order
    out = []
    if done:
        out.append(f"Có {format_count(len(done))} đơn vị đã khắc phục xong toàn bộ tồn tại, hạn chế: "
                   f"{names(done)}.")
    if pending:
        listed = ", ".join(f"{c.title} (còn {format_count(t.open)}/{format_count(t.total)})" for c, t in pending)
        out.append(f"Các đơn vị còn tồn tại, hạn chế chưa khắc phục xong: {listed}.")
    return out


def shortcomings(intake: Intake, indicators, total: Tally) -> list[str]:
    out = []
    open_now = total.in_progress + total.not_remedied
    if open_now:
        pending = sorted(((i, t) for i, t in by_indicator(intake, indicators)
                          if t.in_progress + t.not_remedied), key=lambda it: -(it[1].in_progress + it[1].not_remedied))
        listed = "; ".join(f"{lower_first(i.name)} ({format_count(t.in_progress + t.not_remedied)})"
                           for i, t in pending)
        out.append(f"- Còn {format_count(open_now)} tồn tại, hạn chế chưa được khắc phục xong "
                   f"({percent(open_now, total.total)} tổng số), tập trung ở các nội dung: {listed}.")
    if intake.missing or intake.late:
        parts = []
        if intake.missing:
            parts.append(f"{format_count(len(intake.missing))} đơn vị chưa gửi báo cáo kết quả khắc phục")
        if intake.late:
            parts.append(f"{format_count(len(intake.late))} đơn vị báo cáo chậm so với thời hạn")
        out.append("- Việc báo cáo chưa nghiêm túc: " + "; ".join(parts) + ".")
    unclear = [r.commune for r in intake.by_commune.values() if r.problems]
    unclear = [c for c in intake.expected if c in unclear]
    if unclear:
        out.append(f"- Báo cáo của một số đơn vị chưa đúng mẫu hoặc ghi chưa rõ tình trạng khắc phục "
                   f"({names(unclear)}); những nội dung ghi chưa rõ được tính là chưa khắc phục.")
    if not out:
        out.append("- Các tồn tại, hạn chế do Đoàn kiểm tra chỉ ra đã được khắc phục xong.")
    return out


def proposal_communes(dataset, intake: Intake, config: Config) -> str:
    bodies = bodies_phrase([c.type for c in dataset.communes])
    text = (f"1. {bodies[:1].upper()}{bodies[1:]} tiếp tục tập trung khắc phục dứt điểm các tồn "
            f"tại, hạn chế đang và chưa khắc phục; báo cáo kết quả về {config.agency.title} (qua "
            f"{config.agency.office}) để tổng hợp.")
    if intake.missing:
        who = "" if all(is_village(c.type) for c in intake.missing) else "Ủy ban nhân dân "
        text += (f" Đề nghị {who}{names(intake.missing)} khẩn trương gửi báo cáo kết quả "
                 f"khắc phục theo yêu cầu.")
    return text


def report_copies(config: Config) -> list[str]:
    """Nơi nhận: `- Như trên;` (the Sở), the letter's other copies, `- Lưu: VT, NV.`.
    The Sở already receives the report as its addressee, so it is not listed twice."""
    return noi_nhan(config.campaign.copies, config.agency.office_abbr, skip=config.report_to)


# ---------------------------------------------------------------- tables

def commune_table(rows: list[tuple]) -> tuple[list[dict], dict]:
    def line(tt, name, t: Tally, bold=False):
        return {"tt": tt, "name": name, "total": str(t.total), "remedied": str(t.remedied),
                "in_progress": str(t.in_progress), "not_remedied": str(t.not_remedied),
                "not_reported": str(t.not_reported), "rate": percent(t.remedied, t.total)}

    body = [line(str(k), titled(c.type, c.name), t) for k, (c, t) in enumerate(rows, start=1)]
    total = Tally(*(sum(getattr(t, f) for _, t in rows)
                    for f in ("remedied", "in_progress", "not_remedied", "not_reported")))
    return body, line("", "Tổng cộng", total)


def appendix_groups(intake: Intake) -> list[dict]:
    """Per commune, per shortfall: what the commune reported, for Phụ lục."""
    by_code: dict[str, list] = {}
    for f in intake.findings:
        by_code.setdefault(f.commune.code, []).append(f)
    groups = []
    for k, (commune, t) in enumerate(by_commune(intake), start=1):
        ret = intake.by_commune.get(commune.code)
        head = f"{titled(commune.type, commune.name)}: {format_count(t.total)} tồn tại, hạn chế"
        if ret is None:
            head += " — chưa gửi báo cáo"
        else:
            head += f"; {breakdown(t)}"
            if ret.late:
                head += f" (báo cáo chậm, ngày {format_date_short(ret.received)})"
            elif ret.received is None:
                head += " (báo cáo không ghi ngày)"
        rows = []
        for n, f in enumerate(by_code[commune.code], start=1):
            entry = intake.entry(f)
            rows.append({
                "tt": f"{k}.{n}", "name": f.indicator.name, "figure": f.figure,
                "result": entry.result if entry else "",
                "status": intake.outcome(f),
                "done": format_date_short(entry.done) if entry and entry.done else "",
                "note": _note(f, entry, ret is not None),
            })
        groups.append({"tt": str(k), "head": head, "rows": rows})
    return groups


def _note(finding, entry, reported: bool) -> str:
    if entry is None:
        return "Không có trong báo cáo" if reported else ""
    parts = []
    if not entry.resolved:
        parts.append(f"Phiếu ghi tình trạng: '{entry.written}'" if entry.written else "Phiếu bỏ trống tình trạng")
    if entry.note:
        parts.append(entry.note)
    return "; ".join(parts)


# ---------------------------------------------------------------- context

def subject(config: Config) -> str:
    return remediation_subject(config.campaign.period)


def compose(config: Config, dataset, intake: Intake, date: dt.date | None = None,
            number: int | None = None) -> dict:
    agency, campaign, signer = config.agency, config.campaign, config.signer
    year = date.year if date else campaign.year
    total = tally(intake.outcome(f) for f in intake.findings)
    communes = by_commune(intake)
    table, table_total = commune_table(communes)
    symbol = f"{TYPE_ABBR}-{agency.abbr}"
    issued = f"ngày {format_date_short(date)}" if date else format_date_line(None, year)
    return {
        **header_context(agency.parent, agency.name),
        "agency_title": agency.title,
        "number": number_text(number),
        "symbol": symbol,
        "date_line": date_line(agency.place, date, year),
        "subject": subject(config),
        "report_to": config.report_to,
        "intro": (f"Thực hiện kết luận kiểm tra công tác cải cách hành chính (CCHC) {campaign.period} "
                  f"của Đoàn kiểm tra (tại {campaign.inspection}), {agency.title} báo cáo kết quả khắc "
                  f"phục tồn tại, hạn chế của các {units_phrase(dataset)} như sau:"),
        "deployment": deployment(config, dataset, intake),
        "total_line": f"Tổng số tồn tại, hạn chế phải khắc phục: {format_count(total.total)}; trong đó:",
        "overall": overall_lines(total),
        "indicators": [indicator_line(i, t) for i, t in by_indicator(intake, dataset.indicators)],
        "communes_summary": commune_summary(communes),
        "commune_rows": table,
        "commune_total": table_total,
        "chart": bool(communes),
        "chart_caption": chart_rows(intake)[1],
        "chart_cx": 0,
        "chart_cy": 0,
        "shortcomings": shortcomings(intake, dataset.indicators, total),
        "proposal_communes": proposal_communes(dataset, intake, config),
        "period": campaign.period,
        "copies": report_copies(config),
        "signer_authority": signer.authority,
        "signer_position": signer.position,
        "signer_name": signer.name,
        "signer_lines": list(signer.lines),
        "appendix_ref": (f"(Kèm theo Báo cáo số {number_text(number)}/{symbol} "
                         f"{issued} của {agency.title})"),
        "appendix": appendix_groups(intake),
    }


# ---------------------------------------------------------------- intake table (cchc results)

INTAKE_HEADERS = ("Đơn vị", "Tệp", "Dòng", "Đã KP", "Đang KP", "Chưa KP", "Lỗi", "Ghi chú")


def intake_rows(intake: Intake) -> list[tuple[str, ...]]:
    """One row per file, communes in data order; communes with no return get a row too."""
    by_commune: dict[str, list] = {}
    strays = []
    for r in intake.returns:
        (by_commune.setdefault(r.commune.code, []) if r.commune else strays).append(r)
    order = list(intake.expected) + [r.commune for rs in by_commune.values() for r in rs[:1]
                                     if r.commune not in intake.expected]
    rows = []
    for commune in order:
        files = sorted(by_commune.get(commune.code, []), key=lambda r: (not r.used, r.name))
        if not files:
            rows.append((commune.title, "—", "", "", "", "", "", "chưa gửi báo cáo"))
        for r in files:
            rows.append(_intake_row(commune.title, r))
    rows += [_intake_row("?", r) for r in strays]
    return rows


def _intake_row(name: str, r) -> tuple[str, ...]:
    if r.used:
        note = (f"chậm, ngày {format_date_short(r.received)}" if r.late
                else "không ghi ngày" if r.received is None else "")
        counts = (str(len(r.entries)), str(r.count(REMEDIED)), str(r.count(IN_PROGRESS)),
                  str(r.count(NOT_REMEDIED)))
    else:
        note = (f"bản cũ, dùng {r.superseded_by}" if r.superseded_by
                else "không đọc được" if not r.raw.readable else "bỏ qua")
        counts = ("", "", "", "")
    return (name, r.name, *counts, str(len(r.problems)) if r.problems else "", note)


def intake_summary(intake: Intake) -> str:
    t = tally(intake.outcome(f) for f in intake.findings)
    expected = len(intake.expected)
    reported = expected - len(intake.missing)
    late = ", ".join(part for part in (
        f"{format_count(len(intake.late))} chậm" if intake.late else "",
        f"{format_count(len(intake.undated))} không ghi ngày" if intake.undated else "") if part)
    late = f" ({late})" if late else ""
    return (f"Đã nhận báo cáo của {reported}/{expected} đơn vị{late}, {len(intake.returns)} tệp, "
            f"{len(intake.problems)} lỗi. Tồn tại, hạn chế: {t.total}; đã khắc phục {t.remedied} "
            f"({percent(t.remedied, t.total)}), đang khắc phục {t.in_progress}, chưa khắc phục "
            f"{t.not_remedied}, chưa có báo cáo {t.not_reported}.")


def intake_table(intake: Intake) -> str:
    rows = [INTAKE_HEADERS] + intake_rows(intake)
    widths = [max(len(r[k]) for r in rows) for k in range(len(INTAKE_HEADERS))]
    numeric = {2, 3, 4, 5, 6}

    def fmt(row):
        cells = [c.rjust(w) if k in numeric else c.ljust(w) for k, (c, w) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(rows[0]), rule, *(fmt(r) for r in rows[1:]), "", intake_summary(intake)])
