"""A check result laid out along the document: each finding beside the paragraph it is
about (the /check page of the web front). The finding's `where` starts with the
paragraph's location (`đoạn 12: «…»`, `bảng 1, hàng 2, ô 1: «…»`), the one place both
come from (`rules.common.where`); findings about the whole document (page size, a header
part) have no paragraph and are listed apart."""

from __future__ import annotations


def annotate(parts: dict[str, bytes], findings) -> tuple[list[tuple[str, str, list]], list]:
    """([(location, text, findings of that paragraph)] in document order, unplaced findings)."""
    from ..ooxml.reader import Package

    try:
        paras = Package(parts).body_paras
    except Exception:  # noqa: BLE001 - the checker already reported what it could not read
        paras = []
    by_loc: dict[str, list] = {}
    placed = set()
    for f in findings:
        for p in paras:
            if f.where.startswith((f"{p.loc}:", f"{p.loc} (")):
                by_loc.setdefault(p.loc, []).append(f)
                placed.add(id(f))
                break
    lines = [(p.loc, p.text, by_loc.get(p.loc, [])) for p in paras]
    return lines, [f for f in findings if id(f) not in placed]
