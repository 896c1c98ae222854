"""Long work off the request: the forms batch and PDF conversion run in a worker thread
(the batch itself may use worker processes), the page polls the job's progress with htmx,
and the cancel button stops it at the next commune."""

from __future__ import annotations

import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field


class Cancelled(Exception):
    """Raised from a job's progress hook once its cancel button was pressed."""


@dataclass
class Job:
    id: str
    title: str
    owner: str | None
    kind: str = ""  # "forms", "pdf": which page shows it
    state: str = "running"  # running | done | failed | cancelled
    done: int = 0
    total: int = 0
    message: str = ""
    download: str = ""  # id of the file it made (actions.DOWNLOADS)
    started: float = field(default_factory=time.time)
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        self._cancel.set()


class Jobs:
    def __init__(self, workers: int = 2):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cchc-job")
        self._jobs: dict[str, Job] = {}

    def start(self, title: str, owner, work, kind: str = "") -> Job:
        """Run `work(job)`; it returns (message, download id) or raises CchcError/Cancelled."""
        from ..errors import CchcError

        job = Job(id=secrets.token_hex(8), title=title, owner=owner, kind=kind)
        self._jobs[job.id] = job

        def run():
            try:
                job.message, job.download = work(job)
                job.state = "done"
            except Cancelled:
                job.state, job.message = "cancelled", "Đã hủy theo yêu cầu; các tệp đã ghi xong vẫn dùng được."
            except CchcError as exc:
                job.state, job.message = "failed", "; ".join(str(p) for p in exc.problems)
            except Exception as exc:  # noqa: BLE001 - shown on the page, the server keeps running
                job.state, job.message = "failed", f"Lỗi không mong đợi ({type(exc).__name__}): {exc}"
            if job._cancel.is_set() and job.state == "done":
                job.state, job.message = "cancelled", "Đã hủy theo yêu cầu."

        self._pool.submit(run)
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def running(self, kind: str | None = None) -> list[Job]:
        return [j for j in self._jobs.values() if j.state == "running" and kind in (None, j.kind)]

    def shutdown(self) -> None:
        for job in self.running():
            job.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
