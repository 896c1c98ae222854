"""The FastAPI app: middleware (Host allow-list, body limit, sessions, headers), the
Vietnamese error pages, and the helpers the page modules share."""

from __future__ import annotations

import contextlib
import html
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..vn import format_date_short
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import CchcError, InputError, Problem, RegisterError
from . import accounts, security
from .actions import Actions
from .jobs import Jobs

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
# Dates as the project writes them everywhere (Decree 30: 05/7/2024, zero only below 10
# for the day and for January and February), not strftime's 05/07/2024.
templates.env.filters["ngay"] = format_date_short
OPEN_PATHS = ("/login", "/static/")

NAV = (("/", "Tổng quan"), ("/letter", "Công văn"), ("/forms", "Phiếu khắc phục"),
       ("/results", "Phiếu gửi về"), ("/report", "Báo cáo"), ("/register", "Sổ văn bản đi"),
       ("/check", "Kiểm tra thể thức"))


class Refused(Exception):
    """A request refused with a Vietnamese page (403 token/role, 400 bad form...)."""

    def __init__(self, status: int, title: str, text: str):
        self.status, self.title, self.text = status, title, text


def plain_page(status: int, title: str, text: str) -> str:
    """The error page without templates (used by the ASGI guards, before routing)."""
    t, x = html.escape(title), html.escape(text)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{t} — cchc</title>'
            f'<link rel="stylesheet" href="/static/style.css"></head><body><main class="refusal">'
            f'<h1>{t}</h1><p>{x}</p><p class="muted">Mã lỗi {status}.</p></main></body></html>')


def create_app(workspace=None, db_url: str | None = None, host: str = "127.0.0.1",
               allowed_hosts=(), workers: int = 1, max_body: int = security.MAX_BODY_BYTES,
               session_hours: float = 8, warm: bool = False, agency_key=None) -> FastAPI:
    actions = Actions(workspace, db_url=db_url, workers=workers, agency_key=agency_key)
    accounts_on = bool(accounts.load(actions.root))
    if not security.is_loopback(host) and not accounts_on:
        raise InputError(Problem(
            f"không mở máy chủ cho cả mạng ({host}) khi chưa có tài khoản nào",
            hint="tạo tài khoản: cchc serve --add-user TÊN --role van-thu (hoặc chuyen-vien)"))
    jobs = Jobs()

    @contextlib.asynccontextmanager
    async def lifespan(app):
        if warm:  # `cchc serve`: data and previews load while the browser opens
            import threading

            threading.Thread(target=actions.warm, name="cchc-warm").start()
        yield
        jobs.shutdown()  # a Ctrl+C stops the batch at the next commune

    app = FastAPI(title="cchc", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.actions = actions
    app.state.jobs = jobs
    app.state.sessions = security.Sessions(max_age=session_hours * 3600)
    app.state.accounts_on = accounts_on
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def session_and_headers(request: Request, call_next):
        sessions = app.state.sessions
        sid = request.cookies.get(security.SESSION_COOKIE)
        web = sessions.get(sid)
        fresh = web is None
        if fresh:
            sid, web = sessions.new()
        request.state.sid, request.state.web = sid, web
        path = request.url.path
        if app.state.accounts_on and web.user is None and not path.startswith(OPEN_PATHS):
            response = RedirectResponse("/login", status_code=303)
        else:
            response = await call_next(request)
        if fresh or request.state.sid != sid:
            response.set_cookie(security.SESSION_COOKIE, request.state.sid, httponly=True,
                                samesite="strict", max_age=int(sessions.max_age), path="/")
        response.headers["Content-Security-Policy"] = security.CSP
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return page(request, "error.html", status=exc.status, title=exc.title, text=exc.text)

    @app.exception_handler(CchcError)
    async def cchc_error(request: Request, exc: CchcError):
        status = 409 if isinstance(exc, RegisterError) else 400
        return page(request, "error.html", status=status, title="Không thực hiện được",
                    problems=exc.problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        titles = {404: "Không tìm thấy trang", 405: "Thao tác không hợp lệ"}
        return page(request, "error.html", status=exc.status_code,
                    title=titles.get(exc.status_code, "Không thực hiện được"),
                    text="Địa chỉ này không có trên máy chủ cchc." if exc.status_code == 404 else "")

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        return page(request, "error.html", status=400, title="Yêu cầu không hợp lệ",
                    text="Thiếu hoặc sai một trường của biểu mẫu. Hãy tải lại trang và thử lại.")

    from . import office, pages

    app.include_router(pages.router)
    app.include_router(office.router)

    allowed = set(security.LOOPBACK_HOSTS) | set(allowed_hosts)
    if not host.startswith("0.") and host not in ("::", ""):
        allowed.add(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    # Outermost first: Host check, then the body limit, then the app.
    app.add_middleware(security.BodyLimit, limit=max_body, page=plain_page)
    app.add_middleware(security.HostGuard, allowed=allowed, page=plain_page)
    return app


# ---------------------------------------------------------------- helpers for the pages

def actions_of(request: Request) -> Actions:
    return request.app.state.actions


def user_of(request: Request) -> str | None:
    return request.state.web.user


def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    web = request.state.web
    context.update(request=request, csrf=web.csrf, user=web.user,
                   role=accounts.ROLES.get(web.role or "", ""), nav=NAV, path=request.url.path,
                   config=actions_of(request).config, accounts_on=request.app.state.accounts_on)
    return templates.TemplateResponse(request, template, context, status_code=status)


async def checked_form(request: Request):
    """The posted form, once its CSRF token matches the session's; else a 403 page."""
    form = await request.form(max_files=50, max_fields=100)
    given = form.get(security.CSRF_FIELD) or request.headers.get(security.CSRF_HEADER)
    if not security.token_ok(request.state.web, given if isinstance(given, str) else None):
        raise Refused(403, "Phiên làm việc không hợp lệ",
                      "Biểu mẫu thiếu mã xác nhận hoặc mã đã hết hạn (có thể do trang mở quá lâu "
                      "hoặc yêu cầu đến từ trang khác). Hãy tải lại trang rồi thao tác lại.")
    return form


def need(request: Request, action: str) -> None:
    web = request.state.web
    if not accounts.allowed(web.role, action, request.app.state.accounts_on):
        raise Refused(403, "Không đủ quyền",
                      f"Tài khoản {web.user} ({accounts.ROLES.get(web.role or '', '')}) không được "
                      f"{accounts.ACTIONS[action]}. Việc này do "
                      f"{', '.join(accounts.ROLES[r] for r in accounts.PERMISSIONS[action])} thực hiện.")


async def upload_bytes(upload, limit: int = security.MAX_BODY_BYTES) -> bytes:
    """An uploaded file's bytes, read in pieces and refused past the limit."""
    if upload is None or isinstance(upload, str) or not upload.filename:
        raise Refused(400, "Chưa chọn tệp", "Hãy chọn một tệp rồi bấm nút gửi.")
    chunks, size = [], 0
    while piece := await upload.read(1024 * 1024):
        size += len(piece)
        if size > limit:
            raise Refused(413, "Tệp quá lớn", f"Mỗi tệp tối đa {limit // (1024 * 1024)} MB.")
        chunks.append(piece)
    return b"".join(chunks)
