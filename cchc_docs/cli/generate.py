"""The generating commands: init, validate, letter, forms, report, results, build."""

from __future__ import annotations

import click

from .options import (announce, date_option, db_option, emit, issue_option, number_option,
                      output_option, results_option, say, workspace_option)


def _session(workspace):
    from ..pipeline import Session

    return Session(workspace)


@click.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory):
    """Tạo workspace mới tại DIRECTORY từ bộ dữ liệu mẫu (Hương Sơn 2024).

    Creates cchc.toml, data/ and templates/ ready to edit, and an empty output/.
    """
    from .. import workspace

    root = workspace.init(directory)
    say(f"Đã tạo workspace: {root}")
    emit([root])


@click.command()
@workspace_option
def validate(workspace):
    """Kiểm tra toàn bộ dữ liệu của workspace và báo mọi lỗi cùng lúc.

    Reads cchc.toml and every file of data/, and lists each problem with its file,
    row and column. Exit code 0 when the data is clean, 2 otherwise.
    """
    say(_session(workspace).validate())


@click.command()
@workspace_option
@date_option("Ngày ban hành. Bỏ trống: bản dự thảo, ngày tháng để trống.")
@number_option
@output_option()
@issue_option
@db_option
def letter(workspace, date, number, out_dir, do_issue, db_url):
    """Soạn công văn đôn đốc khắc phục tồn tại, hạn chế từ dữ liệu.

    The findings sentence and its footnotes are computed from data/findings.csv;
    without --number and --date the letter is a draft for signature.

    \b
    Ví dụ:
      cchc letter                                # output/cong-van-don-doc.docx (dự thảo)
      cchc letter --number 5 --date 2024-07-05   # Số: 05/UBND-NV, ngày 05 tháng 7 năm 2024
      cchc letter --issue --date 2024-07-05      # số tiếp theo của sổ đăng ký, lưu bản chính
    """
    _produce("letter", workspace, date, number, out_dir, do_issue, db_url)


def _produce(what, workspace, date, number, out_dir, do_issue, db_url, **kwargs):
    paths, issued = _session(workspace).produce(what, date=date, number=number, issue=do_issue,
                                                out_dir=out_dir, db_url=db_url, warn=say, **kwargs)
    if issued is not None:
        announce(issued)
    emit(paths)


@click.command()
@workspace_option
@output_option()
@click.option("--pdf", "with_pdf", is_flag=True,
              help="Xuất thêm bản PDF của mọi văn bản Word (cần LibreOffice), vào output/pdf/.")
def build(workspace, out_dir, with_pdf):
    """Soạn mọi văn bản của workspace: công văn, phiếu từng xã, báo cáo tổng hợp.

    Prints every path written, one per line, on stdout. With --pdf, every Word file
    is also converted (one LibreOffice process for the whole batch).
    """
    session = _session(workspace)
    paths = session.build(out_dir=out_dir, warn=say)
    emit(paths)
    if with_pdf:
        emit(session.build_pdf(paths))


@click.command()
@workspace_option
@click.option("--only", metavar="NAME_OR_CODE,...",
              help="Chỉ các đơn vị này (mã hoặc tên, cách nhau dấu phẩy), ví dụ --only 'Sơn Kim 1,18205'.")
@click.option("--format", "formats", default="docx,xlsx", show_default=True, metavar="docx,xlsx",
              help="Định dạng phiếu: docx (Word), xlsx (Excel) hoặc cả hai.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Số tiến trình song song (cho hàng trăm, hàng nghìn đơn vị).")
@output_option("Thư mục ghi kết quả (mặc định: output/; phiếu nằm trong output/forms/).")
def forms(workspace, only, formats, jobs, out_dir):
    """Soạn phiếu báo cáo khắc phục cho từng đơn vị (Word và Excel), điền sẵn tồn tại của đơn vị.

    One Word form and one Excel sheet per commune of data/communes.csv, in
    output/forms/, named after the commune (son-kim-1.docx), plus manifest.csv
    (file, commune, rows, sha256). A commune with no shortfall gets a form saying so.

    \b
    Ví dụ:
      cchc forms                               # 25 × (.docx + .xlsx) cho bộ dữ liệu mẫu
      cchc forms --only "Sơn Long,18196" --format docx
      cchc forms --jobs 2                      # cả tỉnh: chia cho 2 tiến trình
    """
    chosen = [f.strip().lower() for f in formats.split(",") if f.strip()]
    if not chosen or set(chosen) - {"docx", "xlsx"}:
        raise click.BadParameter("chỉ nhận docx, xlsx hoặc docx,xlsx", param_hint="--format")
    # `--only ''` (or no --only) is every commune; `--only ','` names none: an error.
    names = [n.strip() for n in only.split(",") if n.strip()] if only and only.strip() else None
    emit(_session(workspace).write_forms(only=names, formats=tuple(dict.fromkeys(chosen)), jobs=jobs,
                                         out_dir=out_dir, progress=True))


@click.command()
@workspace_option
@results_option
@output_option()
@date_option("Ngày ban hành. Bỏ trống: bản dự thảo; với --issue: mặc định hôm nay.")
@number_option
@issue_option
@db_option
def report(workspace, results, out_dir, date, number, do_issue, db_url):
    """Soạn báo cáo tổng hợp kết quả khắc phục gửi Sở Nội vụ, từ phiếu các đơn vị gửi về.

    Reads every .xlsx/.docx return in data/results/ (matched to communes by the code in
    the form), warns on stderr about each problem with file, row and column, and writes
    output/bao-cao-tong-hop.docx. Exit 2 only when no return is usable.

    \b
    Ví dụ:
      cchc results            # xem tình hình nhận phiếu trước
      cchc report             # output/bao-cao-tong-hop.docx (dự thảo)
      cchc report --issue --date 2024-09-05
    """
    _produce("report", workspace, date, number, out_dir, do_issue, db_url, results=results)


@click.command()
@workspace_option
@results_option
def results(workspace, results):
    """Bảng tiếp nhận phiếu: đơn vị, tệp, số dòng, đã/đang/chưa khắc phục, lỗi.

    Prints the intake table on stdout and each problem on stderr; writes nothing.
    """
    table, problems = _session(workspace).intake_table(results=results)
    click.echo(table)
    for problem in problems:
        say(f"Cảnh báo: {problem}")
