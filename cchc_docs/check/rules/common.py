"""Helpers the rules share: where a finding is, formatting checks, the line under a title."""

from __future__ import annotations

import re

from ...ooxml.reader import Para
from ..structure import shown
from ..text import is_all_caps, is_upper, norm, short, text_width
from . import Finding


def where(p: Para | None, label: str = "") -> str:
    if p is None:
        return label
    loc = label or p.loc
    return f"{loc}: «{short(p.text)}»" if p.text.strip() else f"{loc} (dòng trống)"


def dec(x: float, places: int = 2) -> str:
    """A decimal the Vietnamese way: 1,15 — no trailing zeros."""
    text = f"{x:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def pt(sz: int | None) -> str:
    if sz is None:
        return "?"
    return f"{sz // 2}" if sz % 2 == 0 else f"{sz / 2:.1f}".replace(".", ",")


def sizes(p: Para) -> set[int]:
    # Word's built-in default is 10 pt when neither the run, styles nor defaults set a size.
    return {r.rp.get("sz", 20) for r in p.text_runs() if not r.rp.get("vertAlign") in ("superscript", "subscript")}


def all_on(p: Para, prop: str) -> bool:
    runs = p.text_runs()
    return bool(runs) and all(r.rp.get(prop) for r in runs)


def any_on(p: Para, prop: str) -> bool:
    return any(r.rp.get(prop) for r in p.text_runs())


def fmt(rule_id: str, p: Para, label: str, *, size=None, bold=None, italic=None, upper=None,
        jc=None, loc: str = "") -> list[Finding]:
    """Formatting findings for one element: size range (half-points), bold, italic, case, alignment."""
    out = []
    w = where(p, loc)
    if size is not None:
        lo, hi = size
        bad = sorted(s for s in sizes(p) if not lo <= s <= hi)
        if bad:
            want = pt(lo) if lo == hi else f"{pt(lo)}–{pt(hi)}"
            out.append(Finding(rule_id, f"{label}: cỡ chữ {', '.join(pt(s) for s in bad)} (Nghị định: {want})", w))
    if bold is True and not all_on(p, "b"):
        out.append(Finding(rule_id, f"{label}: chữ không in đậm (Nghị định: đứng, đậm)", w))
    if bold is False and any_on(p, "b"):
        out.append(Finding(rule_id, f"{label}: chữ in đậm (Nghị định: không đậm)", w))
    if italic is True and not all_on(p, "i"):
        out.append(Finding(rule_id, f"{label}: chữ không nghiêng (Nghị định: kiểu chữ nghiêng)", w))
    if italic is False and any_on(p, "i"):
        out.append(Finding(rule_id, f"{label}: chữ nghiêng (Nghị định: kiểu chữ đứng)", w))
    if upper is True and not is_upper(shown(p)):
        out.append(Finding(rule_id, f"{label}: không viết in hoa (Nghị định: chữ in hoa)", w))
    if upper is False and is_all_caps(shown(p)):
        out.append(Finding(rule_id, f"{label}: viết toàn chữ in hoa (Nghị định: chữ in thường)", w))
    if jc is not None and p.pp.get("jc", "left") not in jc:
        out.append(Finding(rule_id, f"{label}: căn lề {JC.get(p.pp.get('jc', 'left'), p.pp.get('jc'))} "
                                    f"(Nghị định: {JC.get(jc[0], jc[0])})", w))
    return out


JC = {"left": "trái", "start": "trái", "right": "phải", "end": "phải", "center": "giữa",
       "both": "đều hai bên", "distribute": "đều hai bên"}


def line_below(paras: list[Para], p: Para):
    """(kind, width in twips or None) of the line drawn under `p`, or None.

    A line is the paragraph's own bottom border, a drawn shape in it or in the next
    paragraph, the next paragraph left empty with a top/bottom border (its indents set
    the length), or a run of underscores.
    """
    try:
        i = next(k for k, q in enumerate(paras) if q is p)
    except StopIteration:
        return None
    while i + 1 < len(paras) and paras[i + 1].cont and paras[i + 1].el is p.el:
        i += 1  # the last line of a paragraph split by line breaks
    last = paras[i]
    if last.pp.get("bdr_bottom"):
        return ("border", _inner(last))
    if last.shape:
        return ("shape", None)
    if i + 1 < len(paras):
        nxt = paras[i + 1]
        t = norm(nxt.text)
        if not t and (nxt.pp.get("bdr_top") or nxt.pp.get("bdr_bottom")):
            return ("border", _inner(nxt))
        if nxt.shape and not t:
            return ("shape", None)
        if t and re.fullmatch(r"[_\-‒–—―─]{3,}", t):
            return ("underscores", None)
    return None


def _inner(p: Para):
    if not p.box:
        return None
    return max(p.box - (p.pp.get("ind_left") or 0) - (p.pp.get("ind_right") or 0), 0)


def _text_width(paras: list[Para]) -> int | None:
    widths = []
    for p in paras:
        szs = sizes(p) or {26}
        w = text_width(shown(p), max(szs), all_on(p, "b"))
        if p.box:
            w = min(w, p.box - (p.pp.get("ind_left") or 0) - (p.pp.get("ind_right") or 0))
        widths.append(w)
    return max(widths) if widths else None


def check_line(rule_id, label, paras, text_paras, lo, hi, want, floating=()) -> list[Finding]:
    target = text_paras[-1]
    found = line_below(paras, target)
    if found is None:
        if any(q.shape for q in floating):
            return []  # a line drawn as a floating shape anchored elsewhere: its place is not checked
        return [Finding(rule_id, f"thiếu đường kẻ ngang nét liền dưới {label} (Nghị định: {want})",
                        where(target))]
    _kind, width = found
    text_w = _text_width(text_paras)
    if width and text_w:
        ratio = width / text_w
        if not lo <= ratio <= hi:
            return [Finding(rule_id, f"đường kẻ dưới {label} dài khoảng {ratio:.0%} dòng chữ "
                                     f"(Nghị định: {want})", where(target))]
    return []


def agg(rule_id: str, problems: dict[str, list[Para]], unit: str = "đoạn") -> list[Finding]:
    out = []
    for message, paras in problems.items():
        w = where(paras[0])
        if len(paras) > 1:
            w += f" (và {len(paras) - 1} {unit} khác)"
        out.append(Finding(rule_id, message, w))
    return out
