"""The workspace's pages: dashboard and data, letter preview, forms batch, returns, report."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from ..errors import CchcError
from .app import Refused, actions_of, checked_form, need, page, upload_bytes, user_of

router = APIRouter()


def _back(request: Request, message: str, url: str) -> RedirectResponse:
    request.state.web.flash.append(message)
    return RedirectResponse(url, status_code=303)


def _flash(request: Request) -> list[str]:
    messages, request.state.web.flash = request.state.web.flash, []
    return messages


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request):
    return page(request, "dashboard.html", view=actions_of(request).overview(), flash=_flash(request))


@router.post("/data/findings")
async def upload_findings(request: Request):
    form = await checked_form(request)
    need(request, "draft")
    upload = form.get("file")
    data = await upload_bytes(upload)
    try:
        summary = actions_of(request).upload_findings(upload.filename, data)
    except CchcError as exc:
        return page(request, "dashboard.html", status=400, view=actions_of(request).overview(),
                    refused=exc.problems, refused_file=upload.filename, flash=[])
    return _back(request, f"Đã thay bảng số liệu bằng {upload.filename}. {summary}", "/")


@router.post("/data/findings/{row}")
async def edit_finding(request: Request, row: int):
    form = await checked_form(request)
    need(request, "draft")
    try:
        summary = actions_of(request).edit_finding(row, str(form.get("value", "")), str(form.get("note", "")))
    except CchcError as exc:
        return page(request, "dashboard.html", status=400, view=actions_of(request).overview(),
                    refused=exc.problems, refused_file=f"dòng {row}", flash=[])
    return _back(request, f"Đã sửa dòng {row}. {summary}", "/")


@router.get("/letter", response_class=HTMLResponse)
def letter(request: Request):
    return page(request, "preview.html", what="letter", title="Xem trước công văn",
                body=actions_of(request).letter_html(), download="letter")


@router.post("/letter/pdf")
async def letter_pdf(request: Request):
    await checked_form(request)
    jobs, actions = request.app.state.jobs, actions_of(request)
    job = jobs.start("Chuyển công văn sang PDF", user_of(request), actions.pdf_job, kind="pdf")
    return _job_answer(request, job)


@router.get("/forms", response_class=HTMLResponse)
def forms(request: Request):
    running = request.app.state.jobs.running("forms")
    actions = actions_of(request)
    return page(request, "forms.html", job=running[0] if running else None,
                ready=actions.download_path("forms-zip") is not None, problems=actions.session.problems())


@router.post("/forms")
async def forms_start(request: Request):
    await checked_form(request)
    need(request, "draft")
    actions = actions_of(request)
    if actions.session.problems():
        raise Refused(400, "Dữ liệu còn lỗi", "Sửa các lỗi ở trang Tổng quan trước khi tạo phiếu.")
    job = request.app.state.jobs.start("Tạo phiếu khắc phục", user_of(request), actions.forms_job, kind="forms")
    return _job_answer(request, job)


def _job_answer(request: Request, job):
    if request.headers.get("hx-request"):
        return page(request, "job_fragment.html", job=job)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_status(request: Request, job_id: str):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise Refused(404, "Không có công việc này", "Công việc đã xong từ lâu hoặc máy chủ đã khởi động lại.")
    return page(request, "job_fragment.html" if request.headers.get("hx-request") else "job.html", job=job)


@router.post("/jobs/{job_id}/cancel")
async def job_cancel(request: Request, job_id: str):
    await checked_form(request)
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise Refused(404, "Không có công việc này", "Công việc đã xong hoặc không tồn tại.")
    job.cancel()
    return _job_answer(request, job)


@router.get("/results", response_class=HTMLResponse)
def results(request: Request):
    actions = actions_of(request)
    intake = None
    problems = []
    try:
        if actions.has_returns():
            intake = actions.intake()
    except CchcError as exc:
        problems = exc.problems
    return page(request, "results.html", intake=intake, problems=problems, flash=_flash(request))


@router.post("/results")
async def results_upload(request: Request):
    form = await checked_form(request)
    need(request, "draft")
    files = [f for f in form.getlist("files") if not isinstance(f, str) and f.filename]
    if not files:
        raise Refused(400, "Chưa chọn tệp", "Hãy chọn các phiếu (.xlsx, .docx) các đơn vị gửi về.")
    saved, refused = [], []
    for upload in files:
        data = await upload_bytes(upload)
        try:
            name, _ = actions_of(request).save_return(upload.filename, data)
            saved.append(name)
        except CchcError as exc:
            refused += exc.problems
    if refused:
        return page(request, "results.html", status=400, intake=None, problems=[], refused=refused,
                    flash=[f"Đã lưu {len(saved)} tệp: {', '.join(saved)}."] if saved else [])
    return _back(request, f"Đã lưu {len(saved)} tệp vào data/results/: {', '.join(saved)}.", "/results")


@router.get("/report", response_class=HTMLResponse)
def report(request: Request):
    actions = actions_of(request)
    if not actions.has_returns():
        return page(request, "preview.html", what="report", title="Xem trước báo cáo tổng hợp", body="",
                    empty="Chưa có phiếu báo cáo nào gửi về: hãy thả các phiếu ở trang Phiếu gửi về.")
    return page(request, "preview.html", what="report", title="Xem trước báo cáo tổng hợp",
                body=actions.report_html(), download="report")


@router.get("/download/{file_id}")
def download(request: Request, file_id: str):
    path = actions_of(request).download_path(file_id)
    if path is None:
        raise Refused(404, "Chưa có tệp này", "Tệp chưa được tạo. Hãy tạo nó trước rồi tải về.")
    # A PDF opens in the browser's own viewer (the print preview); the rest download.
    inline = "inline" if path.suffix == ".pdf" else "attachment"
    return FileResponse(path, filename=path.name, content_disposition_type=inline)


@router.post("/letter/draft")
async def letter_draft(request: Request):
    await checked_form(request)
    need(request, "draft")
    actions_of(request).session.write_letter()
    return RedirectResponse("/download/letter", status_code=303)


@router.post("/report/draft")
async def report_draft(request: Request):
    await checked_form(request)
    need(request, "draft")
    actions_of(request).session.write_report(warn=lambda message: None)
    return RedirectResponse("/download/report", status_code=303)
