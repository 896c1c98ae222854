"""The register (issue, list and search, void, export), /check, and login/logout."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from ..errors import CchcError, InputError, Problem, RegisterError
from ..vn import format_date_short
from . import accounts
from .actions import issued_id
from .app import actions_of, checked_form, need, page, upload_bytes, user_of

router = APIRouter()


def _date(text: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(Problem(f"ngày '{text}' không hợp lệ", hint="chọn ngày trong lịch, dạng 2024-07-05")) from None


def _year(text) -> int | None:
    text = str(text or "").strip()
    if not text:
        return None
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise InputError(Problem(f"năm '{text}' không hợp lệ", hint="ghi bốn chữ số, ví dụ 2024"))
    return int(text)


def _register_page(request: Request, status: int = 200, **extra):
    actions = actions_of(request)
    year = _year(request.query_params.get("year"))
    query = request.query_params.get("q", "")
    entries = actions.entries(year=year, query=query)
    return page(request, "register.html", status=status, entries=entries, year=year or "", q=query,
                this_year=actions.config.campaign.year, has_returns=actions.has_returns(),
                signing=actions.agency_key is not None, **extra)


@router.get("/register", response_class=HTMLResponse)
def register_list(request: Request):
    flash, request.state.web.flash = request.state.web.flash, []
    offers, request.state.web.offers = request.state.web.offers, []
    return _register_page(request, flash=flash, offers=offers)


@router.post("/register/issue")
async def register_issue(request: Request):
    form = await checked_form(request)
    need(request, "issue")
    try:
        # In a worker thread: signing runs pyHanko's own event loop (asyncio.run), and
        # LibreOffice's export must not hold up the other pages.
        issued, pdf = await run_in_threadpool(actions_of(request).issue, str(form.get("what", "")),
                                              _date(str(form.get("date", ""))), user_of(request))
    except CchcError as exc:
        return _register_page(request, status=409 if isinstance(exc, RegisterError) else 400,
                              refused=exc.problems)
    request.state.web.flash.append(
        f"Đã cấp số {issued.label} ngày {format_date_short(issued.date)} cho {issued.type_name.lower()} "
        f"«{issued.summary}»; bản chính: output/{issued.path.parent.name}/{issued.path.name}; "
        f"đã lưu {len(issued.archived)} bản vào output/archive/.")
    if pdf is not None:
        request.state.web.flash.append(
            f"Đã ký số cơ quan: output/{pdf.parent.name}/{pdf.name} (kèm bản lưu và tệp .sha256 trong output/archive/).")
        request.state.web.offers = [(issued_id(pdf), f"Tải PDF đã ký số ({pdf.name})")]
    return RedirectResponse("/register", status_code=303)


@router.post("/register/void")
async def register_void(request: Request):
    form = await checked_form(request)
    need(request, "void")
    try:
        entry = actions_of(request).void(str(form.get("number", "")), _year(form.get("year")),
                                         str(form.get("reason", "")), user_of(request))
    except CchcError as exc:
        return _register_page(request, status=400, refused=exc.problems)
    request.state.web.flash.append(f"Đã thu hồi văn bản {entry.label} (năm {entry.year}). Số này không được cấp lại.")
    return RedirectResponse("/register", status_code=303)


@router.post("/register/export")
async def register_export(request: Request):
    form = await checked_form(request)
    need(request, "export")
    try:
        year = _year(form.get("year")) or actions_of(request).config.campaign.year
        file_id = actions_of(request).export(year, str(form.get("format", "xlsx")), user_of(request))
    except CchcError as exc:
        return _register_page(request, status=400, refused=exc.problems)
    return RedirectResponse(f"/download/{file_id}", status_code=303)


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request):
    return page(request, "check.html", result=None)


@router.post("/check")
async def check_upload(request: Request):
    form = await checked_form(request)
    upload = form.get("file")
    data = await upload_bytes(upload)
    try:
        result = actions_of(request).check(data, draft=bool(form.get("draft")))
    except CchcError as exc:
        return page(request, "check.html", status=422, result=None, name=upload.filename,
                    refused_file=upload.filename, refused_note="tệp bị từ chối, không mở để kiểm tra.",
                    refused=exc.problems)
    return page(request, "check.html", result=result, name=upload.filename)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request):
    return page(request, "login.html")


@router.post("/login")
async def login(request: Request):
    form = await checked_form(request)
    name = str(form.get("name", "")).strip()
    role = accounts.authenticate(actions_of(request).root, name, str(form.get("password", "")))
    if role is None:
        return page(request, "login.html", status=401, failed=True, name=name)
    # A new session id at login: an id planted before login is worth nothing after it.
    sessions = request.app.state.sessions
    sessions.drop(request.state.sid)
    request.state.sid, request.state.web = sessions.new(user=name, role=role)
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
async def logout(request: Request):
    await checked_form(request)
    request.app.state.sessions.drop(request.state.sid)
    request.state.sid, request.state.web = request.app.state.sessions.new()
    return RedirectResponse("/login" if request.app.state.accounts_on else "/", status_code=303)

