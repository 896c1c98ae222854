"""The `cchc` command: parses options, calls one library function, prints paths.

Paths written go to stdout, one per line, so `cchc forms | xargs cchc pdf` works;
messages and progress go to stderr. Exit codes: 0 fine, 1 `check` found violations,
2 bad input or usage. Heavy libraries are imported inside commands so that
`cchc --help` stays fast.
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .errors import CchcError
from .options import iso_date as _date
from .options import workspace_option


class _Group(click.Group):
    """Turns every CchcError into a clear message and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CchcError as exc:
            for problem in exc.problems:
                click.echo(f"Lỗi: {problem}", err=True)
            ctx.exit(exc.exit_code)


def _emit(paths) -> None:
    for path in paths:
        click.echo(str(path))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cchc")
def cli():
    """cchc: soạn văn bản CCHC theo Nghị định 30/2020/NĐ-CP từ dữ liệu.

    Makes the reminder letter (công văn đôn đốc), one remediation form per commune,
    the consolidated report, and keeps the outgoing register, from the data of a
    workspace (cchc.toml, data/, templates/, output/).

    \b
    Bắt đầu / Getting started:
      cchc init ~/cchc-2024      # a new workspace with the sample data
      cd ~/cchc-2024 && cchc build
    """


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory):
    """Tạo workspace mới tại DIRECTORY từ bộ dữ liệu mẫu (Hương Sơn 2024).

    Creates cchc.toml, data/ and templates/ ready to edit, and an empty output/.
    """
    from . import workspace

    root = workspace.init(directory)
    click.echo(f"Đã tạo workspace: {root}", err=True)
    click.echo(str(root))


@cli.command()
@workspace_option
def validate(workspace):
    """Kiểm tra toàn bộ dữ liệu của workspace và báo mọi lỗi cùng lúc.

    Reads cchc.toml and every file of data/, and lists each problem with its file,
    row and column. Exit code 0 when the data is clean, 2 otherwise.
    """
    from . import main

    summary = main.validate(workspace)
    click.echo(summary, err=True)


@cli.command()
@workspace_option
@click.option("--date", "date", callback=_date, metavar="YYYY-MM-DD",
              help="Ngày ban hành. Bỏ trống: bản dự thảo, ngày tháng để trống.")
@click.option("--number", type=click.IntRange(1), metavar="N",
              help="Số văn bản. Bỏ trống: bản dự thảo 'Số:      /UBND-NV'.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Thư mục ghi kết quả (mặc định: output/ của workspace).")
@click.option("--issue", "do_issue", is_flag=True,
              help="Cấp số ngay vào sổ đăng ký văn bản đi (cchc register issue), ngày = --date hoặc hôm nay.")
def letter(workspace, date, number, out_dir, do_issue):
    """Soạn công văn đôn đốc khắc phục tồn tại, hạn chế từ dữ liệu.

    The findings sentence and its footnotes are computed from data/findings.csv;
    without --number and --date the letter is a draft for signature.

    \b
    Ví dụ:
      cchc letter                                # output/cong-van-don-doc.docx (dự thảo)
      cchc letter --number 5 --date 2024-07-05   # Số: 05/UBND-NV, ngày 05 tháng 7 năm 2024
      cchc letter --issue --date 2024-07-05      # số tiếp theo của sổ đăng ký, lưu bản chính
    """
    from . import main

    if do_issue:
        if number is not None:
            raise click.UsageError("--issue lấy số từ sổ đăng ký; không dùng cùng --number")
        _issue_new(workspace, lambda d: main.write_letter(workspace, out_dir=d), date, out_dir)
        return
    _emit([main.write_letter(workspace, date=date, number=number, out_dir=out_dir)])


def _issue_new(workspace, make_draft, date, out_dir) -> None:
    """Draft and issue in one step: the register numbers the draft exactly as the
    generator makes it, so one step or two give the same row and refuse the same duplicates."""
    from . import register
    from .register.commands import _announce

    issued = register.issue_new(workspace, make_draft, date=date, out_dir=out_dir)
    _announce(issued)
    _emit([issued.path, *issued.archived])


@cli.command()
@workspace_option
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Thư mục ghi kết quả (mặc định: output/ của workspace).")
@click.option("--pdf", "with_pdf", is_flag=True,
              help="Xuất thêm bản PDF của mọi văn bản Word (cần LibreOffice), vào output/pdf/.")
