"""The header block (Phụ lục I, Phần I, mục II.1–II.4): header table, Quốc hiệu, Tiêu ngữ,
agency, số/ký hiệu, date line."""

from __future__ import annotations

import datetime as dt
import re

from ... import doctypes
from ...ooxml.reader import Para
from ..structure import CONG_VAN, Doc, blankify, has_blank, is_placeholder, shown
from ..text import norm, short, squash
from . import Finding, rule
from .common import all_on, any_on, check_line, fmt, where


@rule("HD-TBL", "Phần đầu văn bản là bảng 2 cột không viền: cơ quan, số bên trái; Quốc hiệu, ngày tháng bên phải",
      "NĐ 30/2020, Phụ lục I, Phần I, mục IV")
def check_header_table(doc: Doc):
    t = doc.header_table
    if t is None:
        yield Finding("HD-TBL", "không có bảng tiêu đề 2 cột ở đầu văn bản (cơ quan ban hành, số bên trái; "
                                "Quốc hiệu, Tiêu ngữ, địa danh và ngày tháng bên phải)",
                      where(doc.first_block) if isinstance(doc.first_block, Para) else "đầu văn bản")
        return
    label = f"bảng {t.number} (bảng tiêu đề)"
    if doc.first_block is not t:
        yield Finding("HD-TBL", "bảng tiêu đề không đứng đầu văn bản", where(doc.first_block))
    if t.ncols != 2:
        yield Finding("HD-TBL", f"bảng tiêu đề có {t.ncols} cột (cần 2 cột: trái và phải)", label)
    if t.borders:
        yield Finding("HD-TBL", f"bảng tiêu đề có đường viền hiện khi in ({', '.join(t.borders)}) "
                                "(cần bảng không viền)", label)


