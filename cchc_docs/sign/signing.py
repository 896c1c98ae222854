"""Sign a PDF as the decree's four kinds of electronic signature (PAdES with pyHanko).

    signer      the competent person: his blue signature image centred between his position
                line and his name (PL I, II.7.d); number/date fields are added first
    agency      the agency: the red seal image at real size over the left third of the
                signer's image (II.8.a); fills the number and date when given
    attachment  a separate attachment: no image, top right of page 1, TNR 10 pt: the number
                and symbol and the signing time (II.8.b)
    copy        an electronic copy: no image, top right of page 1: `SAO Y`, the agency, the time

The time on the page and the signature's signing time are the same instant, in Vietnam
time, written `05.07.2024 10:15:20 +07:00`.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import CchcError, DocumentError, InputError, Problem
from . import fields as fld
from .layout import Box, find_issue_slots, find_signer_block, read_layout, top_right_box

ROLES = ("signer", "agency", "attachment", "copy")
FIELD = {"signer": "cchc-ky-nguoi-ky", "agency": "cchc-ky-co-quan",
         "attachment": "cchc-ky-kem-theo", "copy": "cchc-ky-sao-y"}
ROLE_OF_FIELD = {v: k for k, v in FIELD.items()}
REASON = {"signer": "Ký ban hành văn bản", "agency": "Ký số của cơ quan ban hành",
          "attachment": "Ký số tệp kèm theo văn bản", "copy": "Sao y bản chính"}
VN_TZ = dt.timezone(dt.timedelta(hours=7), "+07:00")
SEAL_MM = 36.0             # a commune/district seal is 35-40 mm across
TEXT_PT = 10                # Times New Roman 10 pt (PL I, II.8.b); an int: pyHanko layout uses fractions
MAX_PDF_BYTES = 64 << 20
MAX_IMAGE_BYTES = 4 << 20


def format_time(when: dt.datetime) -> str:
    return when.astimezone(VN_TZ).strftime("%d.%m.%Y %H:%M:%S +07:00")


def stamp_lines(role: str, when: dt.datetime, number_label: str | None = None,
                agency_name: str | None = None) -> list[str]:
    if role == "attachment":
        return [number_label, format_time(when)]
    if role == "copy":
        return ["SAO Y", agency_name, format_time(when)]
    return []


# --- placement ----------------------------------------------------------------------------


def png_size(path) -> tuple[int, int]:
    """Width and height of a transparent PNG, or an InputError the clerk can act on."""
    from PIL import Image, UnidentifiedImageError

    p = Path(path)
    if not p.is_file():
        raise InputError(Problem("không tìm thấy tệp ảnh", file=str(p)))
    if p.stat().st_size > MAX_IMAGE_BYTES:
        raise InputError(Problem("ảnh quá lớn (tối đa 4 MB)", file=str(p)))
    try:
        with Image.open(p) as im:
            fmt, mode, size, info = im.format, im.mode, im.size, im.info
    except (UnidentifiedImageError, OSError):
        raise InputError(Problem("tệp không phải ảnh PNG", file=str(p))) from None
    if fmt != "PNG" or not (mode in ("RGBA", "LA", "PA") or "transparency" in info):
        raise InputError(Problem("ảnh chữ ký/con dấu phải là PNG nền trong suốt", file=str(p),
                                 hint="Nghị định 30, Phụ lục I: hình ảnh định dạng .png nền trong suốt"))
    if max(size) > 6000:
        raise InputError(Problem("ảnh quá lớn (tối đa 6000 điểm ảnh mỗi chiều)", file=str(p)))
    return size


def signer_image_box(gap: Box, centre_x: float, image_size: tuple[int, int]) -> Box:
    """The image centred between the position line and the name, filling the height of the
    space (a little margin) and never wider than the signer's column."""
    w_px, h_px = image_size
    max_h = max(gap.height - 6, 10)
    max_w = max(gap.width, 140)
    scale = min(max_h / h_px, max_w / w_px)
    w, h = w_px * scale, h_px * scale
    cy = gap.cy
    return Box(centre_x - w / 2, cy - h / 2, centre_x + w / 2, cy + h / 2)


