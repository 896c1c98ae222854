"""What the file is before what it says: not an administrative document at all, or a
package carrying macros."""

from __future__ import annotations

from ...ooxml.reader import has_macros
from ..structure import Doc
from . import Finding, rule


@rule("VB", "Tệp là văn bản hành chính: có Quốc hiệu, Tiêu ngữ, số và ký hiệu, địa danh và ngày tháng",
      "NĐ 30/2020, Điều 8 (thể thức văn bản)", scope="any")
def check_is_document(doc: Doc):
    # One finding instead of one per missing element: a manual or a letterless note is not
    # a badly formatted công văn, it is not an administrative document.
    if doc.mode == "other":
        yield Finding("VB", "tệp không phải văn bản hành chính: không có Quốc hiệu, Tiêu ngữ, số và ký hiệu, "
                            "địa danh và ngày tháng — các quy tắc thể thức không áp dụng", "đầu văn bản")


@rule("MACRO", "Văn bản ban hành không chứa macro (VBA)", "NĐ 30/2020, Điều 5 (văn bản điện tử); "
      "an toàn thông tin, không phải quy tắc thể thức", scope="any")
def check_macros(doc: Doc):
    where = has_macros(doc.pkg.parts)
    if where:
        yield Finding("MACRO", "tệp chứa dự án macro VBA (vbaProject.bin) hoặc khai báo định dạng có macro "
                               "(.docm): macro có thể chạy mã khi mở tệp", where)
