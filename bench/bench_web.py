"""`cchc serve` speed: every page over HTTP against a live uvicorn, the letter preview,
a page while the forms batch runs, and the PDF preview (LibreOffice) when installed.

Run on demand: `taskset -c 0,1 python bench/bench_web.py [N]` (2 cores, as the issue
asks). Prints median and worst ms per page against the budgets (pages 200 ms, letter
preview 2 s); asserts nothing.
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from cchc_docs import workspace
from cchc_docs.web.app import create_app

PAGES = ["/", "/forms", "/results", "/register", "/check", "/static/htmx.min.js"]
PREVIEWS = ["/letter", "/report"]


def serve(root):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(root, warm=True)  # as `cchc serve` runs it
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return app, srv, f"http://127.0.0.1:{port}"


def timed(client, url, n):
    start = time.perf_counter()
    client.get(url)  # first call loads the data and the libraries once, fills the preview cache
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(n):
        start = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return first, statistics.median(times), max(times)


def main(n: int = 20) -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    root = workspace.init(Path(tempfile.mkdtemp()) / "ws")
    app, srv, base = serve(root)
    print(f"cchc serve bench: {cores} core(s), {n} requests per page, workspace {root}")
    time.sleep(4)  # a clerk opens the page a moment after `cchc serve` starts; data and previews load meanwhile
    with httpx.Client(base_url=base) as c:
        start = time.perf_counter()
        c.get("/")
        print(f"  first request (4 s after start): {(time.perf_counter() - start) * 1000:7.1f} ms")
        for url in PAGES:
            _, med, worst = timed(c, url, n)
            print(f"  {url:<22} median {med:7.1f} ms  worst {worst:7.1f} ms  budget 200 ms  "
                  f"{'ok' if worst <= 200 else 'OVER'}")
        for url in PREVIEWS:
            first, med, worst = timed(c, url, max(3, n // 4))
            print(f"  {url:<22} first {first:7.1f} ms, then median {med:5.1f} ms (same inputs)  "
                  f"budget 2000 ms {'ok' if max(first, worst) <= 2000 else 'OVER'}")
        token = re.search(r'name="csrf" value="([^"]+)"', c.get("/forms").text).group(1)
        for value in ("2", "3"):  # an edited finding: the previews render again
            c.post("/data/findings/5", data={"csrf": token, "value": value, "note": ""})
            for url in PREVIEWS:
                start = time.perf_counter()
                assert c.get(url).status_code == 200
                print(f"  {url:<22} after a finding is edited: {(time.perf_counter() - start) * 1000:7.1f} ms  "
                      "budget 2000 ms")
        start = time.perf_counter()
        r = c.post("/forms", data={"csrf": token}, follow_redirects=False)
        job = app.state.jobs.get(r.headers["location"].rsplit("/", 1)[1])
        during = []
        while job.state == "running":
            t = time.perf_counter()
            c.get("/register")
            during.append((time.perf_counter() - t) * 1000)
            time.sleep(0.05)
        batch = time.perf_counter() - start
        if during:
            print(f"  /register during forms batch ({len(during)} requests over {batch:.1f} s): "
                  f"median {statistics.median(during):.1f} ms, worst {max(during):.1f} ms")
        from cchc_docs.pdf import find_soffice

        if find_soffice():
            r = c.post("/letter/pdf", data={"csrf": token}, follow_redirects=False)
            job = app.state.jobs.get(r.headers["location"].rsplit("/", 1)[1])
            start = time.perf_counter()
            while job.state == "running":
                time.sleep(0.05)
            print(f"  letter PDF via LibreOffice (background job): {time.perf_counter() - start:.2f} s "
                  f"({job.state})")
    srv.should_exit = True


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
