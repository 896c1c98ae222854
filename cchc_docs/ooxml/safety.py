"""The one way this project reads XML and zip packages that somebody else wrote.

Every .docx/.xlsx from outside (drafts to number, returned forms, documents to check) goes
through `parse_xml` and `open_zip`/`read_members`: one parser configuration (no DTD, no
entities, no network, no huge trees) and one set of zip limits, so the checker, the returns
reader and the register can never disagree about a hostile file.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
import zlib

from ..errors import DocumentError

# Limits for packages nobody here wrote (zip bombs, oversized parts).
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_PARTS = 5000
MAX_DEPTH = 256  # element nesting; Word documents stay far below

DOCTYPE_MESSAGE = ("có khai báo DOCTYPE/ENTITY — Word và Excel không bao giờ ghi như vậy, "
                   "tệp bị từ chối (có thể là tệp độc hại)")

_LOCAL = threading.local()
# `<!DOCTYPE` / `<!ENTITY` in UTF-8 or either UTF-16 byte order.
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)|<\x00!\x00(?:D\x00O\x00C|E\x00N\x00T)|\x00<\x00!\x00(?:D\x00O|E\x00N)")


class PackageError(DocumentError):
    """The file is not a readable package; the message says why, in Vietnamese."""


def has_dtd(data: bytes) -> bool:
    # `in` scans at memchr speed; the regex only runs when a `<!` (UTF-8 or UTF-16) is there at
    # all, which Word never writes outside CDATA: 33 MB parts are read in milliseconds, not 0,2 s.
    if b"<!" not in data and b"<\x00!" not in data and b"\x00<\x00!" not in data:
        return False
    return _DTD.search(data) is not None


def _parser():
    # One parser per thread: lxml parser objects must not be shared between threads.
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        from lxml import etree

        parser = _LOCAL.parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
            huge_tree=False, remove_comments=True, remove_pis=True)
    return parser


def parse_xml(data: bytes, name: str):
    """Root element of a part nobody here wrote; a DTD or broken XML is a PackageError."""
    from lxml import etree

    if has_dtd(data):
        raise PackageError(f"phần {name} {DOCTYPE_MESSAGE}")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"phần {name} không phải XML hợp lệ ({_explain(exc)})") from None
    except ValueError as exc:  # lxml refuses some inputs (a str with an encoding declaration)
        raise PackageError(f"phần {name} không đọc được ({exc})") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise PackageError(f"phần {name} {DOCTYPE_MESSAGE}")
    return root


# libxml2's messages, said in Vietnamese: what went wrong and what the user can do about it.
_CAUSES = (
    (("premature end", "extra content at the end", "eof"), "phần này bị cắt cụt (tệp tải về hoặc chép chưa xong)"),
    (("tag mismatch", "opening and ending tag"), "thẻ mở và thẻ đóng không khớp nhau (tệp bị sửa tay hoặc hỏng)"),
    (("not proper utf-8", "encoding", "char 0x", "invalid character", "pcdata invalid", "char out of range"),
     "có ký tự sai bảng mã hoặc ký tự điều khiển không hợp lệ"),
    (("namespace", "xmlns"), "dùng tiền tố không khai báo (namespace)"),
    (("excessive depth", "depth"), "lồng nhau quá sâu"),
    (("huge", "too large", "memory"), "một phần tử quá lớn"),
    (("start tag expected", "document is empty", "'<' not found"), "không có nội dung XML (tệp rỗng hoặc không phải XML)"),
    (("attribute", "attvalue"), "thuộc tính viết sai (thiếu dấu nháy hoặc lặp thuộc tính)"),
    (("entity", "entityref"), "có ký hiệu & không hợp lệ"),
)


def _explain(exc) -> str:
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "position", (None, None))[1] if hasattr(exc, "position") else None
    where = f"dòng {line}" + (f", cột {col}" if col else "") if line else "vị trí không rõ"
    text = str(getattr(exc, "msg", "") or exc).lower()
    cause = next((vi for keys, vi in _CAUSES if any(k in text for k in keys)), "cấu trúc XML sai")
    return (f"lỗi cú pháp XML ở {where}: {cause}; tệp bị hỏng hoặc không do Word/Excel ghi — "
            "mở bằng Word, lưu lại thành tệp mới rồi gửi lại")


def open_zip(data: bytes) -> zipfile.ZipFile:
    """A zip of bytes, checked against the limits before anything is inflated."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PackageError("không phải tệp Word .docx hay Excel .xlsx (không đọc được gói zip)") from None
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise PackageError(f"gói có {len(infos)} phần, quá nhiều cho một văn bản")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise PackageError("tệp bị mã hóa (đặt mật khẩu), không mở được")
        if info.file_size > MAX_PART_BYTES:
            raise PackageError(f"phần {info.filename} quá lớn ({info.file_size} byte)")
        if info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            raise PackageError(f"phần {info.filename} nén bất thường (nghi zip bomb)")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise PackageError("gói giải nén quá lớn (nghi zip bomb)")
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One member, never more than its declared size (a lying header cannot inflate further)."""
    try:
        with zf.open(info) as fh:
            data = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError):
        raise PackageError(f"phần {info.filename} hỏng hoặc bị mã hóa") from None
    if len(data) > info.file_size:
        raise PackageError(f"phần {info.filename} lớn hơn khai báo (nghi zip bomb)")
    if info.filename.endswith((".xml", ".rels")) and has_dtd(data):
        raise PackageError(f"phần {info.filename} {DOCTYPE_MESSAGE}")
    return data


def read_members(data: bytes) -> dict[str, bytes]:
    """All file members of a zip, in stored order, under the limits, XML parts DTD-free."""
    with open_zip(data) as zf:
        return {info.filename: read_member(zf, info) for info in zf.infolist() if not info.is_dir()}
