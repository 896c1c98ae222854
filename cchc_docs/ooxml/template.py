"""Prepared templates: a Word template made ready once, rendered many times.

docxtpl re-patches the XML and compiles a new jinja2 template on every render (about
12 ms, see PERFORMANCE-NOTES.md). Here docxtpl's own XML patching runs once per
template; each render is a jinja2 render of the parts that hold tags plus the zip
write. Templates follow docxtpl's syntax (`{{ x }}`, `{%p %}`, `{%tr %}`), render
with autoescape on and StrictUndefined: a missing field is an error, never a blank.

Footnotes: a composer puts `footnote_mark(n)` in a text value; after rendering, each
mark becomes a real Word footnote reference (`w:footnoteReference`), and footnote n's
text goes to word/footnotes.xml. Doing it after rendering keeps the run's formatting
and works however Word has split the template's runs.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from ..errors import InputError, Problem
from .package import package_bytes, read_parts, PackageError
from .skeleton import FOOTNOTES_CT, FOOTNOTES_REL, core_xml, footnotes_xml

_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")
_RUN_WITH_MARK = re.compile(r"<w:r(?: [^>]*)?>(?:(?!</w:r>).)*?" + _MARK_OPEN + r".*?</w:r>", re.S)
_RPR = re.compile(r"<w:rPr>.*?</w:rPr>", re.S)
_TAGGED = re.compile(rb"\{\{|\{%")
_FOOTNOTE_REF_RUN = ('</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
                     '<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'
                     '<w:r>{rpr}<w:t xml:space="preserve">')


def footnote_mark(n: int) -> str:
    """Placeholder for footnote n (1-based) inside a text value."""
    return f"{_MARK_OPEN}{n}{_MARK_CLOSE}"


def _environment():
    """Templates are data a clerk (or anyone who sends one) edits, not code: rendered in
    jinja2's immutable sandbox, which refuses `__init__`, `__globals__` and the like, and
    with no globals beyond the documented fields the composer passes in."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined,
                                        keep_trailing_newline=True)
    env.globals.clear()  # no range/cycler/joiner/namespace/lipsum/dict: only the fields
    return env


_TAGS = re.compile(r"<[^>]+>")


def _paragraph_text(line: str) -> str:
    text = re.sub(r"\s+", " ", _TAGS.sub("", line)).strip()
    return text if len(text) <= 120 else text[:117] + "..."


def _field_name(message: str | None) -> str:
    """`'cycler' is undefined` / `'dict object' has no attribute 'x'` → `'cycler'` / `'x'`."""
    names = re.findall(r"'([^']+)'", message or "")
    return f"'{names[-1]}'" if names else "(không rõ tên)"


def _unsafe_name(message: str) -> str:
    names = re.findall(r"'([^']+)'", message)
    return f"truy cập '{names[0]}'" if names else "truy cập không an toàn"


_BLOCK = re.compile(r"\{%-?\s*(?:[a-z]{1,2}\s+)?(if|for|endif|endfor)\b")


def _broken_paragraph(source: str, lineno: int | None) -> str:
    """The text of the paragraph a syntax error is in: the first one whose `{{`/`{%` are
    not closed in it, else the one opening an `if`/`for` that never ends (jinja itself
    reports where it noticed, often the end of the document)."""
    lines = source.split("\n")
    for line in lines:
        text = _TAGS.sub("", line)
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
            return _paragraph_text(line)
    stack: list[tuple[str, str]] = []
    for line in lines:
        for word in _BLOCK.findall(_TAGS.sub("", line)):
            if word in ("if", "for"):
                stack.append((word, line))
            elif stack and stack[-1][0] == word[3:]:
                stack.pop()
            else:
                return _paragraph_text(line)
    if stack:
        return _paragraph_text(stack[-1][1])
    if lineno and 0 < lineno <= len(lines):
        return _paragraph_text(lines[lineno - 1])
    return ""


def _patch(xml: str) -> str:
    """docxtpl's cleaning of Word XML into jinja2 source (tags split across runs, {%p %}...)."""
    from docxtpl import DocxTemplate

    # patch_xml uses no instance state; borrowing it keeps template syntax exactly docxtpl's.
    src = DocxTemplate.patch_xml(DocxTemplate.__new__(DocxTemplate), xml)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", src)


