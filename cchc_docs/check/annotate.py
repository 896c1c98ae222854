"""A check result laid out along the document: each finding beside the paragraph it is
about (the /check page of the web front). A finding's `where` is made by
`rules.common.where` from its paragraph (location and shortened text, `thân văn bản:
«Kính gửi: …»`); the same function applied to each paragraph finds it again. Findings
about the whole document (page size, a header part) match no paragraph and are listed apart."""

from __future__ import annotations


def annotate(parts: dict[str, bytes], findings) -> tuple[list[tuple[str, str, list]], list]:
    """([(location, text, findings of that paragraph)] in document order, unplaced findings)."""
    from ..ooxml.reader import Package
    from .rules.common import where

    try:
        paras = Package(parts).body_paras
    except Exception:  # noqa: BLE001 - the checker already reported what it could not read
        paras = []
    by_loc: dict[str, list] = {}
    placed = set()
    first: dict[str, int] = {}
    for k, p in enumerate(paras):
        first.setdefault(where(p), k)
    for f in findings:
        k = first.get(f.where)
        if k is not None:
            by_loc.setdefault(k, []).append(f)
            placed.add(id(f))
    lines = [(p.loc, p.text, by_loc.get(k, [])) for k, p in enumerate(paras)]
    return lines, [f for f in findings if id(f) not in placed]
