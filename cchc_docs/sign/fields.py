"""The number and date of issue as form fields, so they can be written after the signer signs.

Decree 30 (art. 15.3): the number and the issue date come after the competent person has
signed. Rewriting the page would break his signature under a strict validator; filling
in a form field in an incremental update is a change PAdES validators accept. So before
the signer signs, text fields are put over the blanks of the `Số:` line and the date line
(found in the PDF's text layer); the văn thư fills them in the same revision that carries
the agency signature.
"""

from __future__ import annotations

import datetime as dt

from ..errors import DocumentError, Problem
from .layout import Box, IssueSlots

# No dots: a dot in /T separates levels of a hierarchical field name.
FIELD_NUMBER, FIELD_DAY, FIELD_MONTH = "cchc-so", "cchc-ngay", "cchc-thang"


def _text_field(writer, page_ref, name: str, box: Box, font_size: float):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string

    field = generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"),
        pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/FT"): pdf_name("/Tx"),
        pdf_name("/T"): pdf_string(name),
        pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in box.as_tuple()),
        pdf_name("/F"): generic.NumberObject(4),          # printable, as PDF/A requires
        pdf_name("/Ff"): generic.NumberObject(0),
        pdf_name("/Q"): generic.NumberObject(1),          # centred
        pdf_name("/DA"): pdf_string(f"/F1 {font_size:.1f} Tf 0 g"),
        pdf_name("/P"): page_ref,
    })
    # PDF/A wants an appearance for every widget: an empty one until the văn thư fills it.
    empty = generic.StreamObject({pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
                                  pdf_name("/BBox"): generic.ArrayObject(generic.FloatObject(v) for v in
                                                                         (0, 0, box.width, box.height))},
                                 stream_data=b"")
    field[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): writer.add_object(empty)})
    ref = writer.add_object(field)
    writer.register_annotation(page_ref, ref)
    return ref


def _acroform(writer):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    root = writer.root
    if "/AcroForm" not in root:
        root[pdf_name("/AcroForm")] = writer.add_object(generic.DictionaryObject(
            {pdf_name("/Fields"): generic.ArrayObject()}))
        writer.update_root()
    form = root["/AcroForm"]
    if "/Fields" not in form:
        form[pdf_name("/Fields")] = generic.ArrayObject()
    return form


def _fields(writer) -> dict:
    """Terminal fields of the document by name -> reference."""
    try:
        fields = writer.root["/AcroForm"]["/Fields"]
    except KeyError:
        return {}
    out = {}
    for ref in fields:
        obj = ref.get_object()
        if "/T" in obj:
            out[str(obj["/T"])] = ref
    return out


def has_issue_fields(writer) -> bool:
    return FIELD_NUMBER in _fields(writer)


def add_issue_fields(writer, slots: IssueSlots, name: str = "PDF") -> list[str]:
    """Put empty text fields on the blanks of page 1; the names of the fields added."""
    if slots.number is None:
        raise DocumentError(Problem("dòng `Số:` đã có số hoặc không có chỗ trống trước ký hiệu", file=name,
                                    hint="người ký ký bản dự thảo chưa cấp số; văn thư điền số sau khi ký"))
    form = _acroform(writer)
    page_ref = writer.find_page_for_modification(0)[0]
    added = []
    for field_name, box in ((FIELD_NUMBER, slots.number), (FIELD_DAY, slots.day), (FIELD_MONTH, slots.month)):
        if box is None:
            continue
        form["/Fields"].append(_text_field(writer, page_ref, field_name, box, slots.font_size))
        added.append(field_name)
    writer.update_container(form["/Fields"])
    return added


def issue_values(number: int, date: dt.date) -> dict[str, str]:
    """What the văn thư writes: `05` before the symbol, `05` and `7` in the date line
    (Decree 30: day and month below 10 with a leading zero for the day and for months 1-2)."""
    from ..wording import number_text

    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return {FIELD_NUMBER: number_text(number), FIELD_DAY: f"{date.day:02d}", FIELD_MONTH: month}


def fill_issue_fields(writer, values: dict[str, str], name: str = "PDF") -> None:
    """Set the fields' values and draw them in Times New Roman at the size of the line: upright
    for the number, italic in the date line (as the decree prints it)."""
    from pyhanko.pdf_utils import generic, layout
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.text import TextBox, TextBoxStyle

    from .fonts import times_font

    fields = _fields(writer)
    missing = [k for k in values if k not in fields]
    if FIELD_NUMBER in missing:
        raise DocumentError(Problem("PDF không có ô số và ngày để văn thư điền", file=name,
                                    hint="người ký phải ký bằng `cchc sign --as signer` (lệnh thêm ô số, ngày "
                                         "trước khi ký)"))
    for key, text in values.items():
        if key not in fields:
            continue
        ref = fields[key]
        obj = ref.get_object()
        if "/V" in obj and str(obj["/V"]):  # filled once: a second fill would change an issued number
            raise DocumentError(Problem(f"ô {key} đã được điền: {obj['/V']}", file=name))
        x0, y0, x1, y1 = (float(v) for v in obj["/Rect"])
        size = round(float(str(obj.get("/DA", "/F1 13 Tf")).split()[1]))
        font = times_font("Regular" if key == FIELD_NUMBER else "Italic")
        # The word boxes run from descender to ascender; the baseline sits ~0.3 em above
        # the bottom, so the text is laid from the bottom with that margin.
        style = TextBoxStyle(font=GlyphAccumulatorFactory(str(font), font_size=size), font_size=size,
                             border_width=0, box_layout_rule=layout.SimpleBoxLayoutRule(
                                 x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MIN,
                                 margins=layout.Margins(bottom=round(size * 0.3))))
        box = TextBox(style, writer, box=layout.BoxConstraints(width=round(x1 - x0), height=round(y1 - y0)))
        box.content = text
        xobj = box.as_form_xobject()
        obj[pdf_name("/V")] = pdf_string(text)
        obj[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): writer.add_object(xobj)})
        obj[pdf_name("/Ff")] = generic.NumberObject(1)     # read-only once filled
        writer.mark_update(ref)


def field_values(reader) -> dict[str, str]:
    """The filled values of the number/date fields (for verification)."""
    out = {}
    try:
        fields = reader.root["/AcroForm"]["/Fields"]
    except KeyError:
        return out
    for ref in fields:
        obj = ref.get_object()
        name = str(obj.get("/T", ""))
        if name in (FIELD_NUMBER, FIELD_DAY, FIELD_MONTH) and "/V" in obj:
            out[name] = str(obj["/V"])
    return out
