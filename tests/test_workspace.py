"""The workspace, the templates shipped with it, and the CLI's start-up cost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cchc_docs.ooxml.blueprints import BLUEPRINTS
from cchc_docs.ooxml.package import package_bytes
from cchc_docs.workspace import sample_root

REPO = Path(__file__).resolve().parent.parent


def test_committed_templates_are_what_the_blueprints_build():
    for name, build in BLUEPRINTS.items():
        assert (REPO / "templates" / name).read_bytes() == package_bytes(build()), (
            f"templates/{name} is stale: run python -m cchc_docs.ooxml.blueprints templates/")


def test_init_makes_a_working_workspace(cchc, tmp_path):
    result = cchc("init", tmp_path / "new")
    assert result.exit_code == 0
    assert Path(result.stdout.strip()) == tmp_path / "new"
    for rel in ("cchc.toml", "data/communes.csv", "data/indicators.csv", "data/findings.csv", "templates/letter.docx"):
        assert (tmp_path / "new" / rel).is_file()
    assert (tmp_path / "new" / "cchc.toml").read_bytes() == (sample_root() / "cchc.toml").read_bytes()
    again = cchc("init", tmp_path / "new")
    assert again.exit_code == 2 and "ở đây đã có cchc.toml, data, templates: không ghi đè" in again.stderr


def test_workspace_from_environment(cchc, ws, monkeypatch, tmp_path):
    monkeypatch.setenv("CCHC_WORKSPACE", str(ws))
    monkeypatch.chdir(tmp_path)
    result = cchc("letter")
    assert result.exit_code == 0 and result.stdout.strip() == str(ws / "output" / "cong-van-don-doc.docx")


def test_help_imports_no_heavy_library():
    code = ("import sys; from cchc_docs.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "heavy = {'pandas', 'docx', 'docxtpl', 'lxml', 'openpyxl', 'sqlalchemy', 'matplotlib', 'jinja2',"
            " 'pyhanko', 'cryptography', 'fastapi', 'uvicorn'}\n"
            "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_every_package_ships_in_the_wheel():
    import configparser

    cfg = configparser.ConfigParser()
    cfg.read(REPO / "setup.cfg")
    listed = set(cfg["options"]["packages"].split())
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "cchc_docs").rglob("__init__.py")}
    assert found <= listed, f"add to setup.cfg [options] packages: {sorted(found - listed)}"


def test_build_reads_the_workspace_and_its_data_once(cchc, ws, monkeypatch):
    from cchc_docs import dataset, workspace as ws_mod

    calls = {"config": 0, "data": 0}
    real_parse, real_load = ws_mod.parse_config, dataset.load_dataset

    def parse(*a, **k):
        calls["config"] += 1
        return real_parse(*a, **k)

    def load(*a, **k):
        calls["data"] += 1
        return real_load(*a, **k)

    monkeypatch.setattr(ws_mod, "parse_config", parse)
    monkeypatch.setattr(dataset, "load_dataset", load)
    result = cchc("build", "-w", ws)
    assert result.exit_code == 0, result.stderr
    assert (ws / "output" / "bao-cao-tong-hop.docx").is_file()
    assert calls == {"config": 1, "data": 1}


def test_group_workspace_option_and_search_upwards(cchc, ws, monkeypatch):
    result = cchc("-w", ws, "validate")
    assert result.exit_code == 0 and "Dữ liệu hợp lệ" in result.stderr
    monkeypatch.delenv("CCHC_WORKSPACE", raising=False)
    monkeypatch.chdir(ws / "data")
    result = cchc("letter")
    assert result.exit_code == 0 and result.stdout.strip() == str(ws / "output" / "cong-van-don-doc.docx")
