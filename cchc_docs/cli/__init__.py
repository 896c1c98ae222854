"""The `cchc` command: parses options, calls one method of the library core, prints paths.

Paths written go to stdout, one per line, so `cchc forms | xargs cchc pdf` works;
messages and progress go to stderr. Exit codes: 0 fine, 1 `check` found violations,
2 bad input or usage. Heavy libraries are imported inside commands so that
`cchc --help` stays fast. No rule lives here: every decision is the library's.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import CchcError


class _Group(click.Group):
    """Turns every CchcError into a clear message and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CchcError as exc:
            for problem in exc.problems:
                click.echo(f"Lỗi: {problem}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cchc")
@click.option("--workspace", "-w", "workspace", default=None, type=click.Path(file_okay=False),
              metavar="DIR", help="Thư mục workspace cho mọi lệnh con (như -w của từng lệnh).")
@click.pass_context
def cli(ctx, workspace):
    """cchc: soạn văn bản CCHC theo Nghị định 30/2020/NĐ-CP từ dữ liệu.

    Makes the reminder letter (công văn đôn đốc), one remediation form per commune,
    the consolidated report, and keeps the outgoing register, from the data of a
    workspace (cchc.toml, data/, templates/, output/).

    \b
    Bắt đầu / Getting started:
      cchc init ~/cchc-2024      # a new workspace with the sample data
      cd ~/cchc-2024 && cchc build
    """
    ctx.obj = {"workspace": workspace}


def _register_commands() -> None:
    from . import check, generate, pdf, register, serve

    for command in (generate.init, generate.validate, generate.letter, generate.build, generate.forms,
                    generate.report, generate.results, register.register, check.check, pdf.pdf, serve.serve):
        cli.add_command(command)


_register_commands()


def main(argv=None):
    # Click's own usage errors exit 2 too, which matches "bad input or usage".
    return cli.main(args=argv, prog_name="cchc")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
