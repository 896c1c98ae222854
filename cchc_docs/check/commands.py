"""`cchc check` and `cchc pdf`. Only click and the standard library are imported here:
the checker (lxml) and LibreOffice are reached inside the commands, so `cchc --help`
stays fast."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_VIOLATIONS, EXIT_UNREADABLE = 0, 1, 2


def json_report(results: list[dict], draft: bool) -> dict:
    """The `cchc check --json` report: one JSON object on stdout.

    Schema (version 1)::

        {
          "version": 1,
          "draft": false,                      # --draft given
          "files": [
            {
              "file": "output/cong-van.docx",  # as given on the command line
              "status": "pass" | "fail" | "unreadable",
              "kind": "công văn",              # document kind detected ("" if unreadable)
              "errors": 2,                     # findings with severity "error"
              "undecided": 0,                  # findings the file did not let a rule decide
              "findings": [
                {
                  "rule": "SO",                # a rule id of `cchc check --rules`
                  "severity": "error",         # "error" | "undecided"
                  "message": "số 5 nhỏ hơn 10 phải có số 0 phía trước: “05”",
                  "where": "bảng 1, hàng 2, ô 1: «Số: 5/UBND-NV»",
                  "reference": "NĐ 30/2020, Phụ lục I, Phần I, mục II.3; Phụ lục III, mục I"
                }
              ],
              "error": "..."                   # only when status is "unreadable": why
            }
          ],
          "summary": {"files": 1, "passed": 0, "failed": 1, "unreadable": 0,
                      "errors": 2, "undecided": 0}
        }

    A file passes when it has no finding of severity "error". The exit code is the same
    as without --json: 0 all pass, 1 a rule is broken, 2 a file cannot be read.
    """
    summary = {"files": len(results), "passed": 0, "failed": 0, "unreadable": 0, "errors": 0, "undecided": 0}
    for r in results:
        summary[{"pass": "passed", "fail": "failed", "unreadable": "unreadable"}[r["status"]]] += 1
        summary["errors"] += r["errors"]
        summary["undecided"] += r["undecided"]
    return {"version": 1, "draft": draft, "files": results, "summary": summary}


def _list_rules(as_json: bool) -> None:
    from . import RULES

    if as_json:
        click.echo(json.dumps([{"id": r.id, "description": r.description, "reference": r.reference}
                               for r in RULES.values()], ensure_ascii=False, indent=2))
        return
    width = max(len(r) for r in RULES)
    for r in RULES.values():
        click.echo(f"{r.id:<{width}}  {r.description}  [{r.reference}]")


@click.command()
@click.argument("files", nargs=-1, metavar="FILE...")
@click.option("--json", "as_json", is_flag=True, help="In một báo cáo JSON (cho máy đọc) thay cho từng dòng.")
@click.option("--draft", is_flag=True,
              help="Bản dự thảo trình ký: chấp nhận số và ngày tháng để trống.")
@click.option("--rules", "list_rules", is_flag=True, help="Liệt kê mọi quy tắc kiểm tra rồi thoát.")
def check(files, as_json, draft, list_rules):
    """Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020/NĐ-CP.

    Prints one line per violation, `FILE: RULE: message — tại <where>`, then a summary
    on stderr. Exit code 0 when every file passes, 1 when a rule is broken, 2 when a
    file cannot be read (missing, not a .docx, corrupt). Findings marked
    "[chưa xác định được]" are things the file does not let the checker decide; they
    do not fail a file.

    \b
    Ví dụ:
      cchc check output/cong-van-don-doc.docx
      cchc check --draft output/*.docx          # dự thảo: số, ngày để trống
      cchc check --json van-ban.docx > ket-qua.json
      cchc check --rules                        # danh sách quy tắc
    """
    if list_rules:
        _list_rules(as_json)
        return
    if not files:
        raise click.UsageError("thiếu tệp cần kiểm tra. Ví dụ: cchc check output/cong-van-don-doc.docx")
    from ..errors import CchcError
    from . import _read, check_report

    results = []
    unreadable = violations = 0
    for name in files:
        try:
            report = check_report(_read(name), draft=draft)
        except CchcError as exc:
            unreadable += 1
            reason = "; ".join(p.message for p in exc.problems)
            results.append({"file": name, "status": "unreadable", "kind": "", "errors": 0, "undecided": 0,
                            "findings": [], "error": reason})
            if not as_json:
                click.echo(f"Lỗi: {name}: không đọc được — {reason}", err=True)
            continue
        errors = report.errors
        violations += bool(errors)
        results.append({"file": name, "status": "fail" if errors else "pass", "kind": report.kind,
                        "errors": len(errors), "undecided": len(report.findings) - len(errors),
                        "findings": [f.as_dict() for f in report.findings]})
        if not as_json:
            for f in report.findings:
                click.echo(f"{name}: {f}")
    if as_json:
        click.echo(json.dumps(json_report(results, draft), ensure_ascii=False, indent=2))
    else:
        passed = len(files) - violations - unreadable
        total = sum(r["errors"] for r in results)
        parts = [f"{passed} đạt"]
        if violations:
            parts.append(f"{violations} có lỗi thể thức ({total} lỗi)")
        if unreadable:
            parts.append(f"{unreadable} không đọc được")
        click.echo(f"Đã kiểm tra {len(files)} tệp: {', '.join(parts)}.", err=True)
    code = EXIT_UNREADABLE if unreadable else EXIT_VIOLATIONS if violations else EXIT_OK
    sys.stdout.flush()
    click.get_current_context().exit(code)


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Thư mục ghi PDF (mặc định: cạnh từng tệp .docx).")
def pdf(files, out_dir):
    """Xuất PDF bằng LibreOffice (không cần mở giao diện).

    All files go through one LibreOffice process (starting it is the slow part), with
    a private profile, so it works while LibreOffice is open. Prints each PDF path on
    stdout, one per line. Needs LibreOffice and the fonts-liberation2 fonts.

    \b
    Ví dụ:
      cchc pdf output/cong-van-don-doc.docx        # output/cong-van-don-doc.pdf
      cchc pdf output/*.docx -o output/pdf
      cchc build | xargs cchc pdf
    """
    from ..pdf import convert_to_pdf

    paths = [Path(f) for f in files]
    if out_dir:
        written = convert_to_pdf(paths, Path(out_dir))
    else:
        # Without -o each PDF goes next to its .docx: one process per folder.
        by_dir: dict[Path, list[Path]] = {}
        for p in paths:
            by_dir.setdefault(p.parent, []).append(p)
        done = {}
        for folder, group in by_dir.items():
            for src, out in zip(group, convert_to_pdf(group, folder)):
                done[src] = out
        written = [done[p] for p in paths]
    for path in written:
        click.echo(str(path))
