"""Reading the text and tables of a Word document somebody else wrote.

Text is what Word shows with tracked changes accepted: `w:t` only (deleted text and field
codes are other elements), so inserted runs count and deleted ones do not. Table rows come
out as grid columns with merged cells resolved the way Word shows them.
"""

from __future__ import annotations

from .ns import W


def paragraph_text(p) -> str:
    """A paragraph's visible text; tabs and breaks read as spaces."""
    return "".join((node.text or "") if node.tag == f"{W}t" else " "
                   for node in p.iter(f"{W}t", f"{W}tab", f"{W}br"))


def row_cells(tr):
    """The row's own cells, including those wrapped in a content control."""
    for child in tr:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from content.findall(f"{W}tc")


def cell_text(tc) -> str:
    # Only this cell's paragraphs: a nested table is not part of the cell's value.
    return " ".join(paragraph_text(p) for p in tc.findall(f"{W}p"))


def grid_rows(tbl, clean=str, max_span: int = 64):
    """Each row as a list of grid columns, `clean` applied to each cell's text: a horizontal
    span repeats its text in each column it covers (at most `max_span`), a vertical merge
    repeats the text of the cell where it starts, `gridBefore` columns are blank."""
    previous: list[str] = []
    for tr in tbl.findall(f"{W}tr"):
        row: list[str] = []
        trpr = tr.find(f"{W}trPr")
        before = trpr.find(f"{W}gridBefore") if trpr is not None else None
        if before is not None:
            row.extend([""] * int(before.get(f"{W}val", "0")))
        for tc in row_cells(tr):
            tcpr = tc.find(f"{W}tcPr")
            span, merged = 1, None
            if tcpr is not None:
                gs = tcpr.find(f"{W}gridSpan")
                span = int(gs.get(f"{W}val", "1")) if gs is not None else 1
                vm = tcpr.find(f"{W}vMerge")
                if vm is not None:
                    merged = vm.get(f"{W}val", "continue")
            col = len(row)
            if merged == "continue" and previous and col < len(previous):
                text = previous[col]
            else:
                text = clean(cell_text(tc))
            row.extend([text] * max(1, min(span, max_span)))
        yield row
        previous = row
