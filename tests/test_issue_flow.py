"""Drafting and issuing in one step: the letter, then the report, in one yearly series;
drafts and issued documents in separate places of output/."""

from __future__ import annotations

from pathlib import Path

import docx

BAN_HANH = ("output", "ban-hanh")


def header(path: Path) -> tuple[str, str]:
    cells = docx.Document(str(path)).tables[0].rows[1].cells
    return cells[0].paragraphs[0].text, cells[1].paragraphs[0].text


def test_letter_then_report_issued_in_one_series(cchc, ws):
    letter = cchc("letter", "-w", ws, "--issue", "--date", "2024-07-05")
    assert letter.exit_code == 0, letter.stderr
    report = cchc("report", "-w", ws, "--issue", "--date", "2024-09-10")
    assert report.exit_code == 0, report.stderr
    assert "Đã cấp số 02/BC-UBND ngày 10/9/2024" in report.stderr
    paths = [Path(p) for p in report.stdout.split()]
    assert paths[0] == ws.joinpath(*BAN_HANH, "02-BC-UBND-bao-cao-tong-hop.docx")
    assert {p.parent.name for p in paths[1:]} == {"VT", "NV"}
    assert header(paths[0]) == ("Số: 02/BC-UBND", "Hương Sơn, ngày 10 tháng 9 năm 2024")
    # The appendix quotes the report's own number and date, in the issued and archived copies.
    for path in paths:
        lines = [p.text for p in docx.Document(str(path)).paragraphs if p.text.startswith("(Kèm theo")]
        assert lines == ["(Kèm theo Báo cáo số 02/BC-UBND ngày 10/9/2024 của Ủy ban nhân dân huyện)"], path
    draft_lines = [p.text for p in docx.Document(str(ws / "output" / "bao-cao-tong-hop.docx")).paragraphs
                   if p.text.startswith("(Kèm theo")] if (ws / "output" / "bao-cao-tong-hop.docx").exists() else []
    assert all("số      /BC-UBND" in t for t in draft_lines)
    issued_letter = ws.joinpath(*BAN_HANH, "01-UBND-NV-cong-van-don-doc.docx")
    checked = cchc("check", paths[0], issued_letter)
    assert checked.exit_code == 0, checked.stdout
    listing = cchc("register", "list", "-w", ws, "--year", "2024").stdout.splitlines()
    assert [line.split()[2] for line in listing] == ["01/UBND-NV", "02/BC-UBND"]
    # The register points at the issued files.
    import json
    rows = json.loads(cchc("register", "list", "-w", ws, "--json").stdout)
    assert [r["source"] for r in rows] == ["output/ban-hanh/01-UBND-NV-cong-van-don-doc.docx",
                                           "output/ban-hanh/02-BC-UBND-bao-cao-tong-hop.docx"]


def test_build_after_issue_never_replaces_the_issued_letter(cchc, ws):
    assert cchc("letter", "-w", ws, "--issue", "--date", "2024-07-05").exit_code == 0
    issued = ws.joinpath(*BAN_HANH, "01-UBND-NV-cong-van-don-doc.docx")
    before = issued.read_bytes()
    built = cchc("build", "-w", ws)
    assert built.exit_code == 0, built.stderr
    written = [Path(p) for p in built.stdout.splitlines()]
    assert ws / "output" / "cong-van-don-doc.docx" in written
    assert not any(BAN_HANH[1] in p.parts for p in written)
    assert issued.read_bytes() == before
    assert header(issued)[0] == "Số: 01/UBND-NV"
    assert header(ws / "output" / "cong-van-don-doc.docx")[0] == "Số:      /UBND-NV"
    assert cchc("letter", "-w", ws).exit_code == 0
    assert issued.read_bytes() == before


def test_register_issue_leaves_the_draft_and_writes_the_issued_copy(cchc, ws):
    assert cchc("letter", "-w", ws).exit_code == 0
    draft = ws / "output" / "cong-van-don-doc.docx"
    before = draft.read_bytes()
    done = cchc("register", "issue", draft, "-w", ws, "--date", "2024-07-05")
    assert done.exit_code == 0, done.stderr
    issued = ws.joinpath(*BAN_HANH, "01-UBND-NV-cong-van-don-doc.docx")
    assert f"Bản đã cấp số (bản ban hành): {issued}" in done.stderr
    assert draft.read_bytes() == before
    assert header(issued) == ("Số: 01/UBND-NV", "Hương Sơn, ngày 05 tháng 7 năm 2024")
    archived = [Path(p) for p in done.stdout.splitlines()]
    assert all(p.read_bytes() == issued.read_bytes() for p in archived)


