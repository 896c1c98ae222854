"""One .zip of several files (the forms batch as one download), reproducible:
fixed timestamps and order, so the same forms give the same bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_files(paths: list[Path]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(paths, key=lambda p: p.name):
            info = zipfile.ZipInfo(path.name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()
