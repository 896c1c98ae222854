"""Who issues a workspace's documents, per level of government since 1 July 2025.

Three issuers a clerk asks for by name: a province's People's Committee (its Sở Nội vụ
drafts: `Số: …/UBND-NV`), a department of the province (`Sở Nội vụ`: `Số: …/SNV-CCHC`,
under `UBND TỈNH …`), and a commune's People's Committee (its Văn phòng drafts:
`…/UBND-VP`), which addresses its thôn, tổ dân phố. Decree 30 PL III: a công văn's ký
hiệu is the issuer's abbreviation and the drafting unit's; the head of the agency may set
others, so every value lands in cchc.toml where the clerk can change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vn import match_key, nfc
from .catalogue import Province, Unit


@dataclass(frozen=True)
class Issuer:
    level: str  # province, agency, commune
    parent: str  # tên cơ quan chủ quản, "" for a People's Committee
    name: str  # tên cơ quan ban hành, upper case
    title: str  # how the body names the issuer: Ủy ban nhân dân tỉnh
    short: str  # UBND tỉnh
    place: str  # địa danh of the date line
    abbr: str
    office_abbr: str
    office: str
    province: str
    commune_parent: str  # chủ quản line of the subordinate units' forms
    signer_authority: str
    signer_position: str
    report_to: str
    recipients: tuple[str, ...]
    copies: tuple[str, ...]
    plan_by: str = ""  # whose CCHC plan the letter cites: Ủy ban nhân dân tỉnh Hà Tĩnh


# Units of the 2025 list named after a person or a historical event (Decree 30 PL I ô4:
# their địa danh is the full name, `Phường Trần Phú`). Names that are also ordinary place
# names (Chi Lăng, Đống Đa, Ba Đình, Phú Xuân) are left out: there the place is meant.
NAMED_AFTER = frozenset(match_key(n) for n in (
    "Hồ Chí Minh", "Hai Bà Trưng", "Trần Phú", "Quang Trung", "Bế Văn Đàn", "Nguyễn Huệ", "Kim Đồng",
    "Minh Khai", "Lê Lợi", "Tô Hiệu", "Phan Đình Phùng", "Hoàng Văn Thụ", "Lê Thanh Nghị", "Chu Văn An",
    "Nguyễn Trãi", "Trần Hưng Đạo", "Trần Nhân Tông", "Lê Đại Hành", "Yết Kiêu", "Ngô Quyền", "Lê Chân",
    "Nguyễn Bỉnh Khiêm", "Nguyễn Văn Linh", "Phạm Ngũ Lão", "Hoàng Hoa Thám", "Trần Lãm", "Nguyễn Du",
    "Lê Quý Đôn", "Lý Thường Kiệt", "Nguyễn Nghiêm", "Trần Văn Thời", "Nùng Trí Cao", "Lương Văn Tri",
    "Phạm Sư Mạnh", "Nguyễn Đại Năng", "Nguyễn Lương Bằng", "Lê Ích Mộc", "Triệu Việt Vương", "Hà Huy Tập",
    "Trương Quang Trọng", "Đặng Thùy Trâm", "Dương Minh Châu", "Hồ Đắc Kiện", "Lý Văn Lâm", "Hồ Thị Kỷ",
    "Lương Thế Trân", "Nguyễn Việt Khái", "Phan Ngọc Hiển", "Điện Biên Phủ", "Đồng Khởi"))


def place_name(unit_type: str, name: str) -> str:
    """Địa danh of a date line (Decree 30 PL I ô4): the unit's name; a unit named by a
    number, after a person or an event carries its type (`Xã Sơn Kim 1`, `Thành phố Hồ Chí
    Minh`, `Phường Trần Phú`, `Phường Điện Biên Phủ`)."""
    name = nfc(name)
    if re.search(r"\d", name) or match_key(name) in NAMED_AFTER:
        t = nfc(unit_type)
        return f"{t[:1].upper()}{t[1:]} {name}"
    return name


def province_committee(p: Province, unit_types: list[str]) -> Issuer:
    units = ", ".join(dict.fromkeys(unit_types)) or "xã, phường"
    return Issuer(
        level="province", parent="", name=f"ỦY BAN NHÂN DÂN {p.title.upper()}",
        title=f"Ủy ban nhân dân {p.type}", short=f"UBND {p.type}", place=place_name(p.type, p.name),
        abbr="UBND", office_abbr="NV", office="Sở Nội vụ", province=p.name, commune_parent="",
        signer_authority="TM. ỦY BAN NHÂN DÂN", signer_position="CHỦ TỊCH", report_to="Bộ Nội vụ",
        recipients=("Các sở, ban, ngành cấp tỉnh", f"Ủy ban nhân dân các {units}"),
        copies=("Bộ Nội vụ (để b/c)", f"Chủ tịch, các PCT UBND {p.type}", "Sở Nội vụ"),
        plan_by=f"Ủy ban nhân dân {p.title}")


def department(p: Province, agency: str, unit_types: list[str]) -> Issuer:
    """A specialised agency of the province's People's Committee (`Sở Nội vụ`, `Văn phòng
    UBND tỉnh`…: agencies.py), headed `UBND TỈNH X` / `SỞ NỘI VỤ`."""
    from .agencies import find_agency, header_name, title

    a = find_agency(agency)
    name = title(a, p.type)
    units = ", ".join(dict.fromkeys(unit_types)) or "xã, phường"
    head = "Chánh Văn phòng, các Phó Chánh Văn phòng" if a.abbr == "VP" else \
        "Chánh Thanh tra, các Phó Chánh Thanh tra" if a.abbr == "TTT" else "Giám đốc, các Phó Giám đốc Sở"
    return Issuer(
        level="agency", parent=f"UBND {p.title.upper()}", name=header_name(a, p.type), title=name, short=name,
        place=place_name(p.type, p.name), abbr=a.abbr, office_abbr=a.office_abbr, office=a.office,
        province=p.name, commune_parent="", signer_authority="",
        signer_position={"VP": "CHÁNH VĂN PHÒNG", "TTT": "CHÁNH THANH TRA"}.get(a.abbr, "GIÁM ĐỐC"),
        report_to=f"Ủy ban nhân dân {p.title}",
        recipients=(f"Ủy ban nhân dân các {units}",),
        copies=(f"UBND {p.type} (để b/c)", head),
        plan_by=f"Ủy ban nhân dân {p.title}")


def commune_committee(p: Province, c: Unit, village_types: list[str]) -> Issuer:
    villages = ", ".join(dict.fromkeys(village_types)) or "thôn, tổ dân phố"
    return Issuer(
        level="commune", parent="", name=f"ỦY BAN NHÂN DÂN {c.title.upper()}",
        title=f"Ủy ban nhân dân {c.type}", short=f"UBND {c.type}", place=place_name(c.type, c.name),
        abbr="UBND", office_abbr="VP", office=f"Văn phòng HĐND và UBND {c.type}", province=p.name,
        commune_parent=f"UBND {c.title.upper()}",
        signer_authority="TM. ỦY BAN NHÂN DÂN", signer_position="CHỦ TỊCH",
        report_to=f"Sở Nội vụ {p.title}",
        recipients=(f"Trưởng các {villages}",),
        copies=(f"UBND {p.title} (qua Sở Nội vụ, để b/c)", f"Chủ tịch, các PCT UBND {c.type}"),
        plan_by=f"Ủy ban nhân dân {c.title}")
