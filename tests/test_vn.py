import datetime as dt
from decimal import Decimal

import pytest

from cchc_docs.vn import (format_count, format_date_line, format_date_short, format_percent,
                          match_key, nfc, parse_date, parse_value, slugify, vn_sorted)
from cchc_docs.vn.units import plural_label


def test_tone_mark_placement_case_and_form_do_not_change_a_name():
    import unicodedata
    assert match_key("An Hoà Thịnh") == match_key("an hòa  thịnh")
    assert match_key("Lâm Trung Thuỷ") == match_key("LÂM TRUNG THỦY")
    assert match_key(unicodedata.normalize("NFD", "Sơn Lĩnh")) == match_key("Sơn Lĩnh")
    # Letters and tones still matter: these are different names.
    assert match_key("Sơn Long") != match_key("Son Long")
    assert match_key("Sơn Lễ") != match_key("Sơn Lê")


def test_vietnamese_alphabet_order():
    names = ["Đức Thọ", "Dương Hà", "Ân Thi", "Ăn Khê", "An Hòa", "Sơn Kim 2", "Sơn Bằng", "Tây Sơn", "Sơn Châu"]
    assert vn_sorted(names) == ["An Hòa", "Ăn Khê", "Ân Thi", "Dương Hà", "Đức Thọ",
                                "Sơn Bằng", "Sơn Châu", "Sơn Kim 2", "Tây Sơn"]
    # Tones rank after letters: ngang, huyền, sắc, hỏi, ngã, nặng.
    assert vn_sorted(["Má", "Mạ", "Ma", "Mà", "Mã", "Mả"]) == ["Ma", "Mà", "Má", "Mả", "Mã", "Mạ"]


def test_dates_the_decree_30_way():
    assert format_date_line(dt.date(2024, 7, 5)) == "ngày 05 tháng 7 năm 2024"
    assert format_date_line(dt.date(2020, 1, 5)) == "ngày 05 tháng 01 năm 2020"
    assert format_date_line(dt.date(2019, 6, 29)) == "ngày 29 tháng 6 năm 2019"
    assert format_date_line(dt.date(2024, 2, 10)) == "ngày 10 tháng 02 năm 2024"
    assert format_date_short(dt.date(2024, 8, 30)) == "30/8/2024"
    assert format_date_short(dt.date(2024, 1, 10)) == "10/01/2024"
    assert parse_date("30/8/2024") == dt.date(2024, 8, 30)
    assert parse_date("2024-08-30") == dt.date(2024, 8, 30)
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("30 tháng 8")


def test_numbers_with_decimal_comma():
    assert parse_value("15,58%") == (Decimal("15.58"), True)
    assert parse_value("15,58") == (Decimal("15.58"), False)
    assert parse_value("1.000") == (Decimal("1000"), False)
    assert parse_value("x") == (None, False)
    with pytest.raises(ValueError):
        parse_value("mười")
    assert format_percent(Decimal("15.58")) == "15,58%"
    assert format_percent(Decimal("75.0")) == "75%"
    assert format_count(5) == "05" and format_count(13) == "13"


def test_text_hygiene_and_slugs():
    assert nfc("  Sơn\u00a0 Kim\x0b 1 \ue000") == "Sơn Kim 1"
    assert slugify("Sơn Kim 1") == "son-kim-1"
    assert slugify("Đặc khu Côn Đảo") == "dac-khu-con-dao"
    assert "/" not in slugify("../../etc/passwd")


def test_unit_labels():
    assert plural_label(["xã", "xã"]) == "Các xã"
    assert plural_label(["thị trấn", "xã"]) == "Các xã, thị trấn"
    assert plural_label(["phường", "đặc khu", "xã"]) == "Các xã, phường, đặc khu"
