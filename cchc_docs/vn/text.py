"""Normalisation, matching, collation and slugs for Vietnamese text.

Names typed by clerks arrive in NFC or NFD, with the tone mark on either vowel of a
diphthong (Hòa / Hoà, Thủy / Thuỷ), in any case and with stray spaces. Matching goes
through `match_key`, which keeps every letter and every tone but forgets *where* the
tone mark sits; headers go through `fold_header`, which forgets diacritics entirely.
"""

from __future__ import annotations

import re
import unicodedata

# The five tone marks, in the order of the Vietnamese alphabet's tone ranking
# (ngang has none): huyền, sắc, hỏi, ngã, nặng.
TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_TONE_RANK = {t: i + 1 for i, t in enumerate(TONES)}
# Marks that make a different letter (ă â ê ô ơ ư), not a tone.
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_SPACES = re.compile(r"\s+")

# Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_ALPHABET = [
    "a", "a\u0306", "a\u0302", "b", "c", "d", "đ", "e", "e\u0302", "f", "g", "h", "i", "j",
    "k", "l", "m", "n", "o", "o\u0302", "o\u031b", "p", "q", "r", "s", "t", "u", "u\u031b",
    "v", "w", "x", "y", "z",
]
_LETTER_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}


# Control and private-use characters: invalid in XML, or reserved for our own markers.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")


def nfc(value: object) -> str:
    """Text as stored everywhere in this project: NFC, single spaces, stripped,
    without control or private-use characters (a stray one would break the XML)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", _UNSAFE.sub("", text)).strip()


def _syllables(text: str):
    """Yield (letters, tone) per syllable of NFD-decomposed, lower-cased text."""
    for word in nfc(text).lower().split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        tone = ""
        letters = []
        for ch in decomposed:
            if ch in _TONE_RANK:
                tone = ch
            else:
                letters.append(ch)
        yield "".join(letters), tone


def match_key(text: object) -> str:
    """Key under which two spellings of one name are equal.

    Case, Unicode form, spacing and the position of the tone mark are forgotten;
    letters and tones are kept, so `Sơn` and `Son` stay different names.
    """
    return " ".join(letters + tone for letters, tone in _syllables(str(text)))


def strip_diacritics(text: object) -> str:
    decomposed = unicodedata.normalize("NFD", nfc(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("đ", "d").replace("Đ", "D")


def fold_header(text: object) -> str:
    """`Tên đơn vị`, `TEN_DON_VI` and ` tên  đơn vị ` all fold to `tendonvi`."""
    return re.sub(r"[^a-z0-9]", "", strip_diacritics(text).lower())


def _letter_units(letters: str):
    """Split NFD letters into alphabet units: a base letter plus its letter-making mark."""
    units: list[str] = []
    for ch in letters:
        if ch in _LETTER_MARKS and units:
            units[-1] += ch
        else:
            units.append(ch)
    return units


def collation_key(text: object) -> tuple:
    """Sort key in Vietnamese alphabet order: letters first, then tones.

    `An` < `Ăn` < `Ân` < `Bình`, and `Sơn Bằng` < `Sơn Châu` < `Sơn Kim 2`.
    """
    primary: list[tuple[int, int | str]] = []
    secondary: list[int] = []
    for letters, tone in _syllables(str(text)):
        for unit in _letter_units(letters):
            rank = _LETTER_RANK.get(unit)
            # Digits and punctuation sort before letters, by code point.
            primary.append((1, rank) if rank is not None else (0, unit))
        primary.append((0, " "))
        secondary.append(_TONE_RANK.get(tone, 0))
    return (tuple(primary), tuple(secondary))


def vn_sorted(items, key=lambda x: x):
    return sorted(items, key=lambda item: collation_key(key(item)))


def slugify(text: object) -> str:
    """File-name-safe slug: `Sơn Kim 1` → `son-kim-1`; never contains a path separator."""
    slug = re.sub(r"[^a-z0-9]+", "-", strip_diacritics(text).lower()).strip("-")
    return slug or "khong-ten"
