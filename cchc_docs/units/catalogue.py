"""The catalogue of administrative units, by the date of the list.

Two lists, because codes changed meaning at the reform of 1 July 2025 (18160 was Sơn Lĩnh
in 2024 and is Sơn Hồng since): a code identifies a unit only together with its list.

- `2025-07`: the 34 provinces and 3,321 commune-level units (xã, phường, đặc khu) since
  1 July 2025, from the maintained `vietnam-provinces` package (extra `units`), names and
  codes exactly as published there.
- `legacy`: the pre-2025 units the shipped material knows (Hương Sơn, Đức Thọ and Cẩm Xuyên
  districts of Hà Tĩnh, valid 2020–2024), with the lineage of each to its 2025 commune.
  Other pre-2025 workspaces bring their own list in data/communes.csv.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError, Problem
from ..vn import match_key, nfc
from ..vn.text import strip_diacritics

CURRENT = "2025-07"
LEGACY = "legacy"
DATES = (CURRENT, LEGACY)
_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # Hà Tĩnh, Hà Nội (without the type word)
    type: str  # tỉnh, thành phố

    @property
    def title(self) -> str:
        """`tỉnh Hà Tĩnh`, `thành phố Hà Nội`, as running text names it."""
        return f"{self.type} {self.name}"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # Sơn Kim 1 (without the type word)
    type: str  # xã, phường, đặc khu, thị trấn
    province: str  # Hà Tĩnh
    district: str = ""  # legacy units only

    @property
    def title(self) -> str:
        return f"{self.type} {self.name}"


def _fold(text: str) -> str:
    """Matching key that forgets tone marks entirely: `Ha Tinh`, `hà tĩnh`, `Hà Tỉnh` agree."""
    return strip_diacritics(nfc(text)).lower()


def _split_type(full: str, types: tuple[str, ...]) -> tuple[str, str]:
    """`Xã Sơn Kim 1` → (`xã`, `Sơn Kim 1`); the package writes the type into the name."""
    for t in sorted(types, key=len, reverse=True):
        if full.lower().startswith(t + " "):
            return t, full[len(t) + 1:].strip()
    return "", full


def _capitalised(name: str) -> str:
    """Every syllable of a place name capitalised (Decree 30 PL II: tên địa lý): the package
    writes `Đắk song` (24718) where the resolution writes Đắk Song."""
    return " ".join(w[:1].upper() + w[1:] for w in name.split(" "))


# ---------------------------------------------------------------- 2025-07: the package

def _package():
    try:
        import vietnam_provinces
    except ImportError:
        raise InputError(Problem(
            "chưa cài danh mục đơn vị hành chính 2025 (gói vietnam-provinces)",
            hint="cài thêm: pip install 'cchc-docs[units]'")) from None
    return vietnam_provinces


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The 34 provinces and centrally-run cities since 1 July 2025, by code."""
    vp = _package()
    out = []
    for p in vp.Province.iter_all():
        kind = "thành phố" if p.division_type.value.startswith("thành phố") else "tỉnh"
        name = nfc(p.name)
        if kind == "thành phố" and name.lower().startswith("thành phố "):
            name = name[len("thành phố "):]
        out.append(Province(code=f"{int(p.code):02d}", name=name, type=kind))
    return tuple(sorted(out, key=lambda p: p.code))


@lru_cache(maxsize=64)
def communes(province_code: str) -> tuple[Unit, ...]:
    """The commune-level units of one province since 1 July 2025, by code."""
    vp = _package()
    province = next(p for p in provinces() if p.code == province_code)
    out = []
    for w in vp.Ward.iter_by_province(vp.ProvinceCode(int(province_code))):
        kind, name = _split_type(nfc(w.name), ("xã", "phường", "đặc khu"))
        name = _capitalised(name)
        out.append(Unit(code=f"{int(w.code):05d}", name=name, type=kind or w.division_type.value,
                        province=province.name))
    return tuple(sorted(out, key=lambda u: u.code))


@lru_cache(maxsize=1)
def all_communes() -> dict[str, Unit]:
    """Code → unit, for the whole 2025 list (3,321 units)."""
    return {u.code: u for p in provinces() for u in communes(p.code)}


