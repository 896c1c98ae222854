"""`cchc verify`: for each signature of a PDF, who signed and when, whether the document
changed after it, whether the certificate chains to a trusted root, and whether its
appearance follows Decree 30 (image present and placed, text lines right).

The cryptographic part is pyHanko's validator (integrity, signature, chain, and its
difference analysis of later revisions: form filling and new signatures are allowed,
anything else is a change). The appearance part reads the widget rectangles back and
relates them to the text boxes of the position line and the name.
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import DocumentError, Problem
from .layout import Box, find_signer_block, read_layout, top_right_box
from .signing import FIELD, ROLE_OF_FIELD, TEXT_PT, VN_TZ, format_time, open_writer

_ACTUAL = re.compile(rb"/ActualText\s*\(((?:\\.|[^\\)])*)\)", re.S)
_ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _pdf_literal(raw: bytes) -> str:
    out, i = bytearray(), 0
    while i < len(raw):
        c = raw[i:i + 1]
        if c == b"\\" and i + 1 < len(raw):
            nxt = raw[i + 1:i + 2]
            if nxt in _ESC:
                out += _ESC[nxt]
                i += 2
                continue
            m = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4])
            if m:
                out.append(int(m.group(), 8) & 0xFF)
                i += 1 + len(m.group())
                continue
            i += 1
            continue
        out += c
        i += 1
    data = bytes(out)
    return data[2:].decode("utf-16-be", "replace") if data.startswith(b"\xfe\xff") else data.decode("latin-1")


@dataclass
class SignatureReport:
    field: str
    role: str | None
    signer: str
    signed_at: str | None
    intact: bool
    valid: bool
    trusted: bool
    changed_after: bool
    covers_whole_file: bool
    modification: str
    timestamped: bool
    appearance_ok: bool | None
    appearance: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and not self.changed_after and self.appearance_ok is not False


@dataclass
class Report:
    file: str
    signatures: list[SignatureReport]
    error: str | None = None
    unsigned: bool = False      # a readable PDF without any signature: invalid (exit 1), not unreadable

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.signatures) and all(s.ok for s in self.signatures)

    def as_json(self) -> dict:
        return {"file": self.file, "ok": self.ok, "error": self.error,
                "signatures": [{**asdict(s), "ok": s.ok} for s in self.signatures]}


def _common_name(cert) -> str:
    native = cert.subject.native
    return native.get("common_name") or cert.subject.human_friendly


def _load_roots(paths) -> list:
    from asn1crypto import pem, x509 as asn1_x509

    roots = []
    for p in paths or []:
        data = Path(p).read_bytes()
        try:
            if pem.detect(data):
                roots += [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
            else:
                roots.append(asn1_x509.Certificate.load(data))
        except ValueError:
            raise DocumentError(Problem("tệp chứng thư gốc không đọc được (cần PEM hoặc DER)", file=str(p))) from None
    return roots


def _has_image(obj, depth: int = 0) -> bool:
    """Whether an appearance stream draws an image (directly or in a nested form)."""
    if depth > 4:
        return False
    try:
        xobjs = obj["/Resources"]["/XObject"]
    except (KeyError, TypeError):
        return False
    for ref in xobjs.values():
        x = ref.get_object()
        if x.get("/Subtype") == "/Image" or _has_image(x, depth + 1):
            return True
    return False


def _texts(obj, depth: int = 0) -> list[str]:
    if depth > 4:
        return []
    found = [_pdf_literal(m.group(1)) for m in _ACTUAL.finditer(obj.data)]
    try:
        for ref in obj["/Resources"]["/XObject"].values():
            x = ref.get_object()
            if x.get("/Subtype") == "/Form":
                found += _texts(x, depth + 1)
    except (KeyError, TypeError):
        pass
    return found


def _rect(annot) -> Box:
    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
    return Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def check_appearance(role: str, annot, pages, rects: dict, signed_at, number_label=None) -> list[str]:
    """The decree's placement rules, as problems (empty: follows the decree)."""
    problems = []
    try:
        ap = annot["/AP"]["/N"]
    except KeyError:
        return ["chữ ký không có hình hiển thị"]
    rect = _rect(annot)
    image = _has_image(ap)
    if role in ("signer", "agency"):
        if not image:
            problems.append("thiếu hình ảnh " + ("chữ ký" if role == "signer" else "con dấu"))
        block = find_signer_block(pages)
        if role == "signer":
            gap = block.gap
            centre = (block.position.box.cx + block.name.box.cx) / 2
            if not (gap.y0 - 2 <= rect.y0 and rect.y1 <= gap.y1 + 2):
                problems.append("hình chữ ký không nằm giữa dòng chức vụ và họ tên")
            if abs(rect.cx - centre) > 12:
                problems.append(f"hình chữ ký lệch {rect.cx - centre:+.0f} pt so với giữa khối chữ ký")
        else:
            side_mm = max(rect.width, rect.height) * 25.4 / 72
            if not 30 <= side_mm <= 45:
                problems.append(f"con dấu {side_mm:.0f} mm, không đúng kích thước thật (35-40 mm)")
            under = rects.get("signer")
            if under is not None:
                covered = (min(rect.x1, under.x1) - max(rect.x0, under.x0)) / under.width
                if not (0.2 <= covered <= 0.45 and rect.x0 < under.x0):
                    problems.append(f"con dấu trùm {covered:.0%} hình chữ ký, không phải khoảng 1/3 bên trái")
                if rect.y1 < under.cy or rect.y0 > under.cy:
                    problems.append("con dấu không ngang hình chữ ký")
    else:
        if image:
            problems.append("chữ ký của tệp kèm theo/bản sao không được có hình ảnh")
        expected = top_right_box(pages, 2 if role == "attachment" else 3, TEXT_PT)
        if rect.y0 < expected.y0 - 6 or abs(rect.x1 - expected.x1) > 15:
            problems.append("chữ ký không ở góc trên bên phải trang đầu")
        lines = _texts(ap)
        when = format_time(signed_at) if signed_at else None
        if role == "attachment":
            if len(lines) != 2 or lines[1] != when or not re.match(r"^\d{2,}/\S+$", lines[0] or ""):
                problems.append(f"dòng chữ phải là số, ký hiệu và thời gian ký {when}; có: {' | '.join(lines)}")
        elif len(lines) != 3 or lines[0] != "SAO Y" or lines[2] != when:
            problems.append(f"dòng chữ phải là SAO Y, tên cơ quan, thời gian ký {when}; có: {' | '.join(lines)}")
    return problems


