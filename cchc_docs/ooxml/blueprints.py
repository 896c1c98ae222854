"""The sample templates in templates/, built from code so that their layout is exact.

Clerks edit the resulting .docx files in Word; this module is how developers make
them anew (`python -m cchc_docs.ooxml.blueprints templates/`), and a test checks that
the committed templates are what it builds. Template tags are docxtpl's: `{{ x }}`,
`{%p for ... %}` paragraphs, `{%tr ... %}` table rows.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import wordml as x
from .chart import CHART_NAME
from .package import write_package
from .skeleton import parts
from ..statuses import OUTCOMES, STATUSES


def _signer():
    """The signer block's upper lines: the first (quyền hạn, or the position when signing
    in one's own name) with the space above it, then every further line on its own line,
    as many as cchc.toml gives (`KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`)."""
    return ("{{ signer_lines[0] }}",
            (_tag("{%p for line in signer_lines[1:] %}"), "{{ line }}", _tag("{%p endfor %}")))


def _tag(tag: str) -> str:
    """A paragraph holding only a docxtpl block tag (removed when rendered)."""
    return x.para(x.run(tag))


def _agency_lines(field: str, bold: bool) -> str:
    """The header's agency paragraphs, one per line of `field` (units.headers.header_lines
    breaks names between words of meaning; a People's Committee has no parent lines)."""
    return (_tag(f"{{%p for line in {field} %}}") + x.text_para("{{ line }}", b=bold, sz=26, jc="center")
            + _tag("{%p endfor %}"))


# Lengths of the line under the agency name (twips): the one nearest 45% of the longest
# agency line is kept when rendered (Decree 30: 1/3–1/2 of the line), so `SỞ NỘI VỤ`
# and `ỦY BAN NHÂN DÂN` each get a fitting line while the template stays plain Word.
RULE_WIDTHS = (600, 800, 1000, 1300, 1600, 1900)


def _agency_rule() -> str:
    out = []
    for k, width in enumerate(RULE_WIDTHS):
        out.append(_tag(("{%p if " if k == 0 else "{%p elif ") + f"agency_rule == {width} %}}"))
        out.append(x.rule(width, x.HEADER_LEFT))
    return "".join(out) + _tag("{%p endif %}")


def letter_template() -> dict[str, bytes]:
    """Công văn đôn đốc: the reference letter of Hương Sơn 2024, with its data as fields."""
    header = x.header_table(
        parent_xml=_agency_lines("parent_lines", bold=False),
        agency="", agency_xml=_agency_lines("agency_lines", bold=True), rule_xml=_agency_rule(),
        number="Số: {{ number }}/{{ symbol }}",
        date_line="{{ date_line }}",
        subject_paras=x.para(x.run("V/v {{ subject }}", sz=24), jc="center", before=120),
    )
    recipients = x.recipients_block("{{ recipients[0] }}", _tag("{%p for r in recipients[1:] %}"),
                                    "{{ r }}", _tag("{%p endfor %}"))
    b = x.body
    blocks = [
        header,
        recipients,
        b("Theo báo cáo của Đoàn kiểm tra cải cách hành chính (CCHC) trong {{ period }}, công tác CCHC "
          "đã được cấp ủy, chính quyền các cấp tiếp tục quan tâm, chỉ đạo quyết liệt, nhiều địa phương có "
          "chuyển biến tích cực trong thực hiện CCHC. Kết quả của CCHC đã góp phần tác động tích cực đến "
          "phát triển kinh tế - xã hội và nâng cao sự hài lòng của người dân, doanh nghiệp đối với các cơ "
          "quan nhà nước."),
        _tag("{%p if findings_sentence %}"),
        b("Tuy nhiên, công tác CCHC vẫn còn có một số nội dung, lĩnh vực chưa đáp ứng yêu cầu như: "
          "{{ findings_sentence }}. Nguyên nhân chủ yếu do người đứng đầu một số địa phương chưa quan tâm "
          "lãnh đạo, chỉ đạo, thực hiện các nhiệm vụ CCHC. Một số cán bộ, công chức thiếu trách nhiệm trong "
          "giải quyết thủ tục hành chính, hướng dẫn, phục vụ người dân, có biểu hiện sách nhiễu, gây phiền "
          "hà...; một số công chức năng lực yếu, khả năng tiếp cận cái mới chậm, đặc biệt là lĩnh vực công "
          "nghệ thông tin, hiện đại hóa nền hành chính. Việc khắc phục các tồn tại, hạn chế đã được chỉ ra "
          "sau kiểm tra ở một số địa phương chưa triệt để, kịp thời."),
        _tag("{%p endif %}"),
        b("Để tiếp tục phát huy các kết quả đạt được, khắc phục những tồn tại, hạn chế trong công tác CCHC, "
          "{{ agency_title }} yêu cầu:"),
        x.para(x.run("1. {{ bodies }} tập trung khắc phục triệt để các tồn tại, hạn chế "
                     "trong thực hiện CCHC do Đoàn kiểm tra đã chỉ ra (tại {{ inspection }}); báo cáo kết quả "
                     "khắc phục về {{ agency_title }} ("),
               x.run("qua {{ office }}", i=True),
               x.run(") trước ngày {{ deadline }}."),
               jc="both", first=x.FIRST_LINE, before=120, line=276),
        b("2. Tập trung triển khai các nhiệm vụ tại {{ plan }} một cách đồng bộ, toàn diện trên tất cả các "
          "lĩnh vực; trong đó tập trung một số nội dung trọng tâm sau:"),
        _tag("{%p for t in tasks %}"),
        b("- {{ t }}"),
        _tag("{%p endfor %}"),
        b("3. Giao {{ office }} chủ trì, phối hợp các cơ quan chuyên môn thuộc {{ agency_short }} thường "
          "xuyên theo dõi, tổng hợp, báo cáo tiến độ thực hiện của các địa phương tại các cuộc họp giao ban "
          "hằng tháng của {{ agency_short }}."),
        b("Yêu cầu các đơn vị, địa phương triển khai thực hiện nghiêm túc./."),
        x.signature_table((_tag("{%p for item in copies %}"), "{{ item }}", _tag("{%p endfor %}")),
                          *_signer(), "{{ signer_name }}"),
    ]
    return parts(x.document(blocks, x.sect_pr()))


