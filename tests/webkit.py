"""The web front under TestClient, as a browser on the clerk's machine would use it."""

from __future__ import annotations

import re
import time

BASE = "http://127.0.0.1:8030"


def client(root, **kwargs):
    from fastapi.testclient import TestClient

    from cchc_docs.web.app import create_app

    return TestClient(create_app(root, **kwargs), base_url=BASE)


def token(c, url="/") -> str:
    """The CSRF token of the page at `url` (the hidden field every form carries)."""
    return re.search(r'name="csrf" value="([^"]+)"', c.get(url).text).group(1)


def text(html: str) -> str:
    """The page as a reader sees it: tags out, entities in, spaces collapsed."""
    import html as h

    return re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", " ", html)))


def wait_job(c, location: str, timeout: float = 60) -> str:
    end = time.time() + timeout
    while time.time() < end:
        r = c.get(location, headers={"hx-request": "true"})
        if "đang chạy" not in r.text:
            return r.text
        time.sleep(0.1)
    raise AssertionError("job did not finish")