@rule("QH", "Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”: in hoa, cỡ 12–13, đứng, đậm, bên phải",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.1.a")
def check_quoc_hieu(doc: Doc):
    p = doc.qh
    if p is None:
        yield Finding("QH", "không thấy Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” ở đầu văn bản", "đầu văn bản")
        return
    if not re.fullmatch(r"CỘNG H(ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM", squash(shown(p))):
        yield Finding("QH", f"Quốc hiệu viết “{squash(shown(p))}” "
                            "(Nghị định: “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, in hoa, một dòng)", where(p))
    yield from fmt("QH", p, "Quốc hiệu", size=(24, 26), bold=True, italic=False,
                   jc=("center",) if doc.header_table is not None else None)
    if doc.right is not None and p not in doc.right:
        yield Finding("QH", "Quốc hiệu không nằm ở cột phải bảng tiêu đề (Nghị định: ô số 1, phía trên bên phải)",
                      where(p))


@rule("TN", "Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”: cỡ 13–14, đứng, đậm; đường kẻ dưới dài bằng dòng chữ",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.1.b")
def check_tieu_ngu(doc: Doc):
    p = doc.tn
    if p is None:
        yield Finding("TN", "không thấy Tiêu ngữ “Độc lập - Tự do - Hạnh phúc” dưới Quốc hiệu", "đầu văn bản")
        return
    text = squash(p.text)
    if text != "Độc lập - Tự do - Hạnh phúc":
        yield Finding("TN", f"Tiêu ngữ viết “{text}” (Nghị định: “Độc lập - Tự do - Hạnh phúc”: viết hoa "
                            "chữ đầu mỗi cụm, giữa các cụm có gạch nối (-) và dấu cách)", where(p))
    yield from fmt("TN", p, "Tiêu ngữ", size=(26, 28), bold=True, italic=False,
                   jc=("center",) if doc.header_table is not None else None)
    yield from _single_spaced("TN", p, "Tiêu ngữ")
    paras = doc.right if doc.right is not None and p in doc.right else doc.header_paras
    yield from check_line("TN", "Tiêu ngữ", paras, [p], 0.5, 1.7, "nét liền, dài bằng dòng chữ",
                           doc.header_area)


@rule("CQ", "Tên cơ quan: in hoa, cỡ 12–13; cơ quan ban hành đậm, cơ quan chủ quản không đậm; "
            "đường kẻ dưới dài 1/3–1/2 dòng chữ", "NĐ 30/2020, Phụ lục I, Phần I, mục II.2.b")
def check_agency(doc: Doc):
    lines = doc.agency
    if not lines:
        yield Finding("CQ", "không thấy tên cơ quan ban hành văn bản (ô trái, phía trên Số)",
                      where(doc.so) if doc.so else "đầu văn bản")
        return
    bold_flags = [all_on(p, "b") for p in lines]
    # A model form's numbered blank (`(1)……………`, footnote: "tên cơ quan cấp trên") is where the
    # user writes the agency: no text yet, so no capitals, weight or alignment to judge.
    blank = [is_placeholder(p.text) for p in lines]
    if blank[-1]:
        pass
    elif not bold_flags[-1]:
        yield Finding("CQ", "tên cơ quan ban hành không in đậm (Nghị định: in hoa, đứng, đậm)", where(lines[-1]))
    else:
        k = len(lines) - 1
        while k > 0 and bold_flags[k - 1]:
            k -= 1
        for p in lines[:k]:  # chủ quản lines: above the issuing agency, not bold
            if any_on(p, "b"):
                yield Finding("CQ", "tên cơ quan chủ quản in đậm (Nghị định: in hoa, đứng, không đậm)", where(p))
    for p in (p for p, b in zip(lines, blank) if not b):
        yield from fmt("CQ", p, "tên cơ quan", size=(24, 26), italic=False, upper=True,
                       jc=("center",) if doc.header_table is not None else None)
        yield from _single_spaced("CQ", p, "tên cơ quan")
    issuing = [p for p, b in zip(lines, bold_flags) if b] or lines[-1:]
    paras = doc.left if doc.left is not None else doc.header_paras
    yield from check_line("CQ", "tên cơ quan ban hành", paras, issuing, 0.2, 0.8,
                           "nét liền, dài 1/3–1/2 dòng chữ, đặt cân đối", doc.header_area)


def _single_spaced(rule_id: str, p: Para, label: str):
    """Phần đầu is set single-spaced (the decree's layout and sample forms); more than 1,3 lines
    pushes the header block apart. Word's own 1,08–1,15 default is accepted."""
    rule_ = p.pp.get("sp_lineRule", "auto")
    line = p.pp.get("sp_line")
    if not line:
        return
    size = max((r.rp.get("sz", 20) for r in p.text_runs()), default=26)
    multiple = line / 240 if rule_ == "auto" else line / (size * 10 * 1.15)
    if multiple > 1.3:
        yield Finding(rule_id, f"{label}: giãn dòng {multiple:.2f} lines".replace(".", ",")
                      + " (phần đầu văn bản trình bày dòng đơn)", where(p),
                      fix="chọn phần đầu văn bản → Paragraph → Line spacing: Single")


_SYMBOL = re.compile(r"[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ0-9.&]*)+")


@rule("SO", "Số, ký hiệu: “Số: 05/UBND-NV” — số nhỏ hơn 10 thêm số 0, ký hiệu đúng chữ viết tắt tên loại; "
            "cỡ 13, đứng", "NĐ 30/2020, Phụ lục I, Phần I, mục II.3; Phụ lục III, mục I")
def check_number(doc: Doc):
    p = doc.so
    if p is None and (doc.attached is not None or doc.kind == "THƯ CÔNG"):
        return  # a quy chế issued by a decision carries the decision's number; a thư công has none
    if p is None:
        yield Finding("SO", "không thấy số, ký hiệu văn bản (“Số: …/…”) dưới tên cơ quan", "đầu văn bản")
        return
    raw = blankify(norm(shown(p)))
    m = re.match(r"^(\S+?)\s*:\s*(.*?)\s*/\s*(.*)$", raw)
    whole = re.match(r"^(\S+?)\s*:\s*(.*)$", raw)
    if not m and whole and raw != norm(shown(p)) and is_placeholder(whole.group(2)):
        # `Số: ${KH}`: one template field holds the number and the ký hiệu, filled when the
        # document is generated: a blank number, as in a draft, with no ký hiệu to read yet.
        if not doc.draft:
            yield Finding("SO", "số văn bản để trống (chỉ bản dự thảo được để trống; kiểm tra dự thảo: --draft)",
                          where(p))
        yield from fmt("SO", p, "số, ký hiệu", size=(26, 26), bold=False, italic=False)
        return
    if not m:
        yield Finding("SO", "số, ký hiệu không đúng dạng “Số: 05/UBND-NV” (sau “Số” có dấu hai chấm, "
                            "giữa số và ký hiệu có dấu /)", where(p))
        return
    word, number, symbol = m.group(1), m.group(2), m.group(3)
    if has_blank(number) and is_placeholder(number):
        number = ""  # `Số: …. /GM-…`: a blank to fill, as in a draft or a model form
    template = has_blank(symbol)
    if word != "Số":
        yield Finding("SO", f"viết “{word}” (Nghị định: từ “Số” in thường, sau có dấu hai chấm)", where(p))
    if not raw.startswith(f"{word}: ") and number:
        yield Finding("SO", "sau “Số:” thiếu dấu cách hoặc có dấu cách trước dấu hai chấm", where(p))
    if not number:
        if not doc.draft:
            yield Finding("SO", "số văn bản để trống (chỉ bản dự thảo được để trống; kiểm tra dự thảo: --draft)",
                          where(p))
    elif not _arabic(number):
        yield Finding("SO", f"số văn bản “{short(number, 20)}” không phải chữ số Ả Rập (0–9) hoặc quá dài", where(p))
    elif int(number) == 0:
        yield Finding("SO", f"số văn bản “{number}” không hợp lệ (đánh từ 01)", where(p))
    elif int(number) < 10 and number != f"{int(number):02d}":
        yield Finding("SO", f"số {number} nhỏ hơn 10 phải có số 0 phía trước: “{int(number):02d}”", where(p),
                      fix=f"sửa thành “Số: {int(number):02d}/{symbol}”")
    elif int(number) >= 10 and number.startswith("0"):
        yield Finding("SO", f"số “{number}” thừa số 0 ở đầu (chỉ số nhỏ hơn 10 mới thêm số 0)", where(p))
    groups = symbol.split("/")
    if len(groups) == 2 and re.fullmatch(r"\d{4}", groups[0]):
        groups = groups[1:]  # văn bản quy phạm: Số: 15/2020/NĐ-CP
    sym = groups[-1] if groups else ""
    if template:
        # `NQ-…3...`: the agency part is left to fill; only the type abbreviation can be read.
        first = re.match(r"[A-Za-zĐđ]*", sym).group(0)
        if first:
            yield from _symbol_type(doc, p, first)
    elif len(groups) != 1 or not _SYMBOL.fullmatch(sym):
        yield Finding("SO", f"ký hiệu “{symbol}” sai dạng (Nghị định: chữ in hoa, các nhóm chữ viết tắt nối "
                            "bằng gạch nối (-), không có dấu cách, ví dụ UBND-NV, BC-UBND)", where(p))
    else:
        first = sym.split("-")[0]
        yield from _symbol_type(doc, p, first)
    yield from fmt("SO", p, "số, ký hiệu", size=(26, 26), bold=False, italic=False)
    if doc.left is not None and p not in doc.left:
        yield Finding("SO", "số, ký hiệu không nằm ở cột trái bảng tiêu đề (Nghị định: ô số 3)", where(p))


def _arabic(text: str) -> bool:
    """ASCII digits of a plausible length: `²` or `٣` pass str.isdigit() but not int()."""
    return text.isascii() and text.isdigit() and len(text) <= 9


def _symbol_type(doc: Doc, p: Para, first: str):
    kind = doc.kind
    if kind == CONG_VAN:
        if first in doctypes.BY_ABBREVIATION:
            yield Finding("SO", f"công văn nhưng ký hiệu bắt đầu bằng “{first}” là chữ viết tắt tên loại "
                                f"{doctypes.BY_ABBREVIATION[first].lower()} (Nghị định: ký hiệu công văn gồm chữ viết tắt "
                                "tên cơ quan và đơn vị soạn thảo, ví dụ UBND-NV)", where(p))
        return
    want = doc.kind_abbreviation
    if want and first != want:
        if first.upper() == want.upper():
            yield Finding("SO", f"chữ viết tắt tên loại viết “{first}” (Phụ lục III: “{want}”)", where(p))
        elif first in doctypes.BY_ABBREVIATION:
            yield Finding("SO", f"ký hiệu “{first}” là của {doctypes.BY_ABBREVIATION[first].lower()}, nhưng văn bản là "
                                f"{kind.lower()} (Phụ lục III: “{want}”)", where(p))
        else:
            yield Finding("SO", f"ký hiệu thiếu chữ viết tắt tên loại {kind.lower()} ở đầu: "
                                f"“{want}-{first}…” (Phụ lục III: {want})", where(p))


_DATE = re.compile(r"^(?P<place>\S.*?)\s*,\s*ngày\s+(?P<d>\S+)\s+tháng\s+(?P<m>\S+)\s+năm\s+(?P<y>\S+)$")
# A draft or a model form leaves fields blank: `ngày    tháng 3 năm 2026`, `ngày …… tháng …… năm ……`.
_FIELD = r"(?:\d{1,4}|[.…_]*)"
_DRAFT_DATE = re.compile(rf"^(?P<place>\S.*?)\s*,\s*ngày\s*(?P<d>{_FIELD})\s*tháng\s*(?P<m>{_FIELD})\s*năm\s*(?P<y>{_FIELD})$")
_LOWER_OK = {"phố", "xã", "trấn", "đô", "khu"}


@rule("DT", "Địa danh, ngày tháng: “Hà Nội, ngày 05 tháng 01 năm 2020” — ngày < 10 và tháng 1, 2 thêm số 0; "
            "in thường, nghiêng, cỡ 13–14", "NĐ 30/2020, Phụ lục I, Phần I, mục II.4")
def check_date(doc: Doc):
    p = doc.dt
    if p is None and (doc.kind == "BIÊN BẢN" or doc.attached is not None):
        return  # Mẫu 1.9: a biên bản states its time in the body ("Thời gian bắt đầu …")
    if p is None:
        yield Finding("DT", "không thấy địa danh và ngày tháng (“…, ngày … tháng … năm …”) dưới Tiêu ngữ",
                      "đầu văn bản")
        return
    text = blankify(norm(shown(p)))  # `ngày ${D} tháng ${M}`: the generator's blanks
    capital = re.search(r",\s*(Ngày|NGÀY)(?=\s|$)", text)
    if capital:
        # `..., Ngày    tháng    năm`: told as what it is, then read as the date it writes
        yield Finding("DT", f"viết “{capital.group(1)}” (Nghị định: “…, ngày … tháng … năm …”, chữ “ngày” in thường)",
                      where(p), fix="sửa thành “ngày” (in thường)")
        text = text[:capital.start(1)] + "ngày" + text[capital.end(1):]
    m = _DATE.match(squash(text))
    if m and not all(_arabic(v) for v in (m.group("d"), m.group("m"), m.group("y"))) and _DRAFT_DATE.match(text):
        m = None  # `ngày …… tháng …… năm ……` also matches the full pattern: it is a blank date
    draft = _DRAFT_DATE.match(text) if m is None else None
    if draft and all(draft.group(k) and draft.group(k).isdigit() for k in ("d", "m", "y")):
        draft = None
    if draft:
        if not doc.draft:
            yield Finding("DT", "ngày tháng để trống (chỉ bản dự thảo được để trống; kiểm tra dự thảo: --draft)",
                          where(p))
        place = draft.group("place")
    elif m:
        place = m.group("place")
        yield from _date_parts(p, m.group("d"), m.group("m"), m.group("y"))
    else:
        yield Finding("DT", "địa danh, ngày tháng không đúng dạng “Hương Sơn, ngày 05 tháng 7 năm 2024” "
                            "(sau địa danh có dấu phẩy)", where(p))
        place = None
    if place and has_blank(place):
        place = None  # `…4...`: the place is left to fill
    if place:
        if re.search(r"\s,", text.split("ngày")[0]):
            yield Finding("DT", "có dấu cách trước dấu phẩy sau địa danh", where(p))
        bad = [w for w in place.split() if w[:1].isalpha() and not w[:1].isupper() and w not in _LOWER_OK]
        if bad:
            yield Finding("DT", f"địa danh “{place}”: chữ cái đầu phải viết hoa ({', '.join(bad)})", where(p))
    yield from fmt("DT", p, "địa danh, ngày tháng", size=(26, 28), italic=True, bold=False,
                   jc=("center",) if doc.right is not None else None)
    if doc.right is not None and p not in doc.right:
        yield Finding("DT", "địa danh, ngày tháng không nằm ở cột phải bảng tiêu đề (Nghị định: ô số 4, "
                            "canh giữa dưới Quốc hiệu và Tiêu ngữ)", where(p))


def _date_parts(p, d, mo, y):
    w = where(p)
    for label, value in (("ngày", d), ("tháng", mo), ("năm", y)):
        if not _arabic(value):
            yield Finding("DT", f"{label} “{short(value, 20)}” không phải chữ số Ả Rập (0–9)", w)
            return
    day, month, year = int(d), int(mo), int(y)
    if day < 10 and d != f"{day:02d}":
        yield Finding("DT", f"ngày {d} nhỏ hơn 10 phải có số 0 phía trước: “ngày {day:02d}”", w,
                      fix=f"sửa “ngày {d}” thành “ngày {day:02d}”")
    elif day >= 10 and d.startswith("0"):
        yield Finding("DT", f"ngày “{d}” thừa số 0 ở đầu", w)
    if month <= 2 and mo != f"{month:02d}":
        yield Finding("DT", f"tháng {mo} phải có số 0 phía trước: “tháng {month:02d}” "
                            "(Nghị định: tháng 1, 2 thêm số 0)", w)
    elif month >= 3 and mo.startswith("0"):
        yield Finding("DT", f"tháng “{mo}” không được thêm số 0: “tháng {month}” "
                            "(Nghị định: chỉ tháng 1, 2 thêm số 0)", w, fix=f"sửa “tháng {mo}” thành “tháng {month}”")
    try:
        dt.date(year, month, day)
    except ValueError:
        yield Finding("DT", f"ngày {d} tháng {mo} năm {y} không có thật", w)
    if len(y) != 4:
        yield Finding("DT", f"năm “{y}” phải viết đủ 4 chữ số", w)
