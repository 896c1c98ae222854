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
    if doc.mode == "other" and doc.other_reason == "party":
        yield Finding("VB", "văn bản của tổ chức Đảng (“ĐẢNG CỘNG SẢN VIỆT NAM” thay cho Quốc hiệu): thể thức "
                            "theo Hướng dẫn 36-HD/VPTW, không theo Nghị định 30 — các quy tắc thể thức không áp dụng",
                      "đầu văn bản", fix="kiểm tra văn bản theo Hướng dẫn 36-HD/VPTW của Văn phòng Trung ương Đảng")
    elif doc.mode == "other" and doc.other_reason == "internal":
        yield Finding("VB", "phiếu trình (giải quyết công việc) là giấy tờ nội bộ, không thuộc các loại văn bản "
                            "hành chính của Điều 7 — các quy tắc thể thức không áp dụng", "đầu văn bản",
                      fix="nếu cần trình bằng văn bản hành chính, dùng tờ trình (Mẫu 1.4, ký hiệu TTr)")
    elif doc.mode == "other" and doc.other_reason == "form":
        yield Finding("VB", "tệp là đơn, tờ khai hoặc biểu mẫu (có Quốc hiệu, Tiêu ngữ nhưng không có tên cơ quan "
                            "ban hành), không phải văn bản hành chính — các quy tắc thể thức không áp dụng",
                      "đầu văn bản", fix="nếu là văn bản hành chính, thêm tên cơ quan ban hành và số, ký hiệu "
                                         "ở cột trái phần đầu (Phụ lục I, mục II.2–3)")
    elif doc.mode == "other":
        yield Finding("VB", "tệp không phải văn bản hành chính: không có Quốc hiệu, Tiêu ngữ, số và ký hiệu, "
                            "địa danh và ngày tháng — các quy tắc thể thức không áp dụng", "đầu văn bản")


@rule("MACRO", "Văn bản ban hành không chứa macro (VBA)", "NĐ 30/2020, Điều 5 (văn bản điện tử); "
      "an toàn thông tin, không phải quy tắc thể thức", scope="any")
def check_macros(doc: Doc):
    where = has_macros(doc.pkg.parts)
    if where:
        yield Finding("MACRO", "tệp chứa dự án macro VBA (vbaProject.bin) hoặc khai báo định dạng có macro "
                               "(.docm): macro có thể chạy mã khi mở tệp", where)
