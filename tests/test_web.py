"""`cchc serve`: every page, data upload and edit, previews, the forms batch, returns."""

from __future__ import annotations

import io
import shutil
import time
import zipfile

import pytest

pytest.importorskip("fastapi")

from webkit import client, text, token, wait_job  # noqa: E402

PAGES = {"/": "Tổng quan", "/letter": "Xem trước công văn", "/forms": "Phiếu khắc phục của các đơn vị",
         "/results": "Phiếu các đơn vị gửi về", "/report": "Xem trước báo cáo tổng hợp",
         "/register": "Sổ đăng ký văn bản đi", "/check": "Kiểm tra thể thức văn bản"}


@pytest.fixture
def c(ws):
    with client(ws) as c:
        yield c


@pytest.mark.parametrize("url", list(PAGES))
def test_every_page_answers_in_vietnamese(c, url):
    r = c.get(url)
    assert r.status_code == 200
    assert '<html lang="vi">' in r.text
    assert f"<h1>{PAGES[url]}" in r.text
    assert "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN" in r.text
    # Nothing from outside: every script and stylesheet is served by the site itself.
    assert "http://" not in r.text.replace("http://127.0.0.1", "") and "https://" not in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_static_htmx_is_bundled(c):
    r = c.get("/static/htmx.min.js")
    assert r.status_code == 200 and r.content.startswith(b"var htmx=function()")


def test_dashboard_shows_the_campaign(c, ws):
    page = text(c.get("/").text)
    assert "Hạn báo cáo 30/8/2024" in page
    communes = len((ws / "data/communes.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert f"Dữ liệu hợp lệ: {communes} đơn vị" in page
    assert "Trần Bình Thân" in page
    from cchc_docs.pipeline import Session

    dataset = Session(ws).dataset
    son_long = next(x for x in dataset.communes if x.code == "18205")
    assert f"xã Sơn Long (18205) : {len(dataset.shortfalls(son_long))} tồn tại" in page
    assert "thị trấn Phố Châu (18133) : không có tồn tại" in page


def test_bad_upload_is_refused_row_by_row_and_nothing_written(c, ws):
    before = (ws / "data/findings.csv").read_bytes()
    bad = "commune,indicator,value,note\nSơn Lĩnh,ke-hoach,x,\nSơn Lính Mới,ke-hoach,x,\nTây Sơn,tthc-qua-han,abc,\n"
    r = c.post("/data/findings", data={"csrf": token(c)},
               files={"file": ("kiem-tra.csv", bad.encode(), "text/csv")})
    assert r.status_code == 400
    page = text(r.text)
    assert "Không thực hiện (kiem-tra.csv)" in page
    assert "kiem-tra.csv, dòng 3, cột 'commune': không có đơn vị 'Sơn Lính Mới'" in page
    assert "kiem-tra.csv, dòng 4, cột 'value'" in page
    assert (ws / "data/findings.csv").read_bytes() == before


def test_good_upload_replaces_findings_and_the_letter_shows_it(c, ws):
    rows = (ws / "data/findings.csv").read_text(encoding="utf-8").replace("Tây Sơn,tthc-qua-han,1,",
                                                                        "Tây Sơn,tthc-qua-han,7,")
    r = c.post("/data/findings", data={"csrf": token(c)},
               files={"file": ("ket-qua.csv", rows.encode(), "text/csv")})
    assert r.status_code == 200 and "Đã thay bảng số liệu bằng ket-qua.csv" in text(r.text)
    assert "Tây Sơn,tthc-qua-han,7," in (ws / "data/findings.csv").read_text(encoding="utf-8")
    assert "Tây Sơn (07 hồ sơ)" in text(c.get("/letter").text)


def test_xlsx_upload_replaces_the_csv(c, ws):
    import openpyxl

    wb = openpyxl.Workbook()
    sh = wb.active
    sh.append(["Đơn vị", "Chỉ tiêu", "Giá trị", "Ghi chú"])
    sh.append(["Sơn Hồng", "tthc-qua-han", "3", ""])
    buf = io.BytesIO()
    wb.save(buf)
    r = c.post("/data/findings", data={"csrf": token(c)},
               files={"file": ("bien-ban.xlsx", buf.getvalue(), "application/octet-stream")})
    assert r.status_code == 200, text(r.text)
    assert (ws / "data/findings.xlsx").is_file() and not (ws / "data/findings.csv").exists()
    assert "Sơn Hồng (03 hồ sơ)" in text(c.get("/letter").text)


def test_edit_a_finding_in_the_table(c, ws):
    page = c.get("/").text
    assert 'id="row-5"' in page  # Tây Sơn,tthc-qua-han,1 is spreadsheet row 5
    r = c.post("/data/findings/5", data={"csrf": token(c), "value": "12", "note": "đã rà soát"})
    assert r.status_code == 200 and "Đã sửa dòng 5." in text(r.text)
    assert "Tây Sơn,tthc-qua-han,12,đã rà soát" in (ws / "data/findings.csv").read_text(encoding="utf-8")
    assert "Tây Sơn (12 hồ sơ)" in text(c.get("/letter").text)


def test_bad_edit_is_refused_and_the_row_kept(c, ws):
    before = (ws / "data/findings.csv").read_bytes()
    r = c.post("/data/findings/5", data={"csrf": token(c), "value": "-3", "note": ""})
    assert r.status_code == 400
    assert "findings.csv, dòng 5, cột 'value': số liệu âm (-3) không hợp lệ" in text(r.text)
    assert (ws / "data/findings.csv").read_bytes() == before


def test_problems_are_shown_on_their_row_with_the_fix(c, ws):
    path = ws / "data/findings.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Sơn Châu,ke-hoach", "Sơn Chau Xa,ke-hoach"),
                    encoding="utf-8")
    page = c.get("/").text
    row = page[page.index('id="row-3"'):]
    row = row[:row.index("</tr>")]
    assert 'class="bad"' in row and "không có đơn vị &#39;Sơn Chau Xa&#39;" in row
    assert "có phải: Sơn Châu," in text(row)
    assert "Dữ liệu còn 1 lỗi" in text(page)