def seal_box(signer_box: Box, seal_mm: float = SEAL_MM, image_size: tuple[int, int] = (1, 1)) -> Box:
    """The seal at real size, its right edge one third into the signer's image, same centre height."""
    side = seal_mm * 72 / 25.4
    w_px, h_px = image_size
    w, h = (side, side * h_px / w_px) if w_px >= h_px else (side * w_px / h_px, side)
    right = signer_box.x0 + signer_box.width / 3
    return Box(right - w, signer_box.cy - h / 2, right, signer_box.cy + h / 2)


def _existing_rect(reader, field_name: str):
    try:
        form_fields = reader.root["/AcroForm"]["/Fields"]
    except KeyError:
        return None
    for ref in form_fields:
        obj = ref.get_object()
        if str(obj.get("/T", "")) == field_name:
            return Box(*(float(v) for v in obj["/Rect"])), obj
    return None


def _number_on_page(pages) -> str | None:
    for line in pages[0].lines if pages else []:
        w = [x.text for x in line.words]
        if w and w[0] == "Số:" and len(w) > 1 and w[1][:1].isdigit():
            return w[1]
    return None


# --- signing ------------------------------------------------------------------------------


@dataclass
class Signed:
    data: bytes
    role: str
    page: int
    box: Box
    when: dt.datetime
    lines: list[str]


def _image_style(png: Path):
    from pyhanko import stamp
    from pyhanko.pdf_utils.images import PdfImage

    return stamp.StaticStampStyle(background=PdfImage(str(png)), background_opacity=1.0, border_width=0)


def _text_style(lines: list[str]):
    from pyhanko import stamp
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle

    from .fonts import times_font

    tb = TextBoxStyle(font=GlyphAccumulatorFactory(str(times_font()), font_size=TEXT_PT), font_size=TEXT_PT,
                      leading=12, text_color=(0, 0, 0))
    return stamp.TextStampStyle(
        stamp_text="\n".join(line.replace("%", "%%") for line in lines), text_box_style=tb, border_width=0,
        background=None, inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MAX, y_align=layout.AxisAlignment.ALIGN_MAX,
            margins=layout.Margins(0, 0, 0, 0), inner_content_scaling=layout.InnerScaling.NO_SCALING))


def _pdf_signer_class():
    from pyhanko.sign import signers

    class TimedPdfSigner(signers.PdfSigner):
        """pyHanko takes the time inside the signing session; the page shows a time written
        before, so both are set to one instant."""

        when: dt.datetime

        def init_signing_session(self, *args, **kwargs):
            session = super().init_signing_session(*args, **kwargs)
            session.system_time = self.when
            return session

    return TimedPdfSigner


def open_writer(data: bytes, name: str = "PDF"):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError

    if len(data) > MAX_PDF_BYTES:
        raise DocumentError(Problem("tệp PDF quá lớn (tối đa 64 MB)", file=name))
    if not data.startswith(b"%PDF-"):
        raise DocumentError(Problem("tệp không phải PDF", file=name))
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(Problem(f"không đọc được PDF: {exc}", file=name)) from None
    if writer.prev.encrypted:
        raise DocumentError(Problem("PDF được mã hóa; hãy ký bản không mã hóa", file=name))
    return writer


