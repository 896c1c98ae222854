"""`cchc check`. Only click here: the checker (lxml) is reached inside the command."""

from __future__ import annotations

import json
import sys

import click


@click.command()
@click.argument("files", nargs=-1, metavar="FILE...")
@click.option("--json", "as_json", is_flag=True, help="In một báo cáo JSON (cho máy đọc) thay cho từng dòng.")
@click.option("--draft", is_flag=True,
              help="Bản dự thảo trình ký: chấp nhận số và ngày tháng để trống.")
@click.option("--rules", "list_rules", is_flag=True, help="Liệt kê mọi quy tắc kiểm tra rồi thoát.")
@click.option("--explain", "explain_rule", metavar="RULE",
              help="Giải thích một quy tắc: nội dung, lời văn Nghị định, ví dụ đúng, cách sửa.")
def check(files, as_json, draft, list_rules, explain_rule):
    """Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020/NĐ-CP.

    In mỗi lỗi thể thức một dòng, dạng `FILE: RULE: nội dung — tại <vị trí>`, rồi một
    dòng tổng hợp ra stderr. Mã thoát 0 khi mọi tệp đều đạt, 1 khi có quy tắc bị vi
    phạm, 2 khi có tệp không đọc được (không có tệp, không phải .docx, tệp bị hỏng).
    Kết quả ghi "[chưa xác định được]" là điểm mà nội dung tệp không đủ để chương trình
    kết luận; kết quả đó không làm tệp bị tính là không đạt.

    \b
    Ví dụ:
      cchc check output/cong-van-don-doc.docx
      cchc check --draft output/*.docx          # dự thảo: số, ngày để trống
      cchc check --json van-ban.docx > ket-qua.json
      cchc check --rules                        # danh sách quy tắc
      cchc check --explain SO                   # giải thích quy tắc SO
    """
    from ..check import files as checking

    if explain_rule:
        from ..check.rules.explain import explain

        text = explain(explain_rule)
        if text is None:
            raise click.UsageError(f"không có quy tắc “{explain_rule}”; xem danh sách: cchc check --rules")
        click.echo(text)
        return
    if list_rules:
        click.echo(checking.rules_listing(as_json))
        return
    if not files:
        raise click.UsageError("thiếu tệp cần kiểm tra. Ví dụ: cchc check output/cong-van-don-doc.docx")
    results = []
    for name in files:
        result = checking.check_file(name, draft=draft)
        results.append(result)
        if as_json:
            continue
        if result["status"] == "unreadable":
            click.echo(f"Lỗi: {name}: không đọc được — {result['error']}", err=True)
        for finding in result["_findings"]:
            click.echo(f"{name}: {finding}")
            if finding.severity == "error" and finding.how_to_fix:
                click.echo(f"    cách sửa: {finding.how_to_fix}")
    if as_json:
        click.echo(json.dumps(checking.json_report(results, draft), ensure_ascii=False, indent=2))
    else:
        click.echo(checking.summary_line(results), err=True)
    sys.stdout.flush()
    click.get_current_context().exit(checking.exit_code(results))
