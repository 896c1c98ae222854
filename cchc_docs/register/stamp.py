"""Writing the number and the date into a draft without disturbing anything else.

The clerk's stamp changes characters, not formatting: the new text goes into the `w:t`
elements that already hold the blank, so the number keeps the run properties of the
`Số:` line and the date stays italic. The XML is edited as bytes: only the content of
the changed `w:t` elements is rewritten, so every other byte of word/document.xml
(declarations, attribute order, namespaces, spacing) is the byte the author wrote.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import DocumentError, Problem
from ..ooxml.splice import splice
from ..wording import number_text
from ..vn import format_date_line, format_date_short
from .draft import Draft, Paragraph


def stamp(draft: Draft, number: int, date: dt.date) -> tuple[bytes, list[str]]:
    """(new document.xml, warnings) with `Số: 05/…` and `…, ngày 05 tháng 7 năm 2024`."""
    warnings: list[str] = []
    edits: dict[int, str] = {}
    _replace(draft, draft.number_par, [(draft.number_gap, f" {number_text(number)}")], edits)
    written = draft.date_written
    if written[2] and written[2] != date.year:
        warnings.append(f"dự thảo ghi năm {written[2]}, ngày ban hành là năm {date.year}: đã sửa năm")
    elif written[0] and written[1] and draft.written_date != date:
        warnings.append(f"dự thảo đã ghi ngày {written[0]}/{written[1]}/{written[2]}: "
                        f"đã thay bằng ngày cấp số")
    day_span, month_span, year_span = draft.date_spans
    # One source of truth for the leading-zero rules: the same function the letter uses.
    day, month, year = re.fullmatch(r"ngày (\d+) tháng (\d+) năm (\d+)", format_date_line(date)).groups()
    _replace(draft, draft.date_par, [
        (day_span, f" {day} "),
        (month_span, f" {month} "),
        (year_span, f" {year}"),
    ], edits)
    # Every place the document quotes its own number (the appendix's `Kèm theo …`) gets
    # the same number and date as the header, in the short form such lines use.
    for par, gap, date_span in draft.self_refs:
        _replace(draft, par, [(gap, f" {number_text(number)}"), (date_span, f"ngày {format_date_short(date)}")],
                 edits)
    return splice(draft.xml, edits), warnings


def _replace(draft: Draft, par: Paragraph, spans, edits: dict[int, str]) -> None:
    """Apply (span, new text) replacements to the paragraph's w:t texts, right to left so
    earlier offsets stay valid. Characters outside the spans never move between runs."""
    texts = {s.wt_index: edits.get(s.wt_index, s.text) for s in par.segments if s.wt_index is not None}
    for (a, b), new in sorted(spans, key=lambda x: x[0][0], reverse=True):
        touched = [s for s in par.segments if s.start < b and s.start + len(s.text) > a]
        if any(s.wt_index is None for s in touched):
            raise DocumentError(Problem(
                "dòng số hoặc ngày tháng có dấu tab hay ngắt dòng ở chỗ để trống, không ghi số được",
                file=draft.name, hint="gõ lại dòng đó trong Word chỉ bằng dấu cách rồi cấp số lại"))
        if touched:
            host = touched[0]
        else:
            # Nothing between the marks (`Số:/UBND`): write into the run before the gap.
            before = [s for s in par.segments if s.start + len(s.text) <= a and s.wt_index is not None]
            if not before:
                raise DocumentError(Problem("không xác định được chỗ ghi số", file=draft.name))
            host = before[-1]
        for s in touched or [host]:
            text = texts[s.wt_index]
            lo = max(a - s.start, 0)
            hi = min(b - s.start, len(s.text))
            if s is host:
                texts[s.wt_index] = text[:lo] + new + text[hi:]
            else:
                texts[s.wt_index] = text[:lo] + text[hi:]
    for s in par.segments:
        if s.wt_index is not None and texts[s.wt_index] != s.text:
            edits[s.wt_index] = texts[s.wt_index]
