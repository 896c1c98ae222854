"""The `cchc` command: parses options, calls one library function, prints paths.

Paths written go to stdout, one per line, so `cchc forms | xargs cchc pdf` works;
messages and progress go to stderr. Exit codes: 0 fine, 1 `check` found violations,
2 bad input or usage. Heavy libraries are imported inside commands so that
`cchc --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
import sys

import click

from . import __version__
from .errors import CchcError


class _Group(click.Group):
    """Turns every CchcError into a clear message and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CchcError as exc:
            for problem in exc.problems:
                click.echo(f"Lỗi: {problem}", err=True)
            ctx.exit(exc.exit_code)


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' không phải là ngày; viết theo dạng YYYY-MM-DD, ví dụ 2024-07-05")


def _emit(paths) -> None:
    for path in paths:
        click.echo(str(path))


workspace_option = click.option(
    "--workspace", "-w", "workspace", envvar="CCHC_WORKSPACE", default=None,
    type=click.Path(file_okay=False), metavar="DIR",
    help="Thư mục workspace (mặc định: thư mục hiện tại, hoặc biến CCHC_WORKSPACE).",
)


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
def letter(workspace, date, number, out_dir):
    """Soạn công văn đôn đốc khắc phục tồn tại, hạn chế từ dữ liệu.

    The findings sentence and its footnotes are computed from data/findings.csv;
    without --number and --date the letter is a draft for signature.

    \b
    Ví dụ:
      cchc letter                                # output/cong-van-don-doc.docx (dự thảo)
      cchc letter --number 5 --date 2024-07-05   # Số: 05/UBND-NV, ngày 05 tháng 7 năm 2024
    """
    from . import main

    _emit([main.write_letter(workspace, date=date, number=number, out_dir=out_dir)])


@cli.command()
@workspace_option
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Thư mục ghi kết quả (mặc định: output/ của workspace).")
def build(workspace, out_dir):
    """Soạn mọi văn bản của workspace: công văn, phiếu từng xã, báo cáo tổng hợp.

    Prints every path written, one per line, on stdout.
    """
    from . import main

    _emit(main.build(workspace, out_dir=out_dir))


def main(argv=None):
    # Click's own usage errors exit 2 too, which matches "bad input or usage".
    return cli.main(args=argv, prog_name="cchc")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
