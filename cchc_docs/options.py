"""Click options shared by every command group (main CLI and `cchc register`)."""

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


workspace_option = click.option(
    "--workspace", "-w", "workspace", envvar="CCHC_WORKSPACE", default=None,
    type=click.Path(file_okay=False), metavar="DIR",
    help="Thư mục workspace (mặc định: thư mục hiện tại, hoặc biến CCHC_WORKSPACE).",
)
