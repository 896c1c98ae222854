"""Text helpers of the checker: normalisation, legacy-encoding detection, width estimates."""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_MARKS = re.compile("[\u0300-\u036f]")
_NOT_ALNUM = re.compile("[^a-z0-9]")


def fold(text: str, limit: int = 200) -> str:
    """`Kính gửi:` → `kinhgui`: the key the finders compare (cchc_docs.vn.text.fold_header,
    in C-speed steps, and only the first `limit` characters: finders look at openings)."""
    t = unicodedata.normalize("NFD", text[:limit]).lower()
    return _NOT_ALNUM.sub("", _MARKS.sub("", t).replace("đ", "d"))


def norm(text: str) -> str:
    """NFC, non-breaking spaces as spaces, stripped (inner spacing kept: drafts use it)."""
    return unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ").strip()


def squash(text: str) -> str:
    return _WS.sub(" ", norm(text))


def short(text: str, limit: int = 60) -> str:
    text = squash(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def is_upper(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def is_all_caps(text: str) -> bool:
    """Every letter capital (a name typed in capitals), ignoring one-letter words."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


# ------------------------------------------------------------------ legacy encodings
# TCVN3 (ABC, .VnTime) and VNI store Vietnamese letters as Latin-1 bytes; in a .docx they
# show up as Latin-1 characters that Unicode Vietnamese never uses, glued to ASCII letters:
# "Céng hoµ x· héi chñ nghÜa ViÖt Nam" (TCVN3), "Coäng hoøa xaõ hoäi chuû" (VNI).
_VN_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_LEGACY_CHARS = "".join(ch for ch in map(chr, range(0xA1, 0x100)) if ch not in _VN_LATIN1)
_LEGACY = re.compile("[" + re.escape(_LEGACY_CHARS) + "]")
_ASCII_LETTER = re.compile("[A-Za-z]")


def legacy_encoded(text: str) -> bool:
    """True when the text reads like TCVN3/VNI bytes shown as Latin-1."""
    if not _LEGACY.search(text):
        return False
    words = [w for w in text.split() if not w.isascii()]
    if not words:
        return False
    odd = sum(1 for w in words if _LEGACY.search(w) and _ASCII_LETTER.search(w))
    # A stray ® or ° in Unicode text is one word; legacy text garbles most accented words.
    return odd >= 2 and odd * 10 >= 3 * len(words)


# ------------------------------------------------------------------ width estimates
# Average advance widths of Times New Roman, in em. Good to ±15 %: enough to tell a line
# "about as long as the text" from one twice as long, which is all the rules ask.
def _em(ch: str, bold: bool) -> float:
    base = unicodedata.normalize("NFD", ch)[:1] or ch
    if base == " ":
        return 0.25
    if base in "_—―":
        return 0.5 if base == "_" else 1.0
    if base in "─━":
        return 0.6
    if base.isupper():
        return 0.75 if bold else 0.70
    if base.isalpha():
        return 0.50 if bold else 0.46
    if base.isdigit():
        return 0.50
    return 0.33


def text_width(text: str, size_halfpt: int, bold: bool, squash_spaces: bool = True) -> int:
    """Estimated width of one line of `text` in twips."""
    em = sum(_em(c, bold) for c in (squash(text) if squash_spaces else norm(text)))
    return int(em * size_halfpt * 10)