# Nghị quyết 202/2025/QH15 (from 1 July 2025): each of the 63 provinces of before → the
# 2025 province it is part of; the 11 unchanged ones are their own. Thừa Thiên Huế became
# Thành phố Huế on 1 January 2025 (Nghị quyết 1314/NQ-UBTVQH15).
MERGED_2025 = {
    "Hà Giang": "Tuyên Quang", "Yên Bái": "Lào Cai", "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ", "Hòa Bình": "Phú Thọ", "Bắc Giang": "Bắc Ninh",
    "Thái Bình": "Hưng Yên", "Hải Dương": "Hải Phòng", "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình", "Quảng Bình": "Quảng Trị", "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai", "Ninh Thuận": "Khánh Hòa",
    "Đắk Nông": "Lâm Đồng", "Bình Thuận": "Lâm Đồng", "Phú Yên": "Đắk Lắk",
    "Bình Dương": "Hồ Chí Minh", "Bà Rịa - Vũng Tàu": "Hồ Chí Minh", "Bình Phước": "Đồng Nai",
    "Long An": "Tây Ninh", "Sóc Trăng": "Cần Thơ", "Hậu Giang": "Cần Thơ",
    "Bến Tre": "Vĩnh Long", "Trà Vinh": "Vĩnh Long", "Tiền Giang": "Đồng Tháp",
    "Bạc Liêu": "Cà Mau", "Kiên Giang": "An Giang",
}
RENAMED_2025 = {"Thừa Thiên Huế": "Huế", "Thừa Thiên - Huế": "Huế"}
_FORMER_SPELLINGS = {"Bắc Cạn": "Bắc Kạn", "BR-VT": "Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu"}


def _former(wanted: str) -> str:
    """`nay thuộc tỉnh Phú Thọ` for a pre-2025 province `wanted` (folded), or ""."""
    def key(name: str) -> str:  # `Kon Tum`, `Kontum`, `Bà Rịa-Vũng Tàu` agree
        return re.sub(r"[^a-z0-9]", "", _fold(name))

    for old, new in (*MERGED_2025.items(), *RENAMED_2025.items(), *_FORMER_SPELLINGS.items()):
        if key(old) == key(wanted):
            if old in _FORMER_SPELLINGS:
                old, new = new, MERGED_2025[new]
            p = next(p for p in provinces() if p.name == new)
            how, until = ("đổi tên thành", "1/1/2025") if old in RENAMED_2025 else ("hợp nhất vào", "1/7/2025")
            return (f"'{old}' là tỉnh trước {until}, nay {how} {p.title}: "
                    f"dùng --province '{p.name}'")
    return ""


def find_province(text: str) -> Province:
    """The province named by `text`, whatever its tone marks, case or type word
    (`Ha Tinh`, `hà tĩnh`, `Hà Tỉnh`, `tỉnh Hà Tĩnh`, `TP Hồ Chí Minh`, `42`)."""
    wanted = _fold(text)
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp.", "tp ", "t. "):
        if wanted.startswith(prefix):
            wanted = wanted[len(prefix):].strip()
            break
    wanted = {"hcm": "ho chi minh", "tphcm": "ho chi minh", "tp.hcm": "ho chi minh"}.get(wanted, wanted)
    choices = provinces()
    bare = re.sub(r"[^a-z0-9]", "", wanted)  # `Daklak`, `Đắk-Lắk`: the same letters
    found = [p for p in choices if p.code == wanted.zfill(2) or re.sub(r"[^a-z0-9]", "", _fold(p.name)) == bare]
    if len(found) == 1:
        return found[0]
    former = _former(wanted)
    if former:
        raise InputError(Problem(f"không có tỉnh, thành phố '{nfc(text)}' trong danh mục {CURRENT} "
                                 "(34 tỉnh, thành phố)", column="--province", hint=former))
    near = difflib.get_close_matches(wanted, [_fold(p.name) for p in choices], n=3, cutoff=0.6)
    names = [p.name for p in choices if _fold(p.name) in near]
    raise InputError(Problem(
        f"không có tỉnh, thành phố '{nfc(text)}' trong danh mục {CURRENT} (34 tỉnh, thành phố)",
        column="--province",
        hint=(f"có phải: {', '.join(names)}?" if names else
              "ví dụ: --province 'Hà Tĩnh'; danh sách: " + ", ".join(p.name for p in choices))))


