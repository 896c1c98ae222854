"""The code's shape as the README promises it: one XML layer, one CLI package, small modules,
and a README whose generated parts (rules, command help) match the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "cchc_docs"
XML_IMPORT = re.compile(r"^\s*(from|import)\s+(lxml|xml\.|zipfile|defusedxml)", re.M)
CLICK_IMPORT = re.compile(r"^\s*(from|import)\s+click\b", re.M)


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def test_xml_and_zip_are_handled_in_ooxml_only():
    outside = [p.relative_to(REPO) for p in _modules()
               if XML_IMPORT.search(p.read_text(encoding="utf-8")) and "ooxml" not in p.parts]
    assert outside == []


def test_click_lives_in_cli_only():
    outside = [p.relative_to(REPO) for p in _modules()
               if CLICK_IMPORT.search(p.read_text(encoding="utf-8")) and "cli" not in p.parts]
    assert outside == []


def test_no_module_over_500_lines():
    big = {str(p.relative_to(REPO)): n for p in _modules()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert big == {}


def test_readme_generated_parts_are_current():
    # The rule table and every command's --help in README.md come from the code (cog).
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "README.md"], cwd=REPO,
                            capture_output=True, text=True, env={"PYTHONPATH": f"{REPO / 'tools'}:{REPO}",
                                                                 "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr + "\nrun: PYTHONPATH=tools cog -r README.md"


# English prose (and Click's own English frame) in any `--help`: whole words only, so option
# names (--all, --open, --as), metavars (FILE, NAME, DIR) and column names (code, name, type)
# pass; "in" and "a" are left out because "In" is Vietnamese ("In bảng ...").
ENGLISH = re.compile(
    r"\b(the|and|or|with|without|when|while|each|every|is|are|was|be|its|it|this|that|"
    r"of|to|for|from|into|on|by|per|not|no|one|only when|file is|files|is written|prints?|"
    r"exit code|needs|goes|stays|marked|never|again|usage|options|commands?|args)\b",
    re.IGNORECASE)


def _command_paths(command, path=()):
    import click

    yield path
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name="cchc")
        for name in command.list_commands(ctx):
            yield from _command_paths(command.get_command(ctx, name), (*path, name))


def test_no_english_prose_in_any_help():
    from click.testing import CliRunner

    from cchc_docs.cli import cli

    runner = CliRunner()
    paths = list(_command_paths(cli))
    assert len(paths) > 15  # the walk reached the subcommands (register issue, …)
    english = {}
    for path in paths:
        result = runner.invoke(cli, [*path, "--help"], prog_name="cchc")
        assert result.exit_code == 0, (path, result.output)
        found = sorted({m.group(0) for m in ENGLISH.finditer(result.output)})
        if found:
            english[" ".join(("cchc", *path))] = found
    assert english == {}