class PreparedTemplate:
    def __init__(self, source: str | Path | bytes, name: str | None = None):
        self.name = name or (str(source) if not isinstance(source, bytes) else "template")
        try:
            parts = read_parts(source)
        except PackageError as exc:
            raise InputError(Problem(f"mẫu văn bản không đọc được: {exc}", file=str(self.name))) from None
        self.static: dict[str, bytes] = {}
        self.compiled: dict = {}
        self.order = list(parts)
        self._zip_cache: dict = {}  # compressed bytes of the parts no render changes
        env = _environment()
        import jinja2

        for part, data in parts.items():
            if part.endswith(".xml") and part.startswith("word/") and _TAGGED.search(data):
                source = _patch(data.decode("utf-8"))
                try:
                    self.compiled[part] = env.from_string(source)
                except jinja2.TemplateSyntaxError as exc:
                    paragraph = _broken_paragraph(source, exc.lineno)
                    where = f" ở đoạn «{paragraph}»" if paragraph else ""
                    raise InputError(Problem(
                        f"mẫu có thẻ viết sai{where} (phần {part}, dòng {exc.lineno})",
                        file=self.name, hint="mở mẫu trong Word, đóng mọi thẻ {{ … }} / {% … %} "
                                             "của đoạn đó rồi lưu lại")) from None
            else:
                self.static[part] = data
        _ensure_footnotes_part(self.static, self.order)

    def render_parts(self, context: dict, footnotes: list[str] = (), title: str = "",
                     creator: str = "", stamp: str = "2024-01-01T00:00:00Z") -> dict[str, bytes]:
        import jinja2

        out: dict[str, bytes] = {}
        for part in self.order:
            if part in self.compiled:
                try:
                    xml = self.compiled[part].render(context)
                except jinja2.UndefinedError as exc:
                    raise InputError(Problem(
                        f"mẫu dùng trường không có trong dữ liệu: {_field_name(exc.message)}", file=self.name,
                        hint="sửa tên trường trong mẫu cho đúng (xem README, mục Mẫu văn bản)")) from None
                except jinja2.exceptions.SecurityError as exc:
                    raise InputError(Problem(
                        f"mẫu có biểu thức không được phép ({_unsafe_name(str(exc))}): mẫu chỉ được dùng các trường "
                        f"dữ liệu, không được gọi mã lệnh", file=self.name,
                        hint="xóa biểu thức đó khỏi mẫu; các trường dùng được ghi trong README, mục Mẫu văn bản")) from None
                except (TypeError, ValueError, AttributeError, jinja2.TemplateError) as exc:
                    raise InputError(Problem(
                        f"mẫu có biểu thức không tính được ({type(exc).__name__})", file=self.name,
                        hint="chỉ dùng các trường dữ liệu và thẻ ghi trong README, mục Mẫu văn bản")) from None
                # Undo _patch's line breaks (there for jinja's line numbers); str.replace is
                # several times faster than the regex on a whole document part.
                xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
                out[part] = _expand_marks(xml).encode("utf-8")
            else:
                out[part] = self.static[part]
        out["word/footnotes.xml"] = _footnotes(self.static["word/footnotes.xml"], footnotes)
        out["docProps/core.xml"] = core_xml(title, creator, stamp).encode("utf-8")
        return out

    def render(self, context: dict, level: int = 6, **kwargs) -> bytes:
        return package_bytes(self.render_parts(context, **kwargs), cache=self._zip_cache, level=level)


def _expand_marks(xml: str) -> str:
    if _MARK_OPEN not in xml:
        return xml

    def split_run(m: re.Match) -> str:
        run = m.group(0)
        rpr = _RPR.search(run)
        rpr_xml = rpr.group(0) if rpr else ""
        return _MARK.sub(lambda k: _FOOTNOTE_REF_RUN.format(n=k.group(1), rpr=rpr_xml), run)

    return _RUN_WITH_MARK.sub(split_run, xml)


def _footnotes(template_part: bytes, notes: list[str]) -> bytes:
    """The template's separators, then one footnote per text, ids 1..n."""
    xml = template_part.decode("utf-8")
    # Drop any real footnote a clerk left in the template: ours are the data's.
    xml = re.sub(r'<w:footnote (?:(?!w:type=)[^>])*>.*?</w:footnote>', "", xml, flags=re.S)
    notes_xml = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        for n, text in enumerate(notes, start=1))
    return xml.replace("</w:footnotes>", notes_xml + "</w:footnotes>").encode("utf-8")


def _ensure_footnotes_part(static: dict[str, bytes], order: list[str]) -> None:
    """Word drops footnotes.xml from a document that has no footnote; put it back."""
    if "word/footnotes.xml" in static:
        return
    static["word/footnotes.xml"] = footnotes_xml().encode("utf-8")
    order.append("word/footnotes.xml")
    rels = static["word/_rels/document.xml.rels"].decode("utf-8")
    if "footnotes.xml" not in rels:
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdCchcFootnotes" Type="{FOOTNOTES_REL}" '
                                                 'Target="footnotes.xml"/></Relationships>')
        static["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    ct = static["[Content_Types].xml"].decode("utf-8")
    if "/word/footnotes.xml" not in ct:
        ct = ct.replace("</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_CT}"/></Types>')
        static["[Content_Types].xml"] = ct.encode("utf-8")
