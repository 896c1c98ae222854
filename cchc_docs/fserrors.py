"""What the operating system said, in the clerk's words: which file, what is wrong, what to do.

Every front turns an OSError into a CchcError (exit 2) through `problem`; exit 1 is kept
for "the checker found violations", so a full disk must never look like one.
"""

from __future__ import annotations

import errno

_WHAT = {
    errno.EACCES: ("không có quyền ghi hoặc đọc", "chọn thư mục khác (-o DIR) hoặc xin quyền ghi thư mục đó"),
    errno.EPERM: ("hệ điều hành không cho phép thao tác này",
                  "tệp có thể đang được mở trong Word hoặc chương trình khác: đóng tệp rồi chạy lại"),
    errno.ENOSPC: ("ổ đĩa đã đầy", "giải phóng dung lượng ổ đĩa rồi chạy lại; không tệp dở dang nào được giữ lại"),
    errno.EDQUOT: ("đã hết hạn mức dung lượng của tài khoản", "xóa bớt tệp hoặc xin thêm hạn mức rồi chạy lại"),
    errno.EISDIR: ("ở chỗ của tệp lại là một thư mục", "đổi tên hoặc xóa thư mục đó rồi chạy lại"),
    errno.ENOTDIR: ("một phần của đường dẫn là tệp, không phải thư mục", "kiểm tra lại đường dẫn"),
    errno.EROFS: ("ổ đĩa chỉ cho đọc", "chọn thư mục khác để ghi (-o DIR)"),
    errno.ENOENT: ("không tìm thấy tệp hoặc thư mục", "kiểm tra lại đường dẫn"),
    errno.EBUSY: ("tệp đang bị chương trình khác giữ", "đóng tệp trong Word hoặc chương trình khác rồi chạy lại"),
    errno.ENAMETOOLONG: ("tên tệp hoặc đường dẫn quá dài", "dùng thư mục có đường dẫn ngắn hơn"),
    errno.EMFILE: ("mở quá nhiều tệp cùng lúc", "đóng bớt chương trình rồi chạy lại (với cchc forms: giảm --jobs)"),
}


def reason(exc: OSError) -> str:
    """Why a file could not be read or written, in Vietnamese (the OS's words as a last resort)."""
    message, _ = _WHAT.get(exc.errno, (None, None))
    if message is None and (isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in (5, 32, 33)):
        message = _WHAT[errno.EPERM][0]
    return message or f"lỗi hệ điều hành: {exc.strerror or exc}"


def problem(exc: OSError):
    """A Problem naming the file and what to do; the OS's own words only as a last resort."""
    from .errors import Problem

    where = exc.filename if exc.filename is not None else None
    if exc.filename2 is not None:
        where = f"{exc.filename} → {exc.filename2}"
    message, hint = _WHAT.get(exc.errno, (None, None))
    if message is None:
        if isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in (5, 32, 33):
            message, hint = _WHAT[errno.EPERM]
        else:
            message = f"lỗi hệ điều hành khi đọc/ghi tệp ({exc.strerror or exc})"
            hint = "kiểm tra ổ đĩa và quyền truy cập rồi chạy lại"
    return Problem(message, file=str(where) if where is not None else None, hint=hint)
