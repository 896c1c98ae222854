"""Several clerks at once, and a clerk whose machine dies mid-issue.

Real processes, a real SQLite file and (when CCHC_TEST_PG_URL is set; required in CI) a
real PostgreSQL server: numbers come out distinct and consecutive, with no gap, and a
process killed between allocation and commit leaves neither a gap nor a stray file.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
from register_drafts import (  # noqa: F401 - _fresh_engines and db are fixtures
    _fresh_engines,
    db,
    issue_worker,
    make_draft,
)

from cchc_docs import register

D = "2024-07-05"
TESTS = Path(__file__).parent
REPO = TESTS.parent


def number_line(path: Path) -> str:
    return docx.Document(str(path)).tables[0].cell(1, 0).paragraphs[0].text


def make_drafts(ws: Path, n: int) -> list[Path]:
    return [make_draft(ws / "drafts" / f"d{k:02d}.docx", subject=f"việc thứ {k}") for k in range(n)]


def test_clerks_issuing_at_once_get_consecutive_numbers(ws, db):
    clerks, each = 4, 3
    paths = make_drafts(ws, clerks * each)
    ctx = multiprocessing.get_context("spawn")  # no inherited connections or engines
    barrier = ctx.Barrier(clerks)
    results = ctx.Queue()
    procs = [ctx.Process(target=issue_worker,
                         args=(str(ws), [str(p) for p in paths[k::clerks]], D, db, barrier, results))
             for k in range(clerks)]
    for p in procs:
        p.start()
    got = [results.get(timeout=180) for _ in paths]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert [r for r in got if r[0] != "ok"] == []
    numbers = sorted(r[3] for r in got)
    assert numbers == list(range(1, len(paths) + 1))  # distinct, consecutive, no gap
    assert len({r[1] for r in got}) == clerks  # really four processes
    for _, _, path, number in got:
        assert number_line(Path(path)) == f"Số: {number:02d}/UBND-NV"
    entries = register.list_entries(ws, db_url=db)
    assert [e.number for e in entries] == numbers
    assert len(list((ws / "output/archive/2024").rglob("*.docx"))) == 2 * len(paths)
    assert register.verify(ws, db_url=db).ok


def test_cli_processes_at_once(ws, db):
    paths = make_drafts(ws, 4)
    env = dict(os.environ)
    env.pop("CCHC_DB", None)
    cmd = [sys.executable, "-m", "cchc_docs.cli", "register", "issue", "--date", D, "-w", str(ws)]
    if db:
        cmd += ["--db", db]
    procs = [subprocess.Popen(cmd + [str(p)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO, env=env) for p in paths]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0] * len(paths), [err for _, err in outs]
    issued = sorted((ws / "output" / "ban-hanh").iterdir())
    # Which clerk got which number is a race; that each draft got one is not.
    assert sorted(p.name.split("-UBND-NV-")[1] for p in issued) == [p.name for p in paths]
    assert sorted(p.name.split("-")[0] for p in issued) == ["01", "02", "03", "04"]
    lines = sorted(number_line(p) for p in issued)
    assert lines == [f"Số: {n:02d}/UBND-NV" for n in range(1, len(paths) + 1)]
    assert all(number_line(p) == "Số:      /UBND-NV" for p in paths)  # drafts stay drafts
    assert all(len(out.splitlines()) == 2 for out, _ in outs)


def test_process_killed_between_allocation_and_commit(ws, db, tmp_path):
    victim, other = make_drafts(ws, 2)
    marker = tmp_path / "allocated"
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from register_drafts import stall_after_allocation\n"
            "stall_after_allocation(%r, %r, %r, %r, %r)\n"
            % (str(TESTS), str(ws), str(victim), D, db, str(marker)))
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() or not marker.read_text().strip():
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the worker never reached the allocation"
            time.sleep(0.05)
        number, *temps = marker.read_text().splitlines()
        assert number == "1" and temps and all(Path(t).is_file() for t in temps)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)

    # The dead clerk's number was never committed: the next clerk gets 01, and the
    # orphaned temporary files are swept on the way.
    issued = register.issue(ws, other, date=register_date(), db_url=db)
    assert issued.number == 1
    assert not any(Path(t).exists() for t in temps)
    assert not list((ws / "output").rglob("*.cchc-tmp"))
    assert number_line(victim) == "Số:      /UBND-NV"
    assert register.issue(ws, victim, date=register_date(), db_url=db).number == 2
    assert [e.number for e in register.list_entries(ws, db_url=db)] == [1, 2]
    assert register.verify(ws, db_url=db).ok


def register_date():
    import datetime as dt

    return dt.date.fromisoformat(D)
