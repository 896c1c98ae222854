"""Orchestration: each function loads a workspace, composes, renders, checks and writes.

The pieces it calls are pure (dataset, letter, forms, report) or confined I/O
(render.package); this is the only module that strings them together.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import workspace as ws_mod
from .errors import InputError, Problem


def _output_dir(ws, out_dir) -> Path:
    return Path(out_dir).resolve() if out_dir else ws.output_dir


def _stamp(date: dt.date | None, year: int) -> str:
    # Reproducible document metadata: derived from the document's own date, not the clock.
    d = date or dt.date(year, 1, 1)
    return f"{d.isoformat()}T00:00:00Z"


def render_letter(ws, date=None, number=None) -> bytes:
    from . import letter
    from .dataset import load_dataset
    from .render.template import PreparedTemplate

    dataset = load_dataset(ws.data_dir)
    context, footnotes = letter.compose(ws.config, dataset, date=date, number=number)
    template = PreparedTemplate(ws.template(letter.TEMPLATE))
    data = template.render(context, footnotes=footnotes, title=f"V/v {ws.config.campaign.subject}",
                           creator=ws.config.agency.name, stamp=_stamp(date, ws.config.campaign.year))
    _self_check(data, letter.FILE_NAME, draft=number is None or date is None)
    return data


def _self_check(data: bytes, name: str, draft: bool) -> None:
    """Generators refuse to write a document that breaks the project's own Decree 30 rules."""
    try:
        from .check import check_parts
        from .render.package import read_parts
    except ImportError:  # the checker is not part of this build yet
        return
    findings = [f for f in check_parts(read_parts(data), draft=draft) if f.severity == "error"]
    if findings:
        raise InputError([Problem(f"{f.rule}: {f.message} ({f.where})", file=name,
                                  hint="mẫu trong templates/ đã bị sửa sai thể thức Nghị định 30")
                          for f in findings])


def write_letter(workspace=None, date=None, number=None, out_dir=None) -> Path:
    from .letter import FILE_NAME
    from .render.package import atomic_write

    ws = ws_mod.load(workspace)
    data = render_letter(ws, date=date, number=number)
    return atomic_write(_output_dir(ws, out_dir) / FILE_NAME, data)


def validate(workspace=None) -> str:
    """Every problem of the workspace at once (raises InputError listing them), or a summary."""
    from .dataset import load_dataset
    from .letter import TEMPLATE

    ws = ws_mod.load(workspace)
    dataset = load_dataset(ws.data_dir)
    ws.template(TEMPLATE)
    return (f"Dữ liệu hợp lệ: {len(dataset.communes)} đơn vị, {len(dataset.indicators)} chỉ tiêu, "
            f"{len(dataset.findings)} tồn tại của "
            f"{len({f.commune.code for f in dataset.findings})} đơn vị.")


def build(workspace=None, out_dir=None) -> list[Path]:
    """Everything the workspace produces; each path once written."""
    return [write_letter(workspace, out_dir=out_dir)]
