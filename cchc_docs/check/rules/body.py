"""From the type name to the body (Phụ lục I, Phần I, mục II.5–II.6): tên loại and trích yếu,
V/v, Kính gửi, căn cứ, the body text."""

from __future__ import annotations

import re

from ...ooxml.reader import Para
from ..structure import CONG_VAN, UNKNOWN, Doc, has_blank, is_placeholder
from ..text import fold, norm, short, squash
from . import Finding, rule
from .common import JC, agg, all_on, check_line, dec, fmt, pt, sizes, where


@rule("TL", "Tên loại (BÁO CÁO, KẾ HOẠCH…) in hoa, cỡ 13–14, đậm, canh giữa; trích yếu in thường, đậm; "
            "đường kẻ dưới 1/3–1/2 dòng chữ", "NĐ 30/2020, Phụ lục I, Phần I, mục II.5.b")
def check_type_name(doc: Doc):
    if doc.kind == CONG_VAN:
        return
    p = doc.type_para
    if p is None and not doc.known_kind:
        return  # no title and no ký hiệu telling the type: nothing to hold the title against
    if p is None:
        yield Finding("TL", f"ký hiệu cho biết văn bản là {doc.kind_label} nhưng không thấy tên loại "
                            f"“{doc.kind}” canh giữa dưới phần đầu", where(doc.so))
        return
    yield from fmt("TL", p, "tên loại", size=(26, 28), bold=True, italic=False, upper=True, jc=("center",))
    if not doc.subject:
        if doc.kind in ("GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "GIẤY ỦY QUYỀN", "PHIẾU GỬI",
                        "PHIẾU CHUYỂN", "PHIẾU BÁO", "BIÊN BẢN", "HỢP ĐỒNG", "THƯ CÔNG") or not doc.known_kind:
            return
        yield Finding("TL", "thiếu trích yếu nội dung ngay dưới tên loại (Nghị định: in thường, đứng, đậm)",
                      where(p))
        return
    for s in doc.subject:
        if is_placeholder(s.text):
            continue  # `……… 5 ………`: the model form's blank, no text to format
        yield from fmt("TL", s, "trích yếu", size=(26, 28), bold=True, italic=False, upper=False,
                       jc=("center",))
    if all(is_placeholder(q.text) for q in doc.subject):
        return  # a blank trích yếu has no length to measure the line against
    paras = [b for b in doc.main if isinstance(b, Para)]
    under = doc.subject
    if doc.attached is not None and doc.attached.index > doc.subject[-1].index:
        under = [*doc.subject, doc.attached]  # the line goes under `(Ban hành kèm theo …)`
    yield from check_line("TL", "trích yếu", paras, under, 0.2, 0.8,
                           "nét liền, dài 1/3–1/2 dòng chữ, đặt cân đối")


