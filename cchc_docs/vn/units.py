"""Commune-level unit types. Data, not code: since July 2025 there are no thị trấn and
there are đặc khu; the list stays open to the types a workspace uses."""

from __future__ import annotations

from .text import fold_header, nfc

# Canonical order, used when a label names several types: `Các xã, phường, thị trấn`.
UNIT_TYPES = ("xã", "phường", "thị trấn", "đặc khu")
_BY_FOLD = {fold_header(t): t for t in UNIT_TYPES}


def normalize_unit_type(value: object) -> str | None:
    """`Xa`, `XÃ`, `thi tran` → canonical spelling; None when not a known type."""
    return _BY_FOLD.get(fold_header(value))


def plural_label(types: list[str]) -> str:
    """`Các xã`, `Các xã, thị trấn` for the types present in a list of communes."""
    present = [t for t in UNIT_TYPES if t in set(types)]
    present += sorted(set(types) - set(present))
    return "Các " + ", ".join(present)


def titled(unit_type: str, name: str) -> str:
    """`Thị trấn Tây Sơn` at the start of a sentence; `xã Sơn Kim 1` is `titled(...).lower`."""
    t = nfc(unit_type)
    return f"{t[:1].upper()}{t[1:]} {nfc(name)}"
