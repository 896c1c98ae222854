"""Parts of README.md generated from the code, so they cannot drift (run by cog).

    cog -r README.md          # regenerate
    cog --check README.md     # what tests/test_readme.py runs

Each function returns Markdown; the real `--help` of every command is captured through
Click's test runner with a fixed terminal width.
"""

from __future__ import annotations


def rules_table() -> str:
    from cchc_docs.check import RULES

    lines = ["| id | rule | reference (NĐ 30/2020) |", "|---|---|---|"]
    for rule in RULES.values():
        lines.append(f"| {rule.id} | {rule.description} | {rule.reference} |")
    return "\n".join(lines)


def _commands():
    """(full name, click command) of every command, groups first, in help order."""
    from cchc_docs.cli import cli

    out = [("cchc", cli)]
    for name in cli.list_commands(None):
        cmd = cli.get_command(None, name)
        out.append((f"cchc {name}", cmd))
        if hasattr(cmd, "list_commands"):
            out += [(f"cchc {name} {sub}", cmd.get_command(None, sub)) for sub in cmd.list_commands(None)]
    return out


def command_help() -> str:
    from click.testing import CliRunner

    from cchc_docs.cli import cli

    parts = []
    for name, _ in _commands():
        args = name.split()[1:] + ["--help"]
        result = CliRunner().invoke(cli, args, terminal_width=100, prog_name="cchc")
        parts.append(f"#### `{name}`\n\n```console\n$ {name} --help\n{result.output.rstrip()}\n```")
    return "\n\n".join(parts)