@rule("VV", "Công văn: trích yếu “V/v …” dưới số, ký hiệu; in thường, cỡ 12–13, đứng, cách số 6 pt",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.5.b")
def check_vv(doc: Doc):
    if doc.kind != CONG_VAN:
        return
    if not doc.vv:
        yield Finding("VV", "công văn (ký hiệu không có tên loại) nhưng thiếu trích yếu “V/v …” dưới số, ký hiệu",
                      where(doc.so) if doc.so else "đầu văn bản")
        return
    p = doc.vv[0]
    if not norm(p.text).startswith("V/v "):
        yield Finding("VV", f"trích yếu viết “{short(p.text, 12)}” (Nghị định: “V/v ” — V hoa, v thường, "
                            "sau có dấu cách)", where(p))
    for q in doc.vv:
        yield from fmt("VV", q, "trích yếu công văn", size=(24, 26), bold=False, italic=False)
    before = p.pp.get("sp_before") or 0
    if p.pp.get("sp_beforeAutospacing"):
        before = 280
    column = doc.left if doc.left is not None else doc.header_paras
    k = next((i for i, q in enumerate(column) if q is p), 0)
    prev = column[k - 1] if k > 0 else None
    if prev is not None and not prev.text.strip() and prev is not doc.so:
        before = max(before, 240)  # an empty line between Số and V/v: at least the 6 pt asked
    prev_after = (prev.pp.get("sp_after") or 0) if prev is not None else 0
    if before + prev_after < 120 - 2:
        yield Finding("VV", f"trích yếu cách số, ký hiệu {dec(before / 20, 1)} pt (Nghị định: cách dòng 6 pt)",
                      where(p))


@rule("KG", "Kính gửi: một nơi cùng dòng; nhiều nơi mỗi nơi một dòng “- …;”, dòng cuối kết thúc bằng “.”",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.9.d (ô số 9a)")
def check_kinh_gui(doc: Doc):
    p = doc.kg
    if p is None:
        if doc.kind == CONG_VAN:
            yield Finding("KG", "công văn thiếu “Kính gửi:” và nơi nhận trực tiếp",
                          where(doc.body[0]) if doc.body else "sau phần đầu")
        elif doc.kind == "TỜ TRÌNH":
            yield Finding("KG", "tờ trình thiếu “Kính gửi:” cơ quan, người có thẩm quyền xem xét (Nghị định: tờ "
                                "trình gửi cấp trên có “Kính gửi”)", where(doc.body[0]) if doc.body else "sau phần đầu")
        elif doc.kind == "BÁO CÁO" and doc.nn_items and squash(doc.nn_items[0].text) == "- Như trên;":
            yield Finding("KG", "báo cáo gửi cấp trên (nơi nhận “- Như trên;”) nhưng thiếu “Kính gửi:”",
                          where(doc.body[0]) if doc.body else "sau phần đầu")
        return
    text = norm(p.text)
    m = re.match(r"^Kính gửi\s*:\s*(.*)$", text, re.DOTALL)
    if not m:
        yield Finding("KG", "viết “Kính gửi” sai (Nghị định: “Kính gửi:” — sau có dấu hai chấm)", where(p))
        rest = re.sub(r"^\S+\s+\S+\s*", "", text)
    else:
        rest = m.group(1).strip()
    yield from fmt("KG", p, "Kính gửi", size=(26, 28), italic=False)
    items = ([p] if rest else []) + doc.kg_items
    texts = ([rest] if rest else []) + [norm(q.text) for q in doc.kg_items]
    if not texts:
        yield Finding("KG", "sau “Kính gửi:” không có tên nơi nhận", where(p))
        return
    if len(texts) == 1:
        return  # one recipient on the Kính gửi line: no punctuation rule
    for q, t in zip(items, texts):
        if not t.startswith("- ") and not t.startswith("-\t"):
            yield Finding("KG", f"nơi nhận “{short(t, 30)}” phải bắt đầu bằng gạch đầu dòng “- ”", where(q))
    for q, t in zip(items[:-1], texts[:-1]):
        if not t.endswith(";"):
            yield Finding("KG", f"nơi nhận “{short(t, 30)}” phải kết thúc bằng dấu chấm phẩy (;)", where(q))
    if not texts[-1].endswith("."):
        yield Finding("KG", "nơi nhận cuối cùng phải kết thúc bằng dấu chấm (.)", where(items[-1]))
    for q in doc.kg_items:
        yield from fmt("KG", q, "nơi nhận", size=(26, 28), italic=False)


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text))


def _is_heading(p: Para) -> bool:
    jc = p.pp.get("jc")
    return jc in ("center",) or all_on(p, "b") or p.pp.get("outline") is not None


def _spacing(p: Para, kind: str) -> int:
    if p.pp.get(f"sp_{kind}Autospacing"):
        return 280
    if p.pp.get(f"sp_{kind}Lines") is not None:
        return p.pp[f"sp_{kind}Lines"] * 240 // 100
    return p.pp.get(f"sp_{kind}") or 0


@rule("BD", "Nội dung: căn đều hai lề, lùi đầu dòng 1 hoặc 1,27 cm, cách đoạn ≥ 6 pt, giãn dòng 1–1,5, "
            "cỡ 13–14; kết thúc “./.”", "NĐ 30/2020, Phụ lục I, Phần I, mục II.6.e")
