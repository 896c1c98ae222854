"""The sample templates in templates/, built from code so that their layout is exact.

Clerks edit the resulting .docx files in Word; this module is how developers make
them anew (`python -m cchc_docs.render.blueprints templates/`), and a test checks that
the committed templates are what it builds. Template tags are docxtpl's: `{{ x }}`,
`{%p for ... %}` paragraphs, `{%tr ... %}` table rows.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import ooxml as x
from .package import write_package
from .skeleton import parts


def _tag(tag: str) -> str:
    """A paragraph holding only a docxtpl block tag (removed when rendered)."""
    return x.para(x.run(tag))


def letter_template() -> dict[str, bytes]:
    """Công văn đôn đốc: the reference letter of Hương Sơn 2024, with its data as fields."""
    parent = _tag("{%p if agency_parent %}") + x.text_para("{{ agency_parent }}", sz=26, jc="center") + _tag("{%p endif %}")
    header = x.header_table(
        parent_xml=parent,
        agency="{{ agency_name }}",
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
        x.para(x.run("1. Ủy ban nhân dân các {{ units }} tập trung khắc phục triệt để các tồn tại, hạn chế "
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
                          "{{ signer_authority }}", "{{ signer_position }}", "{{ signer_name }}"),
    ]
    return parts(x.document(blocks, x.sect_pr()))


BLUEPRINTS = {"letter.docx": letter_template}


def write_all(target: Path) -> list[Path]:
    return [write_package(build(), target / name) for name, build in BLUEPRINTS.items()]


if __name__ == "__main__":  # pragma: no cover
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "templates")):
        print(path)
