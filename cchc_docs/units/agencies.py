"""The specialised agencies of a province's People's Committee since 1 July 2025, for
`cchc init --province P --agency A`.

Nghị định 45/2025/NĐ-CP (cơ quan chuyên môn thuộc UBND cấp tỉnh): twelve in every
province, a few more where the province set them up (Sở Dân tộc và Tôn giáo, Sở Ngoại vụ;
Hà Nội and Thành phố Hồ Chí Minh: Sở Văn hóa và Thể thao, Sở Du lịch, Sở Quy hoạch - Kiến
trúc). The list is national: which of the optional ones a province has is not in the data,
so any of them is accepted. Ký hiệu (Decree 30 PL III): the abbreviation the agencies
themselves use (`SGDĐT`, `SNgV`: Ngoại vụ would otherwise read as Nội vụ; `TTT`, as `TTr` is the
abbreviation of a tờ trình), then the drafting
unit; every value lands in cchc.toml where the clerk can change it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..errors import InputError, Problem
from ..vn import nfc
from ..vn.text import strip_diacritics


@dataclass(frozen=True)
class Agency:
    name: str  # Sở Giáo dục và Đào tạo, Văn phòng UBND tỉnh
    abbr: str  # SGDĐT
    office: str  # the drafting unit
    office_abbr: str
    header: str = ""  # the header's name line when it is not the name itself (VĂN PHÒNG)
    aliases: tuple[str, ...] = ()


_VP = "Văn phòng Sở"
AGENCIES = (
    Agency("Văn phòng Ủy ban nhân dân tỉnh", "VP", "Phòng Tổng hợp", "TH", header="VĂN PHÒNG",
           aliases=("Văn phòng UBND tỉnh", "Văn phòng UBND", "VP UBND tỉnh", "VP UBND", "Văn phòng")),
    Agency("Sở Nội vụ", "SNV", "Phòng Cải cách hành chính", "CCHC"),
    Agency("Sở Tư pháp", "STP", _VP, "VP"),
    Agency("Sở Tài chính", "STC", _VP, "VP"),
    Agency("Sở Công Thương", "SCT", _VP, "VP"),
    Agency("Sở Nông nghiệp và Môi trường", "SNNMT", _VP, "VP"),
    Agency("Sở Xây dựng", "SXD", _VP, "VP"),
    Agency("Sở Khoa học và Công nghệ", "SKHCN", _VP, "VP"),
    Agency("Sở Giáo dục và Đào tạo", "SGDĐT", _VP, "VP"),
    Agency("Sở Y tế", "SYT", _VP, "VP"),
    Agency("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", _VP, "VP"),
    Agency("Thanh tra tỉnh", "TTT", "Văn phòng", "VP", aliases=("Thanh tra",)),
    Agency("Sở Dân tộc và Tôn giáo", "SDTTG", _VP, "VP"),
    Agency("Sở Ngoại vụ", "SNgV", _VP, "VP"),
    Agency("Sở Văn hóa và Thể thao", "SVHTT", _VP, "VP"),
    Agency("Sở Du lịch", "SDL", _VP, "VP"),
    Agency("Sở Quy hoạch - Kiến trúc", "SQHKT", _VP, "VP", aliases=("Sở Quy hoạch Kiến trúc",)),
)


def _key(text: str) -> str:
    """Tone marks, case, punctuation, `UBND`/`Ủy ban nhân dân` and the province's type word
    forgiven: `so giao duc va dao tao`, `Văn phòng UBND TP` agree with the table."""
    t = strip_diacritics(nfc(text)).lower().replace("đ", "d")
    t = re.sub(r"[^a-z0-9 ]", " ", t)
    t = re.sub(r"\buy ban nhan dan\b", "ubnd", t)
    t = re.sub(r"\b(tinh|thanh pho|tp)\s*$", "", t.strip())
    return " ".join(t.split())


# Agencies of before the 2025 reorganisation (Nghị định 45/2025/NĐ-CP) → the one now doing their work.
FORMER = {
    "Sở Kế hoạch và Đầu tư": "Sở Tài chính", "Sở Lao động - Thương binh và Xã hội": "Sở Nội vụ",
    "Sở Thông tin và Truyền thông": "Sở Khoa học và Công nghệ", "Sở Giao thông vận tải": "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn": "Sở Nông nghiệp và Môi trường",
    "Ban Dân tộc": "Sở Dân tộc và Tôn giáo",
}


def _names(a: Agency) -> tuple[str, ...]:
    return (a.name, *a.aliases)


def find_agency(text: str) -> Agency:
    """The agency `text` names, or exit 2 with the nearest names (`Sở Tài chánh`)."""
    wanted = _key(text)
    for a in AGENCIES:  # the name, an alias, or its abbreviation (`Sở GD&ĐT`, `SGDĐT`)
        abbr = _key(a.abbr)
        if any(_key(n) == wanted for n in _names(a)) or wanted.replace(" ", "") in (abbr, "so" + abbr[1:]):
            return a
    for old, new in FORMER.items():
        if _key(old) == wanted:
            raise InputError(Problem(
                f"'{nfc(text)}' là cơ quan trước khi sắp xếp năm 2025 (Nghị định 45/2025/NĐ-CP)",
                column="--agency", hint=f"nhiệm vụ nay thuộc {new}: dùng --agency '{new}'"))
    keys = {_key(n): a for a in AGENCIES for n in _names(a)}
    near = difflib.get_close_matches(wanted, list(keys), n=3, cutoff=0.75)
    names = list(dict.fromkeys(keys[k].name for k in near))
    listing = ", ".join(a.name for a in AGENCIES)
    raise InputError(Problem(
        f"không có cơ quan '{nfc(text)}' trong các cơ quan chuyên môn của Ủy ban nhân dân tỉnh",
        column="--agency",
        hint=(f"có phải: {', '.join(names)}?" if names else
              f"--agency nhận một trong: {listing}; Ủy ban nhân dân tỉnh: bỏ --agency; xã, phường: --commune")))


def title(a: Agency, province_type: str) -> str:
    """The agency's name in running text: `Văn phòng Ủy ban nhân dân thành phố`, `Sở Y tế`."""
    return re.sub(r"\btỉnh$", province_type, a.name)


def header_name(a: Agency, province_type: str) -> str:
    """The name line of the header: `SỞ Y TẾ`, `VĂN PHÒNG`, `THANH TRA THÀNH PHỐ`."""
    return (a.header or title(a, province_type)).upper()
