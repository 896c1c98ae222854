"""Make the sample workspace's returns (data/results/) from the real forms.

    python tools/make_sample_results.py [WORKSPACE]     # default: the repo root

Generates the forms (`cchc forms`, or forms to the same contract while this build has
no such command), fills them the way communes do — some in Excel, some in Word, in lower
case here and there — and writes them to data/results/, replacing what is there. The
sample shows every kind of message once: two communes send nothing, one is late, one
misspells a status. Each return carries its `Ngày báo cáo`, so lateness does not depend
on file times (git does not keep them). Deterministic: the same data gives the same
statuses.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import returnkit as rk  # noqa: E402

from cchc_docs import workspace as ws_mod  # noqa: E402
from cchc_docs.dataset import load_dataset  # noqa: E402
from cchc_docs.statuses import STATUSES  # noqa: E402
from cchc_docs.vn import slugify  # noqa: E402
from cchc_docs.vn.dates import format_date_short  # noqa: E402

D, G, C = STATUSES
SILENT = {"Sơn Trà", "Sơn Trường"}  # send nothing
LATE = {"Sơn Tây": dt.date(2024, 9, 5)}
MISSPELLED = {"Sơn Bằng": "Đã khắc phụ"}  # the first status, as typed
WORD = {"Sơn Lễ", "An Hòa Thịnh", "Sơn Ninh", "Tân Mỹ Hà", "Sơn Bằng", "Sơn Kim 1", "Sơn Long", "Kim Hoa",
        "Sơn Giang"}
LOWER = {"Sơn Ninh", "Kim Hoa"}  # Word users who type statuses in lower case
RESULTS = {
    "ke-hoach": "Đã ban hành kế hoạch, phân công nhiệm vụ và lộ trình thực hiện cụ thể",
    "tthc-qua-han": "Chấn chỉnh Bộ phận một cửa; xin lỗi người dân đối với hồ sơ trễ hẹn",
    "dvc-truc-tuyen": "Hướng dẫn người dân nộp hồ sơ trực tuyến tại Bộ phận một cửa",
    "toan-trinh": "Rà soát, hướng dẫn nộp hồ sơ trực tuyến toàn trình",
    "so-hoa": "Bố trí công chức số hóa hồ sơ, kết quả giải quyết TTHC",
    "thanh-toan": "Hướng dẫn người dân thanh toán trực tuyến phí, lệ phí",
    "ky-luat": "Đã kiểm điểm, xử lý kỷ luật theo quy định",
    "giai-ngan": "Đẩy nhanh tiến độ thi công, nghiệm thu, thanh toán các công trình",
    "thu-ngan-sach": "Tập trung các giải pháp tăng thu, chống thất thu ngân sách",
    "trang-ttdt": "Cập nhật thường xuyên tin bài trên Trang thông tin điện tử",
}


def answers(findings, rng: random.Random, reported: dt.date, misspelled: str | None):
    """{finding key: (status, done date, result)}: most remedied, some still in progress."""
    out = {}
    for k, f in enumerate(findings):
        status = rng.choices((D, G, C), weights=(6, 3, 1))[0]
        done = reported - dt.timedelta(days=rng.randint(3, 20)) if status == D else None
        if k == 0 and misspelled:
            status = misspelled
        out[f.key] = (status, done, RESULTS.get(f.indicator.code, ""))
    return out


def put_report_date_xlsx(date: dt.date):
    def edit(sh):
        # The form has the label `Ngày báo cáo` in A5 (older forms left A5 empty).
        if sh["A5"].value in (None, "Ngày báo cáo") and sh["B5"].value is None:
            sh["A5"], sh["B5"] = "Ngày báo cáo", date
            sh["B5"].number_format = "dd/mm/yyyy"
    return edit


def put_report_date_docx(date: dt.date):
    def edit(d, table):
        import copy

        anchor = next(p for p in d.paragraphs if p.text.strip().startswith("Mã đơn vị"))
        new = copy.deepcopy(anchor._p)
        anchor._p.addnext(new)
        from docx.text.paragraph import Paragraph

        para = Paragraph(new, anchor._parent)
        for run in para.runs[1:]:
            run._r.getparent().remove(run._r)
        para.runs[0].text = f"Ngày báo cáo: {format_date_short(date)}"
    return edit


def main(root: Path) -> list[Path]:
    ws = ws_mod.load(root)
    dataset = load_dataset(ws.data_dir)
    results = ws.results_dir
    results.mkdir(parents=True, exist_ok=True)
    for old in results.iterdir():
        if old.is_file():
            old.unlink()
    rng = random.Random(2024)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        forms = rk.blank_forms(root, Path(tmp))
        for n, commune in enumerate(dataset.communes):
            findings = dataset.shortfalls(commune)
            if not findings or commune.name in SILENT:
                continue
            reported = LATE.get(commune.name, dt.date(2024, 8, 26) + dt.timedelta(days=n % 4))
            filled = answers(findings, rng, reported, MISSPELLED.get(commune.name))
            stamp = dt.datetime.combine(reported, dt.time(15, 30))
            name = f"{slugify(commune.name)}-bao-cao-khac-phuc"
            if commune.name in WORD:
                by_code = {f.indicator.code: (s.lower() if commune.name in LOWER else s,
                                              format_date_short(d) if d else "", r)
                           for f, (s, d, r) in zip(findings, filled.values())}
                path = rk.fill_docx(forms[(commune.code, "docx")], results / f"{name}.docx", by_code,
                                    edit=put_report_date_docx(reported), mtime=stamp)
            else:
                path = rk.fill_xlsx(forms[(commune.code, "xlsx")], results / f"{name}.xlsx", filled,
                                    edit=put_report_date_xlsx(reported), mtime=stamp)
            written.append(path)
    return written


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT):
        print(p)