def find_commune(province: Province, text: str) -> Unit:
    """A commune of `province` by code or name (tone marks, case, `xã ` prefix forgiven)."""
    units = communes(province.code)
    # The type word is matched with the name, never stripped from the text: `Phuong Liet`
    # is phường Phương Liệt, not a unit named `Liet`.
    wanted, key = " ".join(_fold(text).split()), match_key(text)
    folded = [u for u in units if u.code == text.strip().zfill(5) or wanted in (_fold(u.name), _fold(u.title))]
    exact = [u for u in units if key in (match_key(u.name), match_key(u.title))]
    # A name typed without any tone mark (`Thanh An`, `Xã Thanh An`) may mean xã Thanh An or
    # xã Thạnh An: ask. The type word's marks say nothing about the name's.
    name_part = nfc(text).strip()
    for prefix in ("xa ", "phuong ", "dac khu "):
        if _fold(name_part).startswith(prefix):
            name_part = name_part[len(prefix):]
            break
    plain = strip_diacritics(name_part) == name_part
    found = folded if plain and len(folded) > len(exact) else exact or folded
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise InputError(Problem(
            f"có {len(found)} đơn vị tên '{nfc(text)}' ở {province.title}: "
            + ", ".join(f"{u.title} ({u.code})" for u in found),
            column="--commune", hint="ghi đủ dấu hoặc dùng mã đơn vị"))
    bare = wanted
    for prefix in ("xa ", "phuong ", "dac khu ", "thi tran "):  # `Xã Trần Phú` for phường Trần Phú
        if bare.startswith(prefix):
            bare = bare[len(prefix):]
            break
    other_type = [f"{u.title} ({u.code})" for u in units if _fold(u.name) == bare]
    near = difflib.get_close_matches(bare, [_fold(u.name) for u in units], n=3, cutoff=0.6)
    names = other_type or [u.name for u in units if _fold(u.name) in near]
    old = successors_of_name(text) or successors_of_name(nfc(text).strip()[len(wanted) - len(bare):])
    hint = (f"'{nfc(text)}' là đơn vị trước 1/7/2025, nay thuộc "
            + ", ".join(f"{u.title} ({u.code})" for u in old) if old else
            f"có phải: {', '.join(names)}?" if names else
            f"{province.title} có {len(units)} đơn vị; xem danh sách bằng cchc init DIR --province '{province.name}'")
    raise InputError(Problem(f"không có xã, phường '{nfc(text)}' ở {province.title} (danh mục {CURRENT})",
                             column="--commune", hint=hint))


# ---------------------------------------------------------------- legacy: the shipped lists

def _read_csv(name: str) -> list[dict]:
    with open(_DATA / name, encoding="utf-8", newline="") as fh:
        return [{k: nfc(v) for k, v in row.items()} for row in csv.DictReader(fh)]


@lru_cache(maxsize=1)
def legacy_communes() -> dict[str, Unit]:
    """Code → unit of the pre-2025 list (valid 2020–2024) the package ships."""
    return {r["code"]: Unit(r["code"], r["name"], r["type"], r["province"], r["district"])
            for r in _read_csv("legacy-2024.csv")}


@lru_cache(maxsize=1)
def _lineage() -> dict[str, str]:
    """2024 code → its 2025-07 commune's code."""
    return {r["code_2024"]: r["code_2025_07"] for r in _read_csv("lineage-2024-2025.csv")}


def successor(code_2024: str) -> Unit | None:
    """The 2025-07 commune a pre-2025 unit became part of (lineage data), or None."""
    code = _lineage().get(code_2024)
    if code is None:
        return None
    try:
        return all_communes().get(code)
    except InputError:  # without the package, the lineage file still names the unit
        row = next(r for r in _read_csv("lineage-2024-2025.csv") if r["code_2024"] == code_2024)
        return Unit(code, row["name_2025_07"], row["type_2025_07"], row["province"])


def successors_of_name(name: str) -> list[Unit]:
    """The 2025-07 communes that pre-2025 units of this name became part of."""
    key = match_key(name)
    old = [u for u in legacy_communes().values() if match_key(u.name) == key]
    found = [s for u in old if (s := successor(u.code)) is not None]
    return list({s.code: s for s in found}.values())


def listed(units_date: str) -> dict[str, Unit]:
    """Code → unit of the list of `units_date` (`2025-07` or `legacy`)."""
    return all_communes() if units_date == CURRENT else legacy_communes()
