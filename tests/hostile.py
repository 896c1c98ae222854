"""Hostile .docx files for the checker's tests and bench (built here, in memory or on disk)."""

from __future__ import annotations

import io
import os
import zipfile

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>')
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def replace_part(data: bytes, name: str, body: bytes | None, extra: dict | None = None) -> bytes:
    """A copy of the package `data` with part `name` replaced (or removed when None) and extra parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == name:
                if body is not None:
                    dst.writestr(name, body)
            else:
                dst.writestr(info.filename, src.read(info))
        for k, v in (extra or {}).items():
            dst.writestr(k, v)
    return out.getvalue()


def inflating_bomb(path, parts=4, part_mb=63, every=1400) -> int:
    """A small .docx whose `parts` XML parts inflate to `part_mb` MB each, compressing about 170:1
    (under the ratio a zip-bomb check looks for: a random byte every `every` bytes breaks the
    runs deflate would otherwise shrink to nothing). Returns the file size."""
    names = ["word/document.xml", "word/styles.xml", "word/header1.xml", "word/footnotes.xml"][:parts]
    unit = b"<w:p><w:r><w:t>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</w:t></w:r></w:p>"
    block = (unit * (every // len(unit) + 1))[:every]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("[Content_Types].xml", CT.format(main=DOCX_MAIN))
        for name in names:
            with zf.open(name, "w", force_zip64=True) as fh:
                fh.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
                left = part_mb * 1024 * 1024
                rnd = os.urandom(left // every + 1)
                chunk = bytearray()
                for k in range(left // every):
                    chunk += block[:-1] + b"%c" % (65 + rnd[k] % 26)
                    if len(chunk) > 1 << 20:
                        fh.write(chunk)
                        chunk = bytearray()
                fh.write(chunk)
                fh.write(b"</w:body></w:document>")
    return os.path.getsize(path)
