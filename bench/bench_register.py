"""Outgoing register throughput: issues per second on SQLite and PostgreSQL, 1 and 4 clerks.

Run on demand: `python bench/bench_register.py [-n N] [--pg URL]` (URL defaults to
$CCHC_TEST_PG_URL; PostgreSQL is skipped without one). Asserts nothing.

Two measures, each with 1 and 4 clerk processes released together by a barrier:
  allocation  the database transaction alone: lock the series, take the next number,
              insert the register row, commit;
  full issue  what `cchc register issue` does per document: read and parse the draft,
              allocate, stamp number and date, zip, stage two archive copies (fsync),
              commit, publish, rewrite the draft in place.
Rate = documents / wall time from the barrier to the last clerk's end; the median of
`--repeat` runs (default 3), each on a fresh register. Every run checks that the numbers
came out 1..N with no gap or duplicate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

DATE = dt.date(2024, 7, 5)


def _drafts(ws_root: Path, count: int, tag: str) -> list[Path]:
    """`count` distinct drafts from the sample letter (distinct V/v, hence distinct hashes)."""
    from cchc_docs.pipeline import Session
    from cchc_docs.ooxml.package import atomic_write, package_bytes, read_parts

    base = read_parts(Session(ws_root).write_letter())
    xml = base["word/document.xml"]
    out = []
    for k in range(count):
        parts = dict(base)
        parts["word/document.xml"] = xml.replace("V/v tập trung".encode(), f"V/v ({tag}-{k}) tập trung".encode())
        out.append(atomic_write(ws_root / "drafts" / f"{tag}-{k:04d}.docx", package_bytes(parts)))
    return out


def _allocate_only(ws_root: str, db_url: str | None, n: int, tag: str) -> None:
    from cchc_docs.register import db

    ws = db.load_workspace(ws_root)
    reg = db.open_register(ws, db_url)
    agency = ws.config.agency.name
    for k in range(n):
        with reg.transaction() as tx:
            number = tx.allocate(agency, "chung", DATE.year, DATE)
            tx.record(dict(agency=agency, series="chung", year=DATE.year, number=number,
                           symbol="UBND-NV", issued_on=DATE, type_name="Công văn", summary="bench",
                           signer="", recipients="", keep_units="VT", source_name="",
                           draft_sha256=f"{tag}-{k}", sha256="0" * 64), [])


def _full_issue(ws_root: str, db_url: str | None, paths: list[str]) -> None:
    from cchc_docs import register

    for path in paths:
        register.issue(ws_root, path, date=DATE, db_url=db_url)


def _clerk(kind, ws_root, db_url, work, barrier, times):
    from cchc_docs.register import db

    db.open_register(db.load_workspace(ws_root), db_url)  # connect + schema check before the clock
    barrier.wait()
    start = time.perf_counter()
    if kind == "allocation":
        _allocate_only(ws_root, db_url, *work)
    else:
        _full_issue(ws_root, db_url, work)
    times.put((start, time.perf_counter()))


def _fresh_pg(base: str) -> tuple[str, callable]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = "bench_" + secrets.token_hex(4)
    u = make_url(base)
    info = dict(host=u.host, port=u.port or 5432, user=u.username, password=u.password, dbname=u.database)
    with psycopg.connect(**info, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")

    def drop():
        with psycopg.connect(**info, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")

    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{name}", drop


def run(kind: str, backend: str, clerks: int, n: int, pg: str | None) -> float:
    from cchc_docs import workspace

    tmp = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    ws_root = workspace.init(tmp / "ws")
    db_url, drop = (None, lambda: None) if backend == "sqlite" else _fresh_pg(pg)
    try:
        if kind == "allocation":
            works = [(n, f"c{c}") for c in range(clerks)]
        else:
            works = [[str(p) for p in _drafts(ws_root, n, f"c{c}")] for c in range(clerks)]
        ctx = multiprocessing.get_context("spawn")
        barrier, times = ctx.Barrier(clerks), ctx.Queue()
        procs = [ctx.Process(target=_clerk, args=(kind, str(ws_root), db_url, works[c], barrier, times))
                 for c in range(clerks)]
        for p in procs:
            p.start()
        spans = [times.get(timeout=600) for _ in procs]
        for p in procs:
            p.join()
            if p.exitcode:
                raise SystemExit(f"a clerk failed ({kind}, {backend}, {clerks})")
        from cchc_docs import register

        numbers = [e.number for e in register.list_entries(ws_root, db_url=db_url)]
        assert numbers == list(range(1, clerks * n + 1)), "gap or duplicate"
        wall = max(e for _, e in spans) - min(s for s, _ in spans)
        return clerks * n / wall
    finally:
        from cchc_docs.register import db

        for engine in db._ENGINES.values():
            engine.dispose()
        db._ENGINES.clear()
        db._REGISTERS.clear()
        drop()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100, help="documents per clerk (default 100)")
    ap.add_argument("--pg", default=os.environ.get("CCHC_TEST_PG_URL"), help="PostgreSQL URL")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is shown")
    args = ap.parse_args(argv)
    backends = ["sqlite"] + (["postgresql"] if args.pg else [])
    import statistics

    print(f"{args.n} documents per clerk, median of {args.repeat} runs; {os.cpu_count()} CPUs; "
          f"Python {sys.version.split()[0]}")
    print(f"{'':12} {'backend':11} {'1 clerk':>12} {'4 clerks':>12}")
    for kind in ("allocation", "full issue"):
        for backend in backends:
            rates = [statistics.median(run(kind, backend, c, args.n, args.pg) for _ in range(args.repeat))
                     for c in (1, 4)]
            print(f"{kind:12} {backend:11} " + " ".join(f"{r:8.0f} /s  " for r in rates))
    if not args.pg:
        print("(PostgreSQL skipped: set CCHC_TEST_PG_URL or pass --pg URL)")


if __name__ == "__main__":
    main()
