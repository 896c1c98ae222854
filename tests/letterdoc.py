"""Reading a generated letter back, as a reviewer would: its paragraphs and footnotes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def footnotes(path: Path) -> list[str]:
    """Texts of the real footnotes (separators left out), in id order."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/footnotes.xml"))
    notes = []
    for fn in root.findall(f"{W}footnote"):
        if fn.get(f"{W}type"):
            continue
        notes.append((int(fn.get(f"{W}id")), "".join(fn.itertext()).strip()))
    return [text for _, text in sorted(notes)]


def reference_ids(path: Path) -> list[int]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return [int(el.get(f"{W}id")) for el in root.iter(f"{W}footnoteReference")]


def body_texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def cell_texts(path: Path) -> list[str]:
    d = docx.Document(str(path))
    return [c.text for t in d.tables for r in t.rows for c in r.cells]