def sign_pdf(data: bytes, signer, role: str, *, image=None, number_label: str | None = None,
             agency_name: str | None = None, issue: tuple[int, dt.date] | None = None,
             tsa_url: str | None = None, seal_mm: float = SEAL_MM, name: str = "PDF",
             when: dt.datetime | None = None) -> Signed:
    """Sign `data` (PDF bytes) as `role`; returns the new PDF (an incremental update)."""
    from pyhanko.sign import fields as sigfields, signers
    from pyhanko.sign.timestamps import HTTPTimeStamper

    if role not in ROLES:
        raise InputError(Problem(f"kiểu chữ ký '{role}' không có; chọn một trong: {', '.join(ROLES)}"))
    writer = open_writer(data, name)
    if _existing_rect(writer.prev, FIELD[role]):
        raise DocumentError(Problem(f"PDF đã có chữ ký loại '{role}'", file=name))
    count = int(writer.prev.root["/Pages"]["/Count"])
    # Only the pages we place on: page 1 (number, date, top right) and the last (signer block).
    wanted = {"signer": (1, count), "agency": (count, count)}.get(role, (1, 1))
    pages = read_layout(data, name, pages=wanted)
    when = (when or dt.datetime.now(VN_TZ)).astimezone(VN_TZ).replace(microsecond=0)
    lines: list[str] = []
    if role in ("signer", "agency"):
        if image is None:
            what = "chữ ký (màu xanh)" if role == "signer" else "con dấu (màu đỏ)"
            raise InputError(Problem(f"cần ảnh {what} PNG nền trong suốt: --image"))
        size = png_size(image)
        block = find_signer_block(pages, name)
        centre = (block.position.box.cx + block.name.box.cx) / 2
        page_no = block.page
        if role == "signer":
            box = signer_image_box(block.gap, centre, size)
            if not fld.has_issue_fields(writer):
                slots = find_issue_slots(pages, name)
                if slots.number is not None:
                    fld.add_issue_fields(writer, slots, name)
        else:
            existing = _existing_rect(writer.prev, FIELD["signer"])
            under = existing[0] if existing else Box(block.gap.x0, block.gap.y0, block.gap.x1, block.gap.y1)
            box = seal_box(under, seal_mm, size)
            if issue is not None:
                fld.fill_issue_fields(writer, fld.issue_values(*issue), name)
        style = _image_style(Path(image))
    else:
        if role == "attachment":
            number_label = number_label or _number_on_page(pages)
            if not number_label:
                raise InputError(Problem("cần số và ký hiệu của văn bản kèm theo: --number 05/UBND-NV", file=name))
        elif not agency_name:
            raise InputError(Problem("cần tên cơ quan sao y: --agency (hoặc chạy trong workspace có cchc.toml)"))
        lines = stamp_lines(role, when, number_label, agency_name)
        page_no = 0
        box = top_right_box(pages, len(lines), TEXT_PT, width=_text_width(lines))
        style = _text_style(lines)
    meta = signers.PdfSignatureMetadata(field_name=FIELD[role], reason=REASON[role], md_algorithm="sha256",
                                        subfilter=sigfields.SigSeedSubFilter.PADES)
    cls = _pdf_signer_class()
    pdf_signer = cls(meta, signer, stamp_style=style,
                     timestamper=HTTPTimeStamper(tsa_url, timeout=20) if tsa_url else None,
                     new_field_spec=sigfields.SigFieldSpec(FIELD[role], on_page=page_no, box=box.whole()))
    pdf_signer.when = when
    # A fixed reservation spares pyHanko a dummy signature to measure the size (a second RSA
    # operation, on a token a second PIN-protected one); a timestamp token needs more room.
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    try:
        out = pdf_signer.sign_pdf(writer, bytes_reserved=24576 if tsa_url else 12288)
    except TimestampRequestError:
        raise CchcError(Problem(f"không lấy được dấu thời gian từ {tsa_url}", file=name,
                                hint="kiểm tra địa chỉ --tsa và mạng, hoặc ký không có --tsa (PAdES B-B)")) from None
    except (SigningError, PdfError) as exc:
        raise DocumentError(Problem(f"không ký được: {exc}", file=name)) from None
    return Signed(out.getvalue(), role, page_no, Box(*box.whole()), when, lines)


@functools.lru_cache(maxsize=1)
def _advances() -> tuple[dict[int, int], int, int]:
    from fontTools.ttLib import TTFont

    from .fonts import times_font

    font = TTFont(times_font())
    hmtx = font["hmtx"]
    widths = {cp: hmtx[g][0] for cp, g in font.getBestCmap().items()}
    return widths, widths.get(0x20, 250), font["head"].unitsPerEm


def _text_width(lines: list[str]) -> float:
    """The widest line at 10 pt, from the font's own advance widths (plus a small margin)."""
    widths, space, upem = _advances()
    widest = max(sum(widths.get(ord(c), space) for c in line) for line in lines)
    return widest * TEXT_PT / upem + 6
