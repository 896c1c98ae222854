"""A package reduced to what the document uses, and nothing that reaches outside it.

Two uses, one walk over the relationships:
  - the register archives `used_parts(parts)`: the parts reachable from the package's
    root relationships, under their canonical names. A draft from outside may carry
    entries such as `../../x`, duplicates, or parts nothing refers to; none of them
    belongs in the office's archive.
  - PDF conversion feeds LibreOffice `offline(parts)`: the same package without external
    relationships (linked images, remote templates, OLE links, frames), so converting a
    document never makes the machine fetch a URL. Hyperlinks stay: they are written into
    the PDF, never followed.
"""

from __future__ import annotations

import posixpath

from .ns import PR_NS as _REL_NS
from .safety import parse_xml

CONTENT_TYPES = "[Content_Types].xml"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _target(source: str, target: str) -> str | None:
    """The part name a relationship points at, or None when it would leave the package."""
    base = posixpath.dirname(source)
    path = target[1:] if target.startswith("/") else posixpath.join(base, target)
    path = posixpath.normpath(path)
    if path.startswith("../") or path == ".." or path.startswith("/"):
        return None
    return path


def _relationships(parts: dict[str, bytes], source: str):
    name = "_rels/.rels" if source == "" else rels_name(source)
    data = parts.get(name)
    if data is None:
        return name, None, []
    root = parse_xml(data, name)
    return name, root, list(root.iter(f"{{{_REL_NS}}}Relationship"))


def used_parts(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts reachable from the root relationships, plus [Content_Types].xml and the
    relationship parts themselves, in the package's own order."""
    keep = {CONTENT_TYPES}
    todo = [""]
    seen = set()
    while todo:
        source = todo.pop()
        if source in seen:
            continue
        seen.add(source)
        name, root, rels = _relationships(parts, source)
        if root is not None:
            keep.add(name)
        for rel in rels:
            if rel.get("TargetMode") == "External":
                continue
            target = _target(source, rel.get("Target") or "")
            if target is not None and target in parts:
                keep.add(target)
                todo.append(target)
    return {n: d for n, d in parts.items() if n in keep}


def offline(parts: dict[str, bytes]) -> tuple[dict[str, bytes], int]:
    """(parts without any external relationship but hyperlinks, how many were removed)."""
    from lxml import etree

    out = dict(parts)
    removed = 0
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        root = parse_xml(data, name)
        external = [r for r in root.iter(f"{{{_REL_NS}}}Relationship")
                    if r.get("TargetMode") == "External" and r.get("Type") != _HYPERLINK]
        if not external:
            continue
        for rel in external:
            # The id stays, pointing at nothing inside the package: the document's r:id
            # references remain valid XML and the picture is simply not shown.
            rel.set("Target", "media/offline-removed")
            del rel.attrib["TargetMode"]
        removed += len(external)
        out[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out, removed
