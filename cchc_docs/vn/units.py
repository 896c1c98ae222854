"""Commune-level unit types. Data, not code: since July 2025 there are no thị trấn and
there are đặc khu; the list stays open to the types a workspace uses."""

from __future__ import annotations

from .text import fold_header, nfc

# Canonical order, used when a label names several types: `Các xã, phường, thị trấn`.
UNIT_TYPES = ("xã", "phường", "thị trấn", "đặc khu")
# Below the commune (a commune's own campaign): no national list exists, each commune
# gives its own; these are the names the law and the provinces use.
VILLAGE_TYPES = ("thôn", "tổ dân phố", "bản", "ấp", "khối", "xóm", "làng", "buôn", "plei", "bon",
                 "phum", "sóc", "khóm", "tổ", "khu phố")
_BY_FOLD = {fold_header(t): t for t in (*UNIT_TYPES, *VILLAGE_TYPES)}


def normalize_unit_type(value: object) -> str | None:
    """`Xa`, `XÃ`, `thi tran` → canonical spelling; None when not a known type."""
    return _BY_FOLD.get(fold_header(value))


def plural_label(types: list[str]) -> str:
    """`Các xã`, `Các xã, thị trấn` for the types present in a list of communes."""
    present = [t for t in (*UNIT_TYPES, *VILLAGE_TYPES) if t in set(types)]
    present += sorted(set(types) - set(present))
    return "Các " + ", ".join(present)


def is_village(unit_type: str) -> bool:
    return nfc(unit_type) in VILLAGE_TYPES


def bodies_phrase(types: list[str]) -> str:
    """Who is told to act: `Ủy ban nhân dân các xã, phường`; a village has no committee,
    so `các thôn, tổ dân phố`."""
    units = plural_label(types).removeprefix("Các ")
    return f"các {units}" if types and all(is_village(t) for t in types) else f"Ủy ban nhân dân các {units}"


def titled(unit_type: str, name: str) -> str:
    """`Thị trấn Tây Sơn` at the start of a sentence; `xã Sơn Kim 1` is `titled(...).lower`."""
    t = nfc(unit_type)
    return f"{t[:1].upper()}{t[1:]} {nfc(name)}"