def verify_pdf(data: bytes, trust=(), name: str = "PDF") -> Report:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = open_writer(data, name).prev
        sigs = reader.embedded_signatures
    except DocumentError as exc:
        return Report(name, [], error=str(exc.problems[0]))
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return Report(name, [], error=f"không đọc được PDF: {exc}")
    roots = _load_roots(trust)
    pages = None
    rects = {ROLE_OF_FIELD[s.field_name]: _rect(s.sig_field) for s in sigs
             if s.field_name in ROLE_OF_FIELD and "/Rect" in s.sig_field}
    out = []
    for emb in sigs:
        vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        try:
            st = validate_pdf_signature(emb, vc)
        except Exception as exc:   # a malformed CMS blob is "invalid", not a crash
            out.append(SignatureReport(emb.field_name, ROLE_OF_FIELD.get(emb.field_name), "?", None, False, False,
                                       False, True, False, "?", False, None, [f"không kiểm tra được: {exc}"]))
            continue
        when = st.signer_reported_dt
        role = ROLE_OF_FIELD.get(emb.field_name)
        problems, app_ok = [], None
        if role is not None:
            if pages is None:
                pages = _without_widgets(read_layout(data, name), sigs)
            try:
                problems = check_appearance(role, emb.sig_field, pages, rects, when)
            except DocumentError as exc:    # e.g. a damaged page: the layout is unreadable
                problems = [exc.problems[0].message]
            app_ok = not problems
        level = st.modification_level.name if st.modification_level is not None else "?"
        changed = not st.docmdp_ok or level not in ("NONE", "LTA_UPDATES", "FORM_FILLING")
        out.append(SignatureReport(
            field=emb.field_name, role=role, signer=_common_name(st.signing_cert),
            signed_at=format_time(when) if when else None, intact=st.intact, valid=st.valid,
            trusted=st.trusted, changed_after=changed,
            covers_whole_file=st.coverage.name == "ENTIRE_FILE", modification=level,
            timestamped=st.timestamp_validity is not None, appearance_ok=app_ok, appearance=problems))
    if not sigs:
        return Report(name, [], error="PDF không có chữ ký số", unsigned=True)
    return Report(name, out)


def _without_widgets(pages, sigs):
    """The page text without what the signatures' own appearances print (pdftotext reads
    annotation appearances too: the copy stamp would otherwise be the topmost text)."""
    from .layout import Line

    boxes = [_rect(s.sig_field) for s in sigs if "/Rect" in s.sig_field]
    for page in pages:
        kept = []
        for line in page.lines:
            words = [w for w in line.words if not any(b.x0 <= w.box.cx <= b.x1 and b.y0 <= w.box.cy <= b.y1
                                                        for b in boxes)]
            if words:
                kept.append(Line(words, line.box) if len(words) == len(line.words) else
                            Line(words, Box(min(w.box.x0 for w in words), min(w.box.y0 for w in words),
                                            max(w.box.x1 for w in words), max(w.box.y1 for w in words))))
        page.lines = kept
    return pages
