"""What keeps the site safe by default: a Host allow-list (DNS rebinding), a limit on
request bodies counted as they stream in, server-side sessions with an expiry, a CSRF
token per session, and headers that forbid framing and any script not served here."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")
MAX_BODY_BYTES = 20 * 1024 * 1024
SESSION_COOKIE = "cchc_session"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"

# Every byte the page needs is served by this site (htmx included); data: for the chart
# picture of the report preview. No inline script, no frames, nothing fetched elsewhere.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def host_of(header: str) -> str:
    """`example:8030` → `example`; `[::1]:8030` → `[::1]`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header.split("]")[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


async def _send_page(send, status: int, html: str) -> None:
    body = html.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class HostGuard:
    """Refuse any request whose Host header is not one of ours (a page of another site
    that resolves its own name to 127.0.0.1 must not reach the clerk's workspace)."""

    def __init__(self, app, allowed, page):
        self.app, self.allowed, self.page = app, {h.lower() for h in allowed}, page

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            host = host_of(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                await _send_page(send, 400, self.page(
                    400, "Địa chỉ truy cập không được phép",
                    f"Máy chủ cchc chỉ trả lời các địa chỉ: {', '.join(sorted(self.allowed))}. "
                    "Hãy mở trang bằng địa chỉ đó (ví dụ http://127.0.0.1:8030/)."))
                return
        await self.app(scope, receive, send)


class _TooLarge(Exception):
    pass


def _too_large(exc: BaseException | None, depth: int = 0) -> bool:
    if exc is None or depth > 10:
        return False
    if isinstance(exc, _TooLarge):
        return True
    inner = getattr(exc, "exceptions", ())
    return any(_too_large(e, depth + 1) for e in inner) or _too_large(exc.__cause__, depth + 1)


class BodyLimit:
    """413 before the body is read when Content-Length says too much; otherwise count the
    bytes as they arrive and stop at the limit (a chunked upload has no Content-Length)."""

    def __init__(self, app, limit, page):
        self.app, self.limit, self.page = app, limit, page

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _send_page(send, 413, self._refusal())
        seen = 0
        started = False

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracked(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except Exception as exc:  # the limit may come back wrapped by the middleware's task group
            if not _too_large(exc) or started:
                raise
            await _send_page(send, 413, self._refusal())

    def _refusal(self) -> str:
        return self.page(413, "Tệp quá lớn",
                         f"Mỗi lần tải lên tối đa {self.limit // (1024 * 1024)} MB. Hãy chia nhỏ "
                         "hoặc nén ảnh trong văn bản rồi tải lên lại.")


@dataclass
class WebSession:
    csrf: str
    expires: float
    user: str | None = None
    role: str | None = None
    flash: list = field(default_factory=list)
    offers: list = field(default_factory=list)   # (download id, label) shown once, after an issue


class Sessions:
    """Server-side sessions: the cookie holds a random id only, so nothing can be forged
    or replayed after expiry or logout; a restart logs everybody out (acceptable here)."""

    def __init__(self, max_age: float = 8 * 3600):
        self.max_age = max_age
        self._items: dict[str, WebSession] = {}
        self._lock = threading.Lock()

    def get(self, sid: str | None) -> WebSession | None:
        with self._lock:
            item = self._items.get(sid or "")
            if item is not None and item.expires < time.time():
                del self._items[sid]
                return None
            return item

    def new(self, user=None, role=None) -> tuple[str, WebSession]:
        sid = secrets.token_urlsafe(32)
        item = WebSession(csrf=secrets.token_urlsafe(32), expires=time.time() + self.max_age,
                          user=user, role=role)
        with self._lock:
            now = time.time()
            for old in [k for k, v in self._items.items() if v.expires < now]:
                del self._items[old]
            self._items[sid] = item
        return sid, item

    def drop(self, sid: str | None) -> None:
        with self._lock:
            self._items.pop(sid or "", None)


def token_ok(session: WebSession | None, given: str | None) -> bool:
    return bool(session and given) and hmac.compare_digest(session.csrf, given)
