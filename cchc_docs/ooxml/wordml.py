"""WordprocessingML building blocks for Decree 30 documents: the one layer that writes XML.

Blueprints (the sample templates) are assembled from these pieces; everything above
works with text and contexts. Sizes are in half-points (14 pt = 28), lengths in twips
(1 mm = 56.7 twips), as the file format stores them.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT = "Times New Roman"

# Page: A4 portrait, margins inside Decree 30's ranges (PL I, Part I, §I).
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 1134, 1134, 1701, 1134
TEXT_WIDTH = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 9071
FIRST_LINE = 567  # 1 cm first-line indent of body paragraphs


def rpr(b=False, i=False, sz=None, u=False, style=None, caps=False, vanish=False) -> str:
    parts = []
    if style:
        parts.append(f'<w:rStyle w:val="{style}"/>')
    if b:
        parts.append("<w:b/><w:bCs/>")
    if i:
        parts.append("<w:i/><w:iCs/>")
    if caps:
        parts.append("<w:caps/>")
    if vanish:  # hidden text: kept for machines (a row key), not shown or printed
        parts.append("<w:vanish/>")
    # Word rejects a file whose rPr children are out of schema order: sz before u.
    if sz:
        parts.append(f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>')
    if u:
        parts.append('<w:u w:val="single"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(text: str, **fmt) -> str:
    """A run of text; `\\t` becomes a tab. Text is escaped here and nowhere else."""
    pieces = []
    for k, chunk in enumerate(text.split("\t")):
        if k:
            pieces.append("<w:tab/>")
        if chunk:
            pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{rpr(**fmt)}{''.join(pieces)}</w:r>"


def ppr(jc=None, left=None, right=None, first=None, hanging=None, before=0, after=0,
        line=None, border=None, keep_next=False, style=None, sz=None, tabs=None) -> str:
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if border:
        parts.append(f'<w:pBdr><w:{border} w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>')
    if tabs:
        parts.append("<w:tabs>" + "".join(f'<w:tab w:val="left" w:pos="{t}"/>' for t in tabs) + "</w:tabs>")
    spacing = f'<w:spacing w:before="{before}" w:after="{after}"'
    if line:
        spacing += f' w:line="{line}" w:lineRule="auto"'
    parts.append(spacing + "/>")
    ind = []
    if left is not None:
        ind.append(f'w:left="{left}"')
    if right is not None:
        ind.append(f'w:right="{right}"')
    if first is not None:
        ind.append(f'w:firstLine="{first}"')
    if hanging is not None:
        ind.append(f'w:hanging="{hanging}"')
    if ind:
        parts.append(f"<w:ind {' '.join(ind)}/>")
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if sz:
        parts.append(f'<w:rPr><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def para(*runs: str, **fmt) -> str:
    return f"<w:p>{ppr(**fmt)}{''.join(runs)}</w:p>"


def text_para(text: str, *, b=False, i=False, sz=None, **fmt) -> str:
    return para(run(text, b=b, i=i, sz=sz), sz=sz, **fmt)


def body(text: str, **fmt) -> str:
    """A body paragraph: justified, 1 cm first line, 6 pt before, 1.15 lines."""
    fmt.setdefault("first", FIRST_LINE)
    return para(run(text, **fmt.pop("run", {})), jc="both", before=120, line=276, **fmt)


def rule(width: int, cell_width: int) -> str:
    """The solid line under the motto or the agency name: an empty paragraph whose top
    border, narrowed by indents, is `width` twips long and centred in its cell."""
    side = max((cell_width - width) // 2, 0)
    return para(jc="center", left=side, right=side, border="top", sz=4)


def cell(content: str, width: int, valign=None) -> str:
    va = f'<w:vAlign w:val="{valign}"/>' if valign else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{va}</w:tcPr>{content}</w:tc>'


def table(rows: list[list[str]], widths: list[int], borders=False, header_rows=0, layout_fixed=True) -> str:
    """A table; Decree 30's header and signature tables have no visible borders."""
    val = "single" if borders else "nil"
    edges = "".join(f'<w:{e} w:val="{val}" w:sz="4" w:space="0" w:color="auto"/>'
                    for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    fixed = '<w:tblLayout w:type="fixed"/>' if layout_fixed else ""
    tblpr = (f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblBorders>{edges}</w:tblBorders>{fixed}'
             '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000"/></w:tblPr>')
    body_rows = []
    for k, row in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if k < header_rows else "<w:trPr><w:cantSplit/></w:trPr>" if borders else ""
        body_rows.append(f"<w:tr>{trpr}{''.join(row)}</w:tr>")
    return f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>{''.join(body_rows)}</w:tbl>"


def sect_pr(landscape=False, title_page=True, header_default="rIdHeader1", header_first="rIdHeader2",
            page_start=None, final=True) -> str:
    w, h = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    orient = ' w:orient="landscape"' if landscape else ""
    refs = ""
    if header_default:
        refs += f'<w:headerReference w:type="default" r:id="{header_default}"/>'
    if header_first:
        refs += f'<w:headerReference w:type="first" r:id="{header_first}"/>'
    start = f'<w:pgNumType w:start="{page_start}"/>' if page_start else ""
    title = "<w:titlePg/>" if title_page else ""
    xml = (f"<w:sectPr>{refs}"
           f'<w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
           f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
           f'w:left="{MARGIN_LEFT}" w:header="567" w:footer="567" w:gutter="0"/>'
           f'{start}<w:cols w:space="720"/>{title}<w:docGrid w:linePitch="381"/></w:sectPr>')
    return xml if final else f"<w:p><w:pPr>{xml}</w:pPr></w:p>"


def document(blocks: list[str], sect: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(blocks)}{sect}</w:body></w:document>')


# ---------------------------------------------------------------- Decree 30 blocks

# 6.6 cm for the agency: `UBND HUYỆN HƯƠNG SƠN`, `THÀNH PHỐ HỒ CHÍ MINH` fit on one line at
# 13 pt; the rest (9.4 cm) still holds the Quốc hiệu at 12 pt bold on one line.
HEADER_LEFT, HEADER_RIGHT = 3742, TEXT_WIDTH - 3742
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


def header_table(parent_xml: str, agency: str, number: str, date_line: str, subject_paras: str = "",
                 agency_xml: str = "", rule_xml: str | None = None) -> str:
    """The borderless two-column header (PL I §IV): agency and number on the left;
    Quốc hiệu, Tiêu ngữ and place/date on the right. `parent_xml` holds the paragraph(s)
    of the cơ quan chủ quản (not bold), `agency_xml` those of the issuing agency (bold)
    when it is not the one line `agency`; other arguments are template text."""
    left1 = parent_xml + (agency_xml or text_para(agency, b=True, sz=26, jc="center"))
    left1 += rule_xml if rule_xml is not None else rule(1300, HEADER_LEFT)
    right1 = (text_para(QUOC_HIEU, b=True, sz=24, jc="center")
              + text_para(TIEU_NGU, b=True, sz=26, jc="center")
              + rule(3350, HEADER_RIGHT))
    left2 = text_para(number, sz=26, jc="center", before=60) + subject_paras
    right2 = text_para(date_line, i=True, sz=28, jc="center", before=60)
    return table([[cell(left1, HEADER_LEFT), cell(right1, HEADER_RIGHT)],
                  [cell(left2, HEADER_LEFT), cell(right2, HEADER_RIGHT)]],
                 [HEADER_LEFT, HEADER_RIGHT])


def recipients_block(first: str, loop_open: str, rest: str, loop_close: str) -> str:
    """`Kính gửi:` + tab + first recipient; further recipients aligned under it."""
    label = 2268
    hang = 1418
    return (para(run("Kính gửi:\t", sz=28), run(first, sz=28), left=label + hang, hanging=hang,
                 before=240, after=0, sz=28, keep_next=True, tabs=[label + hang])
            + loop_open
            + para(run(rest, sz=28), left=label + hang, sz=28, keep_next=True)
            + loop_close)


def signature_table(items_loop: tuple[str, str, str], authority: str, position, name: str) -> str:
    """Nơi nhận on the left (PL I §IV ô9b), signer on the right (ô7a–c). `position` is
    one line, or (loop open, line, loop close) for as many lines as the signer has."""
    loop_open, item, loop_close = items_loop
    left = (para(run("Nơi nhận:", b=True, i=True, sz=24), before=240)
            + loop_open + para(run(item, sz=22)) + loop_close)
    if isinstance(position, tuple):
        open_, line, close = position
        position_paras = open_ + text_para(line, b=True, sz=28, jc="center") + close
    else:
        position_paras = text_para(position, b=True, sz=28, jc="center")
    right = (text_para(authority, b=True, sz=28, jc="center", before=240)
             + position_paras
             + "".join(para(sz=28) for _ in range(4))
             + text_para(name, b=True, sz=28, jc="center"))
    half = TEXT_WIDTH // 2
    return table([[cell(left, half), cell(right, TEXT_WIDTH - half)]], [half, TEXT_WIDTH - half])


def page_number_header() -> str:
    """Header shown from page 2 on: the PAGE field, centred, 14 pt (PL I §I)."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p>{ppr(jc="center", sz=28)}'
            f'<w:r>{rpr(sz=28)}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr(sz=28)}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            f'<w:r>{rpr(sz=28)}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{rpr(sz=28)}<w:t>2</w:t></w:r>'
            f'<w:r>{rpr(sz=28)}<w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>')


def empty_header() -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p>{ppr()}</w:p></w:hdr>')


# ---------------------------------------------------------------- reports: spans and pictures

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def span_cell(content: str, width: int, span: int) -> str:
    """A cell covering `span` grid columns (a group row of a table)."""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:gridSpan w:val="{span}"/></w:tcPr>'
            f"{content}</w:tc>")


def inline_picture(rel_id: str, cx: str, cy: str, name: str, descr: str, pic_id: int = 1) -> str:
    """A run holding an inline picture (DrawingML) of cx×cy EMU; the image is the part
    that relationship `rel_id` points to. `cx`/`cy` may be template fields."""
    return (f'<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{pic_id}" name="{escape(name)}" descr="{escape(descr)}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/>'
            f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}">'
            f'<pic:pic xmlns:pic="{PIC_NS}"><pic:nvPicPr><pic:cNvPr id="{pic_id}" name="{escape(name)}.png"/>'
            f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel_id}"/>'
            f'<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def placeholder_png() -> bytes:
    """A 1×1 white PNG: the template's stand-in for a picture made at render time."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff", 9)) + chunk(b"IEND", b""))