def test_forms_made_after_the_letter_is_issued_cite_its_number(cchc, ws):
    def cited(form: Path) -> str:
        return next(p.text for p in docx.Document(str(form)).paragraphs if p.text.startswith("Thực hiện Công văn"))

    made = cchc("forms", "-w", ws, "--only", "Sơn Long", "--format", "docx")
    form = ws / "output" / "forms" / "son-long.docx"
    assert made.exit_code == 0 and cited(form).startswith("Thực hiện Công văn số      /UBND-NV của")
    assert not (ws / "register.sqlite").exists()  # asking did not create a register
    assert cchc("letter", "-w", ws, "--issue", "--date", "2024-07-05").exit_code == 0
    assert cchc("forms", "-w", ws, "--only", "Sơn Long", "--format", "docx").exit_code == 0
    assert cited(form).startswith("Thực hiện Công văn số 01/UBND-NV ngày 05/7/2024 của Ủy ban nhân dân huyện về việc")
    assert cchc("check", "--draft", form).exit_code == 0
    # A withdrawn letter is not cited.
    assert cchc("register", "void", "01", "-w", ws, "--year", "2024", "--reason", "nhầm").exit_code == 0
    assert cchc("forms", "-w", ws, "--only", "Sơn Long", "--format", "docx").exit_code == 0
    assert cited(form).startswith("Thực hiện Công văn số      /UBND-NV của")


def test_build_with_one_unusable_return_prints_what_it_wrote(cchc, ws):
    results = ws / "data" / "results"
    for sample in results.iterdir():  # the sample's good returns out: one bad one left
        sample.unlink()
    (results / "son-long.xlsx").write_text("không phải Excel", encoding="utf-8")
    built = cchc("build", "-w", ws)
    assert built.exit_code == 0, built.stderr
    written = [Path(p) for p in built.stdout.splitlines()]
    assert written[0] == ws / "output" / "cong-van-don-doc.docx" and written[-1].name == "manifest.csv"
    assert len(written) == 52 and all(p.is_file() for p in written)
    assert "son-long.xlsx" in built.stderr and "Bỏ qua báo cáo tổng hợp" in built.stderr
    assert "đã soạn công văn và 50 tệp phiếu" in built.stderr
    assert not (ws / "output" / "bao-cao-tong-hop.docx").exists()


def test_an_earlier_date_hint_names_an_option_the_command_has(cchc, ws):
    assert cchc("letter", "-w", ws, "--issue", "--date", "2024-07-05").exit_code == 0
    toml = (ws / "cchc.toml").read_text(encoding="utf-8")
    (ws / "cchc.toml").write_text(toml.replace("06 tháng đầu năm 2024\"\n# The period", "06 tháng đầu năm 2024 (bổ sung)\"\n# The period", 1), encoding="utf-8")
    refused = cchc("letter", "-w", ws, "--issue", "--date", "2024-07-01")
    assert refused.exit_code == 2 and "--backdate" in refused.stderr, refused.stderr
    assert "--backdate" in cchc("letter", "--help").stdout
    done = cchc("letter", "-w", ws, "--issue", "--date", "2024-07-01", "--backdate", "ký ngày 01/7")
    assert done.exit_code == 0, done.stderr
    assert "Đã cấp số 02/UBND-NV ngày 01/7/2024" in done.stderr
    listing = cchc("register", "list", "-w", ws).stdout
    assert "Lùi ngày: ký ngày 01/7" in listing
    assert cchc("letter", "-w", ws, "--backdate", "x").exit_code == 2


def test_one_spelling_of_the_title(cchc, ws):
    assert cchc("letter", "-w", ws, "--issue", "--date", "2024-07-05").exit_code == 0
    report = cchc("report", "-w", ws, "--issue", "--date", "2024-09-10")
    assert report.exit_code == 0, report.stderr
    listing = cchc("register", "list", "-w", ws).stdout.splitlines()[-1]
    title = listing.split("10/9/2024", 1)[1].strip()
    assert title.startswith("Báo cáo kết quả")
    assert f"): {title}" in report.stderr
