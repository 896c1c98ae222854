"""Checking files from disk, and the `--json` report: what every front shows of a check."""

from __future__ import annotations

EXIT_OK, EXIT_VIOLATIONS, EXIT_UNREADABLE = 0, 1, 2


def check_file(name: str, draft: bool = False) -> dict:
    """One file's result as the JSON report holds it; an unreadable file is a result too."""
    from ..errors import CchcError
    from .api import _read, check_report

    try:
        report = check_report(_read(name), draft=draft)
    except CchcError as exc:
        reason = "; ".join(p.message for p in exc.problems)
        return {"file": name, "status": "unreadable", "kind": "", "errors": 0, "undecided": 0,
                "findings": [], "error": reason, "_findings": []}
    errors = report.errors
    return {"file": name, "status": "fail" if errors else "pass", "kind": report.kind,
            "errors": len(errors), "undecided": len(report.findings) - len(errors),
            "findings": [f.as_dict() for f in report.findings], "_findings": report.findings}


def public(result: dict) -> dict:
    """A result without the Finding objects kept for text output."""
    return {k: v for k, v in result.items() if not k.startswith("_")}


def exit_code(results: list[dict]) -> int:
    if any(r["status"] == "unreadable" for r in results):
        return EXIT_UNREADABLE
    return EXIT_VIOLATIONS if any(r["status"] == "fail" for r in results) else EXIT_OK


def summary_line(results: list[dict]) -> str:
    """`Đã kiểm tra 3 tệp: 1 đạt, 1 có lỗi thể thức (2 lỗi), 1 không đọc được.`"""
    failed = [r for r in results if r["status"] == "fail"]
    unreadable = sum(r["status"] == "unreadable" for r in results)
    parts = [f"{len(results) - len(failed) - unreadable} đạt"]
    if failed:
        parts.append(f"{len(failed)} có lỗi thể thức ({sum(r['errors'] for r in failed)} lỗi)")
    if unreadable:
        parts.append(f"{unreadable} không đọc được")
    return f"Đã kiểm tra {len(results)} tệp: {', '.join(parts)}."


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
                  "reference": "NĐ 30/2020, Phụ lục I, Phần I, mục II.3; Phụ lục III, mục I",
                  "fix": "sửa thành “Số: 05/UBND-NV”"   # how to fix it (cách sửa); since issue #12
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
    results = [public(r) for r in results]
    summary = {"files": len(results), "passed": 0, "failed": 0, "unreadable": 0, "errors": 0, "undecided": 0}
    for r in results:
        summary[{"pass": "passed", "fail": "failed", "unreadable": "unreadable"}[r["status"]]] += 1
        summary["errors"] += r["errors"]
        summary["undecided"] += r["undecided"]
    return {"version": 1, "draft": draft, "files": results, "summary": summary}


def rules_listing(as_json: bool) -> str:
    """`cchc check --rules`: one line per rule, or a JSON list."""
    import json

    from . import RULES

    if as_json:
        return json.dumps([{"id": r.id, "description": r.description, "reference": r.reference}
                           for r in RULES.values()], ensure_ascii=False, indent=2)
    width = max(len(r) for r in RULES)
    return "\n".join(f"{r.id:<{width}}  {r.description}  [{r.reference}]" for r in RULES.values())
