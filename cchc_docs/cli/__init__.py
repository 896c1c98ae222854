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
from .vi import install as _install_vietnamese

_install_vietnamese()  # before any decorator below asks Click for its help texts


class _Group(click.Group):
    """Turns every CchcError into a clear message and exit code 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CchcError as exc:
            for problem in exc.problems:
                click.echo(f"Lỗi: {problem}", err=True)
            ctx.exit(exc.exit_code)
        # --- files and interruption (issue #11): exit 2 with a message, 130 on Ctrl-C.
        # Writers clean up on the way out (atomic_write, batch, pdf), so no partial file
        # or temporary folder is left when these arrive here.
        except OSError as exc:
            from ..fserrors import problem

            click.echo(f"Lỗi: {problem(exc)}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("Đã dừng theo yêu cầu (Ctrl-C); không có tệp nào bị ghi dở.", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             subcommand_metavar="LỆNH [THAM SỐ]...")
@click.version_option(__version__, prog_name="cchc")
@click.option("--workspace", "-w", "workspace", default=None, type=click.Path(file_okay=False),
              metavar="DIR", help="Thư mục workspace cho mọi lệnh con (như -w của từng lệnh).")
@click.pass_context
def cli(ctx, workspace):
    """cchc: soạn văn bản CCHC theo Nghị định 30/2020/NĐ-CP từ dữ liệu.

    Soạn công văn đôn đốc, phiếu khắc phục cho từng xã, báo cáo tổng hợp từ các phiếu
    xã gửi lại, và giữ sổ đăng ký văn bản đi, từ dữ liệu của một workspace
    (cchc.toml, data/, templates/, output/).

    \b
    Bắt đầu:
      cchc init ~/cchc-2024      # workspace mới với dữ liệu mẫu
      cd ~/cchc-2024 && cchc build
    """
    ctx.obj = {"workspace": workspace}


def _register_commands() -> None:
    from . import check, generate, pdf, register, serve, sign

    for command in (generate.init, generate.validate, generate.letter, generate.build, generate.forms,
                    generate.report, generate.results, register.register, check.check, pdf.pdf,
                    sign.sign, sign.verify, serve.serve):
        cli.add_command(command)


_register_commands()


def main(argv=None):
    # Click's own usage errors exit 2 too, which matches "bad input or usage".
    return cli.main(args=argv, prog_name="cchc")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
