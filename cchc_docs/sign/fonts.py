"""The Times New Roman face for text written into a PDF (stamp text, number and date).

pyHanko 0.38 writes a CID font's /W widths in the font's own units (2048 per em for
Times New Roman and Liberation Serif) where PDF wants thousandths of an em, so every
letter is spaced about twice too wide. A copy of the font rescaled to 1000 units per em
(fontTools) makes both agree; it is made once and kept in the temporary folder.

The copy is also cut down to Latin and Vietnamese (about 600 of Liberation Serif's 2,600
glyphs, no hinting): pyHanko subsets the font again for every signature, and that took
~180 ms with the whole font, most of the time a signature costs.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import CchcError, Problem

CACHE_VERSION = 3      # bump when the rescaled copy is made differently
VIETNAMESE_PROBE = "ỆếộữĐđ"
FONT_HINT = ("cài phông Times New Roman hoặc Liberation Serif 2.x (Debian: `sudo apt-get install "
             "fonts-liberation2`), hoặc đặt CCHC_SIGN_FONT trỏ tới tệp .ttf")


def _candidates(style: str) -> list[Path]:
    env = os.environ.get("CCHC_SIGN_FONT" if style == "Regular" else "CCHC_SIGN_FONT_ITALIC")
    if env:
        return [Path(env)]
    found = []
    fc = shutil.which("fc-match")
    if fc:
        try:
            out = subprocess.run([fc, "-f", "%{file}", f"Times New Roman:style={style}"], capture_output=True,
                                 text=True, timeout=10, stdin=subprocess.DEVNULL).stdout.strip()
            if out:
                found.append(Path(out))
        except (OSError, subprocess.TimeoutExpired):
            pass
    if style == "Regular":
        found += [Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
                  Path("C:/Windows/Fonts/times.ttf"), Path("/Library/Fonts/Times New Roman.ttf")]
    else:
        found += [Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"),
                  Path("C:/Windows/Fonts/timesi.ttf"), Path("/Library/Fonts/Times New Roman Italic.ttf")]
    return found


# Basic Latin, Latin-1, Latin Extended-A, ơ/ư (Latin Extended-B), combining marks,
# Vietnamese (Latin Extended Additional), general punctuation.
KEEP = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x1A0, 0x1B1), *range(0x300, 0x324),
        *range(0x1EA0, 0x1EFA), *range(0x2010, 0x2027), 0x20AB]


@functools.lru_cache(maxsize=4)
def times_font(style: str = "Regular") -> Path:
    """A TrueType Times New Roman (or its metric twin) with Vietnamese, at 1000 units/em."""
    from fontTools.ttLib import TTFont

    for src in _candidates(style):
        if not src.is_file() or src.suffix.lower() not in (".ttf", ".otf"):
            continue
        data = src.read_bytes()
        cached = Path(tempfile.gettempdir()) / "cchc-fonts" / f"{hashlib.sha256(data).hexdigest()[:24]}-{CACHE_VERSION}.ttf"
        if cached.is_file():
            return cached
        font = TTFont(src)
        cmap = font.getBestCmap() or {}
        if not all(ord(c) in cmap for c in VIETNAMESE_PROBE):
            continue     # e.g. Liberation 1.07: no Vietnamese letters
        if font["head"].unitsPerEm != 1000:
            from fontTools.ttLib.scaleUpem import scale_upem

            scale_upem(font, 1000)
        if "FFTM" in font:
            del font["FFTM"]   # FontForge's timestamp: fontTools cannot subset it and says so on stderr
        from fontTools import subset

        options = subset.Options()
        options.hinting = False
        options.name_IDs = ["*"]
        options.notdef_outline = True
        sub = subset.Subsetter(options)
        sub.populate(unicodes=KEEP)
        sub.subset(font)
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        font.save(tmp)
        os.replace(tmp, cached)
        return cached
    raise CchcError(Problem("không tìm thấy phông Times New Roman có chữ tiếng Việt", hint=FONT_HINT))