def _heading(text: str) -> str:
    """Report headings (`I. CÔNG TÁC TRIỂN KHAI`, `1. Kết quả chung`): bold, own line,
    laid out like the body so the page reads as one column."""
    return x.body(text, run={"b": True}, keep_next=True)


def _lines(var: str, items: str) -> list[str]:
    """One body paragraph per item of a list field."""
    return [_tag(f"{{%p for {var} in {items} %}}"), x.body(f"{{{{ {var} }}}}"), _tag("{%p endfor %}")]


def _row_tag(tag: str, widths: list[int]) -> list[str]:
    """A table row holding only a docxtpl `{%tr %}` tag (removed when rendered)."""
    return [x.span_cell(_tag(tag), sum(widths), len(widths))]


def _cells(texts: list[str], widths: list[int], b=False, left=()) -> list[str]:
    return [x.cell(x.text_para(t, b=b, sz=24, jc="left" if k in left else "center"), w, valign="center")
            for k, (t, w) in enumerate(zip(texts, widths))]


COMMUNE_WIDTHS = [567, 2835, 945, 945, 945, 945, 945, 944]
COMMUNE_HEADERS = ["TT", "Đơn vị", "Số tồn tại, hạn chế", *OUTCOMES, "Tỷ lệ đã khắc phục"]
COMMUNE_FIELDS = ["tt", "name", "total", "remedied", "in_progress", "not_remedied", "not_reported", "rate"]
LANDSCAPE_WIDTH = x.PAGE_H - x.MARGIN_LEFT - x.MARGIN_RIGHT  # 14003
APPENDIX_WIDTHS = [709, 3969, 1134, 3402, 1843, 1417, 1529]
APPENDIX_HEADERS = ["TT", "Tồn tại, hạn chế", "Số liệu", "Kết quả khắc phục", "Tình trạng",
                    "Ngày hoàn thành", "Ghi chú"]
APPENDIX_FIELDS = ["tt", "name", "figure", "result", "status", "done", "note"]


def _commune_table() -> str:
    w = COMMUNE_WIDTHS
    rows = [_cells(COMMUNE_HEADERS, w, b=True),
            _row_tag("{%tr for c in commune_rows %}", w),
            _cells([f"{{{{ c.{f} }}}}" for f in COMMUNE_FIELDS], w, left=(1,)),
            _row_tag("{%tr endfor %}", w),
            _cells([f"{{{{ commune_total.{f} }}}}" for f in COMMUNE_FIELDS], w, b=True, left=(1,))]
    return x.table(rows, w, borders=True, header_rows=1)


