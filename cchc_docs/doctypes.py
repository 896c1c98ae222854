"""Decree 30's document types and their ký hiệu abbreviations (Phụ lục III §I), once.

The checker recognises a document's type from its title or ký hiệu, the register names the
type of what it numbers, generators write their own ký hiệu: all from this table. Mixed
case (CTr, TTr, QyĐ, TrS) is official. Công văn and thư công have no abbreviation.
"""

from __future__ import annotations

# (name as a title prints it, abbreviation or None)
TYPES: tuple[tuple[str, str | None], ...] = (
    ("Nghị quyết", "NQ"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Quy chế", "QC"),
    ("Quy định", "QyĐ"), ("Thông cáo", "TC"), ("Thông báo", "TB"), ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"), ("Kế hoạch", "KH"), ("Phương án", "PA"), ("Đề án", "ĐA"),
    ("Dự án", "DA"), ("Báo cáo", "BC"), ("Biên bản", "BB"), ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"), ("Công điện", "CĐ"), ("Bản ghi nhớ", "BGN"), ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"), ("Giấy mời", "GM"), ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"), ("Phiếu gửi", "PG"), ("Phiếu chuyển", "PC"), ("Phiếu báo", "PB"),
    ("Bản sao y", "SY"), ("Bản trích sao", "TrS"), ("Bản sao lục", "SL"),
    ("Công văn", None), ("Thư công", None),
)

CONG_VAN = "Công văn"
BAO_CAO = "Báo cáo"

ABBREVIATION: dict[str, str | None] = dict(TYPES)
BY_ABBREVIATION: dict[str, str] = {abbr: name for name, abbr in TYPES if abbr}


def upper(name: str) -> str:
    """The title as the decree prints it: `BÁO CÁO`."""
    return name.upper()