def check_body(doc: Doc):
    body = doc.body
    if not body:
        yield Finding("BD", "không xác định được phần nội dung văn bản (giữa phần đầu và chữ ký)",
                      "thân văn bản", "undecided")
        return
    problems: dict[str, list[Para]] = {}

    def add(msg, p):
        problems.setdefault(msg, []).append(p)

    for p in body:
        if _is_heading(p) or p in doc.subject or _words(p.text) < 4 or has_blank(p.text) and _words(p.text) < 8:
            # A line of fewer than four words (`./.`, `Căn cứ …;` of a model form) shows neither
            # its alignment nor its indent: judging them would be a guess.
            continue
        jc = p.pp.get("jc", "left")
        if jc not in ("both", "distribute"):
            add(f"đoạn văn căn lề {JC.get(jc, jc)} (Nghị định: canh đều cả hai lề)", p)
        szs = sizes(p)
        if not p.cont and not p.pp.get("numbered"):
            first = p.pp.get("ind_firstLine")
            if p.pp.get("ind_firstLineChars"):
                first = p.pp["ind_firstLineChars"] * max(szs or {28}) * 10 // 100
            if p.pp.get("ind_hanging"):
                add("đoạn văn thụt treo (hanging) thay vì lùi đầu dòng 1 cm hoặc 1,27 cm", p)
            elif not first:
                add("đoạn văn không lùi đầu dòng (Nghị định: lùi 1 cm hoặc 1,27 cm)", p)
            elif not (abs(first - 567) <= _INDENT_SLACK or abs(first - 720) <= _INDENT_SLACK):
                add(f"lùi đầu dòng {dec(first / 567)} cm (Nghị định: 1 cm hoặc 1,27 cm)", p)
        if not p.cont and _spacing(p, "before") + _spacing(p, "after") < 118:
            gap = (_spacing(p, "before") + _spacing(p, "after")) / 20
            add(f"khoảng cách giữa các đoạn {dec(gap, 1)} pt (Nghị định: tối thiểu 6 pt)", p)
        rule_ = p.pp.get("sp_lineRule", "auto")
        line = p.pp.get("sp_line") or 240
        if rule_ == "auto":
            multiple = line / 240
        else:
            multiple = line / (max(szs or {28}) * 10 * 1.15)
            if rule_ == "atLeast" and multiple < 1:
                multiple = 1.0  # "at least" less than a line: the line keeps its single height
        if rule_ == "auto" and not 238 <= line <= 362 or rule_ != "auto" and not 0.9 <= multiple <= 1.55:
            what = (f"{dec(multiple)} lines" if rule_ == "auto"
                    else f"cố định {dec(line / 20, 1)} pt (≈ {dec(multiple)} lines)")
            add(f"giãn dòng {what} (Nghị định: từ dòng đơn đến 1,5 lines)", p)
        bad = sorted(s for s in szs if not 26 <= s <= 28)
        if bad:
            add(f"nội dung cỡ chữ {', '.join(pt(s) for s in bad)} (Nghị định: 13–14)", p)
    yield from agg("BD", problems)
    last = body[-1]
    if not norm(last.text).endswith("./."):
        yield Finding("BD", "đoạn cuối nội dung không kết thúc bằng “./.” (Phụ lục III, các mẫu văn bản)",
                      where(last))


# 1 cm and 1,27 cm are one default tab in metric and in inches; an indent typed as 1,25 cm
# (Word's metric dialogs) or 1,23 cm is the same tab to the eye (0,2–0,4 mm on paper): only a
# difference over half a millimetre is a different indent.
_INDENT_SLACK = 30


def _one_basis(text: str) -> bool:
    """`Căn cứ Luật … 2015; Luật sửa đổi, bổ sung một số điều của Luật … 2019;`: a law and the
    laws amending it are cited as one basis on one line (as the Government's own decisions do)."""
    parts = [fold(x) for x in norm(text).rstrip(";. ").split(";")]
    return len(parts) > 1 and all("suadoi" in x or "bosung" in x for x in parts[1:])


_BASIS_NAMES = ("luat", "nghidinh", "thongtu", "quyetdinh", "nghiquyet", "phaplenh", "chithi")