def build(workspace, out_dir, with_pdf):
    """Soạn mọi văn bản của workspace: công văn, phiếu từng xã, báo cáo tổng hợp.

    Prints every path written, one per line, on stdout. With --pdf, every Word file
    is also converted (one LibreOffice process for the whole batch).
    """
    from . import main

    paths = main.build(workspace, out_dir=out_dir)
    _emit(paths)
    if with_pdf:
        from .pdf import convert_to_pdf

        docx = [p for p in paths if p.suffix == ".docx"]
        _emit(convert_to_pdf(docx, docx[0].parent / "pdf"))


@cli.command()
@workspace_option
@click.option("--only", metavar="NAME_OR_CODE,...",
              help="Chỉ các đơn vị này (mã hoặc tên, cách nhau dấu phẩy), ví dụ --only 'Sơn Kim 1,18205'.")
@click.option("--format", "formats", default="docx,xlsx", show_default=True, metavar="docx,xlsx",
              help="Định dạng phiếu: docx (Word), xlsx (Excel) hoặc cả hai.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Số tiến trình song song (cho hàng trăm, hàng nghìn đơn vị).")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Thư mục ghi kết quả (mặc định: output/; phiếu nằm trong output/forms/).")
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
    from . import main

    chosen = [f.strip().lower() for f in formats.split(",") if f.strip()]
    if not chosen or set(chosen) - {"docx", "xlsx"}:
        raise click.BadParameter("chỉ nhận docx, xlsx hoặc docx,xlsx", param_hint="--format")
    names = [n.strip() for n in only.split(",") if n.strip()] if only else None
    _emit(main.write_forms(workspace, only=names, formats=tuple(dict.fromkeys(chosen)), jobs=jobs,
                           out_dir=out_dir, progress=True))


from .register.commands import register as _register_group  # noqa: E402
cli.add_command(_register_group)


results_option = click.option(
    "--results", "results", type=click.Path(file_okay=False), metavar="DIR",
    help="Thư mục chứa phiếu các đơn vị gửi về (mặc định: data/results/ của workspace).")


@cli.command()
@workspace_option
@results_option
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Thư mục ghi kết quả (mặc định: output/ của workspace).")
@click.option("--date", "date", callback=_date, metavar="YYYY-MM-DD",
              help="Ngày ban hành, dùng với --issue (mặc định hôm nay).")
@click.option("--issue", "do_issue", is_flag=True,
              help="Cấp số ngay vào sổ đăng ký văn bản đi (cchc register issue).")
def report(workspace, results, out_dir, date, do_issue):
    """Soạn báo cáo tổng hợp kết quả khắc phục gửi Sở Nội vụ, từ phiếu các đơn vị gửi về.

    Reads every .xlsx/.docx return in data/results/ (matched to communes by the code in
    the form), warns on stderr about each problem with file, row and column, and writes
    output/bao-cao-tong-hop.docx. Exit 2 only when no return is usable.

    \b
    Ví dụ:
      cchc results            # xem tình hình nhận phiếu trước
      cchc report             # output/bao-cao-tong-hop.docx (dự thảo)
    """
    from . import main

    warn = lambda m: click.echo(m, err=True)  # noqa: E731
    if do_issue:
        _issue_new(workspace, lambda d: main.write_report(workspace, results=results, out_dir=d, warn=warn),
                   date, out_dir)
        return
    _emit([main.write_report(workspace, results=results, out_dir=out_dir, warn=warn)])


@cli.command()
@workspace_option
@results_option
def results(workspace, results):
    """Bảng tiếp nhận phiếu: đơn vị, tệp, số dòng, đã/đang/chưa khắc phục, lỗi.

    Prints the intake table on stdout and each problem on stderr; writes nothing.
    """
    from . import main

    table, problems = main.intake_table(workspace, results=results)
    click.echo(table)
    for problem in problems:
        click.echo(f"Cảnh báo: {problem}", err=True)


from .check.commands import check as _check_cmd, pdf as _pdf_cmd  # noqa: E402
cli.add_command(_check_cmd)
cli.add_command(_pdf_cmd)


def main(argv=None):
    # Click's own usage errors exit 2 too, which matches "bad input or usage".
    return cli.main(args=argv, prog_name="cchc")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
