"""Helpers the rules share: where a finding is, formatting checks, the line under a title."""

from __future__ import annotations

import re

from ...ooxml.reader import Para
from ..structure import is_placeholder, is_typed_line, shown
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


def _body_runs(p: Para):
    # A superscript note number (`TÊN CƠ QUAN, TỔ CHỨC²` in the decree's model forms) is not
    # the text whose weight or slant the decree sets.
    runs = [r for r in p.text_runs() if r.rp.get("vertAlign") not in ("superscript", "subscript")]
    return runs or p.text_runs()


def all_on(p: Para, prop: str) -> bool:
    runs = _body_runs(p)
    return bool(runs) and all(r.rp.get(prop) for r in runs)


def any_on(p: Para, prop: str) -> bool:
    return any(r.rp.get(prop) for r in _body_runs(p))


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
        out.append(Finding(rule_id, f"{label}: chữ không in đậm (Nghị định: đứng, đậm)", w,
                           fix=f"chọn {label}, in đậm (Ctrl+B)"))
    if bold is False and any_on(p, "b"):
        out.append(Finding(rule_id, f"{label}: chữ in đậm (Nghị định: không đậm)", w,
                           fix=f"chọn {label}, bỏ in đậm (Ctrl+B)"))
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


# Typed characters that print as one solid stroke, and those that print as dashes with gaps.
_SOLID_CHARS = set("_—―─━")
_DASHED_CHARS = set("-‒–~.·=")
_DASHED_BORDERS = {"dashed", "dotted", "dotDash", "dotDotDash", "dashSmallGap", "dashDotStroked",
                   "thinThickSmallGap"}


def _typed(p: Para):
    """(kind, width) of a paragraph that is only a typed line (`______` solid, `- - -` or
    `-----` dashed), else None. Its width is the printed width of the characters."""
    t = norm(p.text)
    if not is_typed_line(t):
        return None
    chars = set(t.replace(" ", ""))
    dashed = " " in t.strip() or bool(chars & _DASHED_CHARS) and not chars <= _SOLID_CHARS
    szs = sizes(p) or {26}
    return ("dashed" if dashed else "typed", text_width(t, max(szs), all_on(p, "b"), squash_spaces=False))


def line_below(paras: list[Para], p: Para):
    """(kind, width in twips or None) of the line drawn under `p`, or None.

    Kinds: "border" (the paragraph's bottom border, or the next empty paragraph's top or
    bottom border: its indents set the length), "shape" (a drawn shape in it or in the next
    paragraph), "typed" (the next paragraph is `______`: measured as printed), "dashed" (a
    dashed border or typed dashes `-----`: the decree wants a solid line).
    """
    try:
        i = next(k for k, q in enumerate(paras) if q is p)
    except StopIteration:
        return None
    while i + 1 < len(paras) and paras[i + 1].cont and paras[i + 1].el is p.el:
        if _typed(paras[i + 1]):
            return _typed(paras[i + 1])  # `Độc lập…` ↵ `------`: the line typed after a line break
        i += 1  # the last line of a paragraph split by line breaks
    last = paras[i]
    if last.pp.get("bdr_bottom"):
        return ("dashed" if last.pp.get("bdr_bottom_val") in _DASHED_BORDERS else "border", _inner(last))
    if last.shape:
        return ("shape", None)
    k = i + 1
    while k < len(paras) and not norm(paras[k].text) and not paras[k].shape and not (
            paras[k].pp.get("bdr_top") or paras[k].pp.get("bdr_bottom")) and k - i <= 1:
        k += 1  # one empty paragraph between the text and a typed line
    for nxt in paras[i + 1:k + 1]:
        t = norm(nxt.text)
        if not t and (nxt.pp.get("bdr_top") or nxt.pp.get("bdr_bottom")):
            val = nxt.pp.get("bdr_top_val") if nxt.pp.get("bdr_top") else nxt.pp.get("bdr_bottom_val")
            return ("dashed" if val in _DASHED_BORDERS else "border", _inner(nxt))
        if nxt.shape and not t:
            return ("shape", None)
        typed = _typed(nxt) if t else None
        if typed:
            return typed
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
    kind, width = found
    if kind == "dashed":
        return [Finding(rule_id, f"đường kẻ dưới {label} là nét đứt (gõ bằng dấu gạch “---” hoặc viền nét đứt) "
                                 f"(Nghị định: {want})", where(target),
                        fix=f"xóa dòng gạch, kẻ đường nét liền dưới {label}: Insert → Shapes → Line, "
                            "hoặc viền dưới đoạn (Borders → Bottom Border) nét liền")]
    if all(is_placeholder(q.text) for q in text_paras):
        return []  # `(2)……………`: a blank's width is not the name's written there, nothing to compare
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