def _appendix_table() -> str:
    w = APPENDIX_WIDTHS
    group = [x.cell(x.text_para("{{ g.tt }}", b=True, sz=24, jc="center"), w[0]),
             x.span_cell(x.text_para("{{ g.head }}", b=True, sz=24), sum(w[1:]), len(w) - 1)]
    rows = [_cells(APPENDIX_HEADERS, w, b=True),
            _row_tag("{%tr for g in appendix %}", w), group,
            _row_tag("{%tr for r in g.rows %}", w),
            _cells([f"{{{{ r.{f} }}}}" for f in APPENDIX_FIELDS], w, left=(1, 3, 6)),
            _row_tag("{%tr endfor %}", w), _row_tag("{%tr endfor %}", w)]
    return x.table(rows, w, borders=True, header_rows=1)


def report_template() -> dict[str, bytes]:
    """Báo cáo tổng hợp to the Sở Nội vụ: figures from the communes' returns, a chart,
    and a landscape appendix (Phụ lục, numbered on its own) with every shortfall."""
    header = x.header_table(parent_xml=_agency_lines("parent_lines", bold=False), agency="",
                            agency_xml=_agency_lines("agency_lines", bold=True), rule_xml=_agency_rule(),
                            number="Số: {{ number }}/{{ symbol }}", date_line="{{ date_line }}")
    b = x.body
    caption = dict(style="Caption", jc="center", before=120, after=120)
    blocks = [
        header,
        x.text_para("BÁO CÁO", b=True, sz=28, jc="center", before=360),
        x.text_para("{{ subject }}", b=True, sz=28, jc="center"),
        x.rule(2268, x.TEXT_WIDTH),
        x.para(x.run("Kính gửi: {{ report_to }}.", sz=28), jc="center", before=120, after=120, sz=28),
        b("{{ intro }}"),
        _heading("I. CÔNG TÁC TRIỂN KHAI"),
        *_lines("d", "deployment"),
        _heading("II. KẾT QUẢ KHẮC PHỤC"),
        _heading("1. Kết quả chung"),
        b("{{ total_line }}"),
        *_lines("line", "overall"),
        _heading("2. Kết quả theo từng nội dung"),
        *_lines("line", "indicators"),
        _heading("3. Kết quả theo từng đơn vị"),
        *_lines("line", "communes_summary"),
        b("Kết quả của từng đơn vị tại Bảng 1 và Biểu đồ 1; kết quả khắc phục từng tồn tại, hạn chế "
          "tại Phụ lục kèm theo Báo cáo này."),
        x.para(x.run("Bảng 1. Kết quả khắc phục tồn tại, hạn chế theo từng đơn vị"), keep_next=True, **caption),
        _commune_table(),
        _tag("{%p if chart %}"),
        x.para(x.inline_picture("rIdChart", "{{ chart_cx }}", "{{ chart_cy }}", CHART_NAME, "Biểu đồ 1"),
               jc="center", before=240, keep_next=True),
        x.para(x.run("{{ chart_caption }}"), **caption),
        _tag("{%p endif %}"),
        _heading("III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        _heading("1. Tồn tại, hạn chế"),
        *_lines("line", "shortcomings"),
        _heading("2. Nguyên nhân"),
        b("- Người đứng đầu một số địa phương chưa thực sự quan tâm, sát sao trong lãnh đạo, chỉ đạo "
          "khắc phục các tồn tại, hạn chế sau kiểm tra; việc theo dõi, đôn đốc chưa thường xuyên."),
        b("- Một số nội dung cần có thời gian và nguồn lực để thực hiện; năng lực của một bộ phận cán bộ, "
          "công chức, nhất là về ứng dụng công nghệ thông tin, còn hạn chế."),
        _heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        b("{{ proposal_communes }}"),
        b("2. Đề nghị {{ report_to }} tiếp tục quan tâm hướng dẫn, tập huấn chuyên môn, nghiệp vụ về "
          "cải cách hành chính cho đội ngũ cán bộ, công chức cấp xã."),
        b("Trên đây là báo cáo kết quả khắc phục tồn tại, hạn chế trong thực hiện CCHC {{ period }} của "
          "{{ agency_title }}, kính báo cáo {{ report_to }}./."),
        x.signature_table((_tag("{%p for item in copies %}"), "{{ item }}", _tag("{%p endfor %}")),
                          *_signer(), "{{ signer_name }}"),
        x.sect_pr(final=False),
        x.text_para("Phụ lục", b=True, sz=28, jc="center"),
        x.text_para("KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ CỦA TỪNG ĐƠN VỊ", b=True, sz=28, jc="center"),
        x.text_para("{{ appendix_ref }}", i=True, sz=28, jc="center"),
        x.rule(2268, LANDSCAPE_WIDTH),
        _appendix_table(),
    ]
    document = x.document(blocks, x.sect_pr(landscape=True, page_start=1))
    return parts(document, extra_parts={"word/media/chart.png": x.placeholder_png()},
                 extra_rels={"rIdChart": ("image", "media/chart.png")})


# The last column, `Mã`, holds the indicator code the returns reader matches rows by: hidden
# text in a hairline column, so the commune sees TT (1, 2, 3…) and never an internal slug.
FORM_WIDTHS = [454, 2150, 1350, 1800, 1150, 950, 1100, 117]
FORM_HEADERS = ["TT", "Tồn tại, hạn chế", "Số liệu", "Kết quả khắc phục", "Tình trạng",
                "Ngày hoàn thành", "Ghi chú", "Mã"]
FORM_FIELDS = ["tt", "name", "figure", "result", "status", "done", "note", "code"]


def _form_cells(texts: list[str], widths: list[int], b=False, left=()) -> list[str]:
    cells = _cells(texts[:-1], widths[:-1], b=b, left=left)
    key = x.para(x.run(texts[-1], b=b, sz=16, vanish=True), sz=16)
    return cells + [x.cell(key, widths[-1], valign="center")]


def form_template() -> dict[str, bytes]:
    """The remediation form a commune completes and sends back: a báo cáo in the
    commune's own name, one table row per shortfall (the `Mã` column and the `Mã đơn vị`
    line let returns be matched without relying on file names)."""
    header = x.header_table(parent_xml=_agency_lines("parent_lines", bold=False), agency="",
                            agency_xml=_agency_lines("agency_lines", bold=True), rule_xml=_agency_rule(),
                            number="Số: {{ number }}/{{ form_symbol }}",
                            date_line="{{ date_line }}")
    w = FORM_WIDTHS
    table = x.table([_form_cells(FORM_HEADERS, w, b=True),
                     _row_tag("{%tr for r in rows %}", w),
                     _form_cells([f"{{{{ r.{f} }}}}" for f in FORM_FIELDS], w, left=(1, 2, 3, 6)),
                     _row_tag("{%tr endfor %}", w)], w, borders=True, header_rows=1)
    b = x.body
    blocks = [
        header,
        x.text_para("BÁO CÁO", b=True, sz=28, jc="center", before=360),
        x.text_para("{{ subject }}", b=True, sz=28, jc="center"),
        x.rule(2268, x.TEXT_WIDTH),
        x.para(x.run("Kính gửi: {{ recipient }}.", sz=28), jc="center", before=120, after=120, sz=28),
        b("Thực hiện Công văn số {{ letter_number }}/{{ letter_symbol }}{{ letter_issued }} của {{ agency_title }} về việc {{ letter_subject }}, "
          "{{ committee }} báo cáo kết quả khắc phục như sau:"),
        b("Mã đơn vị: {{ code }}"),
        _heading("I. KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ"),
        _tag("{%p if rows %}"),
        b("Các tồn tại, hạn chế Đoàn kiểm tra đã chỉ ra và kết quả khắc phục của đơn vị:"),
        table,
        b(f"Cột Tình trạng ghi một trong: {', '.join(STATUSES)}.",
          run={"i": True}),
        _tag("{%p else %}"),
        b("Qua kiểm tra, đơn vị không có tồn tại, hạn chế phải khắc phục."),
        _tag("{%p endif %}"),
        _heading("II. THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM"),
        b("Kết quả thực hiện các nhiệm vụ trọng tâm theo Công văn (nêu ngắn gọn từng nhiệm vụ):"),
        *_lines("t", "tasks"),
        b("Trên đây là báo cáo kết quả khắc phục tồn tại, hạn chế trong thực hiện CCHC {{ period }} "
          "của {{ committee }}./."),
        x.signature_table((_tag("{%p for item in copies %}"), "{{ item }}", _tag("{%p endfor %}")),
                          "{{ signer_authority }}", "{{ signer_position }}", "{{ signer_name }}"),
    ]
    return parts(x.document(blocks, x.sect_pr()))


BLUEPRINTS = {"letter.docx": letter_template, "report.docx": report_template, "form.docx": form_template}


def write_all(target: Path) -> list[Path]:
    return [write_package(build(), target / name) for name, build in BLUEPRINTS.items()]


if __name__ == "__main__":  # pragma: no cover
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "templates")):
        print(path)