def test_letter_preview_has_the_body_and_footnotes_quickly(c):
    c.get("/letter")
    start = time.perf_counter()
    r = c.get("/letter")
    assert time.perf_counter() - start < 5  # generous here; bench/bench_web.py measures
    page = text(r.text)
    assert "V/v tập trung khắc phục tồn tại" in page
    assert 'id="footnote-1"' in r.text and "Các xã: Sơn Bằng, Sơn Kim 1." in page
    assert "Kính gửi:" in page


def test_draft_download_is_the_generated_letter(c, ws):
    r = c.post("/letter/draft", data={"csrf": token(c)})
    assert r.status_code == 200
    assert r.content == (ws / "output/cong-van-don-doc.docx").read_bytes()
    assert zipfile.ZipFile(io.BytesIO(r.content)).read("word/footnotes.xml")


def test_forms_batch_runs_in_the_background_and_downloads_one_zip(c, ws, monkeypatch):
    from cchc_docs import batch

    write = batch.FormMaker.write

    def slow_write(self, *args):  # a national batch, in miniature: 40 ms per commune
        time.sleep(0.04)
        return write(self, *args)

    monkeypatch.setattr(batch.FormMaker, "write", slow_write)
    c.get("/register")
    r = c.post("/forms", data={"csrf": token(c)}, follow_redirects=False)
    assert r.status_code == 303
    job = r.headers["location"]
    job_obj = c.app.state.jobs.get(job.rsplit("/", 1)[1])
    start = time.perf_counter()
    assert c.get("/register").status_code == 200
    answered = time.perf_counter() - start
    assert job_obj.state == "running"  # the page answered while the batch was still at work
    assert answered < 0.5, answered
    running = c.get(job, headers={"hx-request": "true"}).text
    assert "<progress" in running and 'hx-trigger="every 500ms"' in running and "Hủy" in running
    assert f'id="job-{job_obj.id}"' in c.get("/forms").text  # coming back to the page shows it
    page = wait_job(c, job)
    assert "Đã tạo phiếu của" in page and 'href="/download/forms-zip"' in page
    z = zipfile.ZipFile(io.BytesIO(c.get("/download/forms-zip").content))
    names = sorted(z.namelist())
    manifest = (ws / "output/forms/manifest.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert names == sorted(line.split(",")[0] for line in manifest)
    assert "son-long.docx" in names and "son-long.xlsx" in names
    assert z.read("son-long.docx") == (ws / "output/forms/son-long.docx").read_bytes()
    assert job_obj.state == "done" and job_obj.percent == 100


def test_forms_batch_can_be_cancelled(c, ws):
    from cchc_docs.web.jobs import Job

    actions = c.app.state.actions
    job = Job(id="t", title="Tạo phiếu khắc phục", owner=None)
    seen = []

    def progress(done, total):
        seen.append(done)
        if done == 3:
            job.cancel()
        Job.progress(job, done, total)

    job.progress = progress
    from cchc_docs.web.jobs import Cancelled

    with pytest.raises(Cancelled):
        actions.forms_job(job)
    assert seen == [1, 2, 3]
    assert len(list((ws / "output/forms").glob("*.docx"))) == 3
    assert not (ws / "output/phieu-khac-phuc.zip").exists()


def test_cancel_button_stops_a_running_job(c):
    import threading

    gate = threading.Event()

    def slow(job):
        for k in range(1, 1000):
            gate.wait(0.01)
            job.progress(k, 1000)
        return "xong", ""

    job = c.app.state.jobs.start("Tạo phiếu khắc phục", None, slow)
    r = c.post(f"/jobs/{job.id}/cancel", data={"csrf": token(c)}, headers={"hx-request": "true"})
    assert r.status_code == 200
    page = wait_job(c, f"/jobs/{job.id}", timeout=10)
    assert "đã hủy" in page and "Đã hủy theo yêu cầu" in page


def _copy_returns(ws, names):
    sample = ws / "data/results"
    keep = {n: (sample / n).read_bytes() for n in names}
    shutil.rmtree(sample)
    sample.mkdir()
    return keep


def test_drop_returned_forms_then_see_who_answered(c, ws):
    files = _copy_returns(ws, ["son-long-bao-cao-khac-phuc.docx", "son-hong-bao-cao-khac-phuc.xlsx"])
    assert "Chưa có phiếu nào gửi về." in text(c.get("/results").text)
    r = c.post("/results", data={"csrf": token(c)},
               files=[("files", ("../../Sơn Long báo cáo.docx", files["son-long-bao-cao-khac-phuc.docx"])),
                      ("files", ("Sơn Hồng.xlsx", files["son-hong-bao-cao-khac-phuc.xlsx"]))])
    assert r.status_code == 200
    assert sorted(p.name for p in (ws / "data/results").iterdir()) == ["son-hong.xlsx", "son-long-bao-cao.docx"]
    page = text(r.text)
    assert "Đã lưu 2 tệp vào data/results/" in page
    assert "Đã nhận báo cáo của 2/" in page
    assert "chưa gửi báo cáo" in page  # the others
    report = c.get("/report")
    assert "data:image/png;base64," in report.text  # the chart
    assert "Sơn Long" in text(report.text)


def test_hostile_return_is_refused_and_not_saved(c, ws):
    _copy_returns(ws, [])
    r = c.post("/results", data={"csrf": token(c)},
               files=[("files", ("phieu.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600))])
    assert r.status_code == 400
    assert "phieu.xlsx: bỏ qua tệp: tệp định dạng Office cũ" in text(r.text)
    assert list((ws / "data/results").iterdir()) == []
    r = c.post("/results", data={"csrf": token(c)}, files=[("files", ("phieu.exe", b"MZ"))])
    assert r.status_code == 400 and "chỉ nhận tệp .xlsx, .docx" in text(r.text)


def test_report_without_returns_says_so(c, ws):
    _copy_returns(ws, [])
    assert "Chưa có phiếu báo cáo nào gửi về" in text(c.get("/report").text)


def test_letter_pdf_is_made_in_the_background(c, ws):
    from conftest import needs

    needs("soffice")
    r = c.post("/letter/pdf", data={"csrf": token(c, "/letter")}, follow_redirects=False)
    page = wait_job(c, r.headers["location"], timeout=180)
    assert "Đã chuyển công văn sang PDF." in page, page
    r = c.get("/download/letter-pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert r.headers["content-disposition"].startswith("inline")


def test_upload_that_is_not_a_table_is_refused(c, ws):
    before = (ws / "data/findings.csv").read_bytes()
    r = c.post("/data/findings", data={"csrf": token(c)}, files={"file": ("so-lieu.xlsx", b"PK\x03\x04rac")})
    assert r.status_code == 400 and "so-lieu.xlsx: tệp bị từ chối" in text(r.text)
    r = c.post("/data/findings", data={"csrf": token(c)}, files={"file": ("so-lieu.pdf", b"%PDF-1.4")})
    assert r.status_code == 400 and "chỉ nhận tệp .csv, .xlsx" in text(r.text)
    assert (ws / "data/findings.csv").read_bytes() == before


def test_serve_warms_data_and_previews_at_start(ws):
    import threading

    with client(ws, warm=True) as c:
        for t in threading.enumerate():
            if t.name == "cchc-warm":
                t.join(60)
        cached = c.app.state.actions._previews
        assert set(cached) >= {"letter", "report"}
        start = time.perf_counter()
        assert "Kính gửi:" in text(c.get("/letter").text)
        assert time.perf_counter() - start < 1.0
