"""One Click option per concept, shared by every command: -w, -o, --date, --number, --db."""

from __future__ import annotations

import datetime as dt

import click


def iso_date(ctx, param, value):
    """`--date YYYY-MM-DD` as a date, or a usage error a clerk can act on."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' không phải là ngày; viết theo dạng YYYY-MM-DD, ví dụ 2024-07-05")


def _workspace(ctx, param, value):
    # `cchc -w DIR letter` and `cchc letter -w DIR` both work: the command's own value
    # wins, then the group's, then CCHC_WORKSPACE, then a cchc.toml found upwards.
    if value is None and ctx.parent is not None and ctx.parent.obj:
        value = ctx.parent.obj.get("workspace")
    return value


workspace_option = click.option(
    "--workspace", "-w", "workspace", envvar="CCHC_WORKSPACE", default=None, callback=_workspace,
    type=click.Path(file_okay=False), metavar="DIR",
    help="Thư mục workspace (mặc định: thư mục hiện tại hoặc thư mục cha có cchc.toml, "
         "hoặc biến CCHC_WORKSPACE).",
)


def output_option(help_text="Thư mục ghi kết quả (mặc định: output/ của workspace)."):
    return click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
                        help=help_text)


def date_option(help_text):
    return click.option("--date", "date", callback=iso_date, metavar="YYYY-MM-DD", help=help_text)


number_option = click.option("--number", type=click.IntRange(1), metavar="N",
                             help="Số văn bản. Bỏ trống: bản dự thảo, số để trống.")

issue_option = click.option(
    "--issue", "do_issue", is_flag=True,
    help="Cấp số ngay vào sổ đăng ký văn bản đi (như cchc register issue); ngày = --date hoặc hôm nay.")

backdate_option = click.option(
    "--backdate", metavar="LÝ DO", default=None,
    help="Với --issue: cho phép ngày sớm hơn văn bản đã cấp số gần nhất; lý do ghi vào cột Ghi chú.")

db_option = click.option(
    "--db", "db_url", envvar="CCHC_DB", default=None, metavar="URL",
    help="Cơ sở dữ liệu sổ đăng ký (mặc định: register.sqlite trong workspace, hoặc biến CCHC_DB). "
         "Sổ dùng chung: postgresql+psycopg://user@host/db (mật khẩu: biến PGPASSWORD hoặc ~/.pgpass).")

results_option = click.option(
    "--results", "results", type=click.Path(file_okay=False), metavar="DIR",
    help="Thư mục chứa phiếu các đơn vị gửi về (mặc định: data/results/ của workspace).")


def emit(paths) -> None:
    """Paths written go to stdout, one per line, so `cchc forms | xargs cchc pdf` works."""
    for path in paths:
        click.echo(str(path))


def say(message: str) -> None:
    """Messages for the clerk go to stderr, never mixed into the paths on stdout."""
    click.echo(message, err=True)


def announce(issued) -> None:
    """What a clerk reads after issuing: number, date, where the copies went."""
    from ..vn import format_date_short

    say(f"Đã cấp số {issued.label} ngày {format_date_short(issued.date)} "
        f"(sổ '{issued.series}' năm {issued.year}): {issued.title}")
    for warning in issued.warnings:
        say(f"Chú ý: {warning}")
    say(f"Bản đã cấp số (bản ban hành): {issued.path}")
    say(f"Đã lưu {len(issued.archived)} bản vào output/archive/{issued.year}/")