@rule("CC", "Căn cứ ban hành: in thường, nghiêng, cỡ 13–14; mỗi căn cứ một dòng, cuối dòng “;”, dòng cuối “.”",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.6.a")
def check_legal_bases(doc: Doc):
    if doc.kind == CONG_VAN or (doc.kind != UNKNOWN and not doc.known_kind):
        return  # công văn; and a legal document ends its bases with the enacting sentence (NĐ 34/2016)  # a công văn that opens "Căn cứ …, UBND huyện đề nghị:" states, it does not cite bases
    paras = [p for p in doc.body if not _is_heading(p)][:40]
    start = next((k for k, p in enumerate(paras[:3]) if fold(p.text).startswith("cancu")), None)
    if start is None:
        return
    block, missing = [], []
    for p in paras[start:]:
        f = fold(p.text)
        if f.startswith("cancu") or (block and f.startswith(("theo", "xet"))):
            # `Theo đề nghị …`, `Theo Tờ trình …`, `Theo Đơn đề nghị …`, `Xét …`: the bases' last line.
            block.append(p)
        elif block and not f:
            block[-1] = p  # a model form's `……….` line closes the last basis: its end counts
        elif block and f.startswith(_BASIS_NAMES) and norm(p.text).endswith((";", ".")):
            # `Luật Tổ chức chính quyền địa phương …;` under a `Căn cứ` line: a basis without its word.
            missing.append(p)
            block.append(p)
        else:
            break
    for p in missing:
        yield Finding("CC", "căn cứ không bắt đầu bằng chữ “Căn cứ” (Nghị định: mỗi căn cứ một dòng "
                            "“Căn cứ …;”)", where(p), fix="thêm “Căn cứ” ở đầu dòng: “Căn cứ " + short(p.text, 40) + "”")
    for p in block:
        inner = norm(p.text).rstrip(";. ")
        if ";" in inner and not _one_basis(p.text):
            yield Finding("CC", "một dòng ghi nhiều căn cứ cách nhau bằng dấu “;” (Nghị định: sau mỗi căn cứ "
                                "phải xuống dòng)", where(p), fix="tách mỗi căn cứ thành một dòng riêng, cuối dòng “;”")
    for p in block:
        if not all_on(p, "i"):
            yield Finding("CC", "căn cứ ban hành không in nghiêng (Nghị định: chữ in thường, nghiêng)", where(p))
        yield from fmt("CC", p, "căn cứ", size=(26, 28))
    for p in block[:-1]:
        if not norm(p.text).endswith(";"):
            yield Finding("CC", "mỗi căn cứ phải kết thúc bằng dấu chấm phẩy (;)", where(p))
    if block and not norm(block[-1].text).endswith("."):
        yield Finding("CC", "căn cứ cuối cùng phải kết thúc bằng dấu chấm (.)", where(block[-1]))


_PART = re.compile(r"^(Phần|Chương|PHẦN|CHƯƠNG)\s+(\S+)$")
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*([.:]?)\s*(.*)$")


@rule("DM", "Phần, Chương (số La Mã), Mục: riêng một dòng, canh giữa, đậm, tên in hoa đậm; “Điều 1.” đậm",
      "NĐ 30/2020, Phụ lục I, Phần I, mục II.6.e")
def check_headings(doc: Doc):
    body = doc.body
    # A body paragraph may open with "Điều 5 Nghị định …" as prose: only a document laid out in
    # articles ("Điều 1.", "Điều 2." …) has article headings to hold to the rule.
    articles = [p for p in body if re.match(r"^Điều\s+\d+\s*[.:]", squash(p.text))]
    for k, p in enumerate(body):
        text = squash(p.text)
        m = _PART.match(text)
        if m:
            word, num = m.group(1), m.group(2)
            label = f"“{text}”"
            if num.isdigit():
                yield Finding("DM", f"{label}: số thứ tự của {word.lower()} phải là chữ số La Mã "
                                    f"(Nghị định: “{word.capitalize()} I, II…”)", where(p))
            elif not re.fullmatch(r"[IVXLC]+", num):
                continue  # "Phần mềm…": not a heading
            if word.isupper():
                yield Finding("DM", f"{label}: từ “{word.capitalize()}” viết in thường (Nghị định: chữ in thường, đậm)",
                              where(p))
            yield from fmt("DM", p, f"tiêu đề {word.lower()}", bold=True, jc=("center",))
            title = body[k + 1] if k + 1 < len(body) else None
            if title is not None and not _PART.match(squash(title.text)) and not _ARTICLE.match(squash(title.text)):
                yield from fmt("DM", title, f"tên {word.lower()}", bold=True, upper=True, jc=("center",))
            continue
        m = _ARTICLE.match(text)
        if m and len(text) < 160 and (m.group(2) or len(articles) >= 2):
            if m.group(2) == ":":
                yield Finding("DM", f"“Điều {m.group(1)}{m.group(2)}”: sau số thứ tự điều phải có dấu chấm "
                                    f"(Nghị định: “Điều {m.group(1)}. …”)", where(p))
            runs = [r for r in p.text_runs()]
            lead = next((r for r in runs if r.text.strip()), None)
            if lead is not None and not lead.rp.get("b"):
                yield Finding("DM", f"“Điều {m.group(1)}.” không in đậm (Nghị định: từ “Điều”, số thứ tự và tiêu "
                                    "đề của điều in đậm)", where(p))
