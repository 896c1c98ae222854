"""A new workspace for an issuer of 2025: cchc.toml and data/ written from the catalogue.

`cchc init DIR --province "Hà Tĩnh"` (the province's People's Committee over its communes),
`--agency "Sở Nội vụ"` (the department), `--commune "Sơn Kim 1"` (a commune over its thôn,
tổ dân phố: from the list the commune gives with `--villages FILE`, else an example list to
replace: no national list of villages exists). Templates come from the sample as usual.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from ..errors import InputError, Problem
from ..vn import nfc, normalize_unit_type
from ..vn.units import VILLAGE_TYPES
from . import catalogue
from .issuers import Issuer, commune_committee, department, province_committee

EXAMPLE_VILLAGES = Path(__file__).parent / "data" / "villages-example.csv"
BLANK_SIGNER = "……………………………"
TASKS = (
    "Nâng cao vai trò, trách nhiệm của người đứng đầu trong chỉ đạo, thực hiện các nhiệm vụ CCHC được giao",
    "Tiếp nhận, giải quyết hồ sơ TTHC đúng quy định; giảm tối đa tỷ lệ hồ sơ trễ hẹn, xin lỗi người dân, "
    "tổ chức khi để xảy ra trễ hẹn",
    "Đẩy nhanh tiến độ số hóa hồ sơ, kết quả giải quyết TTHC và thanh toán trực tuyến trên Cổng dịch vụ "
    "công quốc gia",
)


def _toml(value) -> str:
    if isinstance(value, (list, tuple)):
        return "[\n" + "".join(f"    {_toml(v)},\n" for v in value) + "]"
    if isinstance(value, (int, dt.date)) and not isinstance(value, bool):
        return str(value.isoformat() if isinstance(value, dt.date) else value)
    return json.dumps(nfc(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def config_text(issuer: Issuer, year: int, units_date: str) -> str:
    """cchc.toml of a new workspace, commented like the sample's."""
    def lines(section: str, pairs: list[tuple[str, object, str]]) -> str:
        out = [f"\n[{section}]"]
        for key, value, comment in pairs:
            if comment:
                out.append(f"# {comment}")
            out.append(f"{key} = {_toml(value)}")
        return "\n".join(out) + "\n"

    a = issuer
    head = ("# Workspace of cchc-docs, made by `cchc init`: check every value, then edit the campaign.\n"
            "# The unit list this workspace's codes belong to: \"2025-07\" (since 1 July 2025) or \"legacy\".\n"
            f"units = {_toml(units_date)}\n")
    return head + lines("agency", [
        ("parent", a.parent, "Tên cơ quan chủ quản; \"\" for a People's Committee (Decree 30: none above it)."),
        ("name", a.name, "Tên cơ quan ban hành (upper case, bold)."),
        ("title", a.title, ""), ("short", a.short, ""),
        ("place", a.place, "Địa danh of the date line."),
        ("abbr", a.abbr, "Ký hiệu of a công văn: issuer - drafting unit."),
        ("office_abbr", a.office_abbr, ""),
        ("office", a.office, "The drafting unit, as the body names it."),
        ("commune_parent", a.commune_parent, "Chủ quản line of the units' own forms (\"\" for a commune's committee)."),
        ("province", a.province, ""),
    ]) + lines("signer", [
        ("authority", a.signer_authority, ""), ("position", a.signer_position, ""),
        ("name", BLANK_SIGNER, "Write the signer's name."),
    ]) + lines("report", [("to", a.report_to, "Addressee of the consolidated report.")]) + lines("campaign", [
        ("subject", f"tập trung khắc phục tồn tại, hạn chế trong thực hiện CCHC năm {year}", "Trích yếu (after V/v)."),
        ("period", f"năm {year}", ""), ("year", year, ""),
        ("deadline", dt.date(year, 12, 15), "Deadline of the units' reports."),
        ("inspection", f"Báo cáo số      /BC-ĐKT ngày      /     /{year} của Đoàn kiểm tra CCHC",
         "The inspection's documents: write their numbers and dates."),
        ("plan", f"Kế hoạch CCHC năm {year} của {a.plan_by}", "The plan the letter cites: write its number and date."),
        ("recipients", list(a.recipients), "Kính gửi."),
        ("copies", list(a.copies), "Nơi nhận between \"Như trên\" and \"Lưu\"."),
        ("tasks", list(TASKS), "General tasks of the letter, repeated in every unit's form."),
    ])


def _csv(rows: list[tuple], header: tuple) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def read_villages(path: Path) -> list[tuple[str, str, str]]:
    """(code, name, type) of the commune's own list of thôn, tổ dân phố (code,name,type CSV)."""
    from ..dataset import load_communes

    if path.is_dir() or path.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError(Problem("danh sách thôn, tổ dân phố phải là tệp .csv hoặc .xlsx (cột code, name, type)",
                                 file=str(path), column="--villages"))
    if not path.is_file():
        raise InputError(Problem("không tìm thấy tệp danh sách thôn, tổ dân phố", file=str(path),
                                 column="--villages"))
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:  # load_communes reads data/communes.*
        shutil.copyfile(path, Path(tmp) / f"communes{path.suffix.lower()}")
        units, problems = load_communes(Path(tmp))
    problems = [Problem(p.message, file=str(path), row=p.row, column=p.column, hint=p.hint) for p in problems]
    wrong = [u for u in units if u.type not in VILLAGE_TYPES]
    problems += [Problem(f"'{u.type} {u.name}' không phải thôn, tổ dân phố", file=str(path), column="type",
                         hint="dùng: " + ", ".join(VILLAGE_TYPES)) for u in wrong]
    if problems:
        raise InputError(problems)
    return [(u.code, u.name, u.type) for u in units]


def example_villages(commune_type: str) -> list[tuple[str, str, str]]:
    """The example list of a commune without its own: thôn, bản and a tổ dân phố for a xã
    or đặc khu; tổ dân phố only for a phường (Thông tư 04/2012/TT-BNV: a phường is divided
    into tổ dân phố, a xã into thôn)."""
    rows = [(r["code"], r["name"], normalize_unit_type(r["type"]))
            for r in csv.DictReader(io.StringIO(EXAMPLE_VILLAGES.read_text(encoding="utf-8")))]
    if commune_type == "phường":
        rows = [(code, name, "tổ dân phố") for code, name, _ in rows]
    return rows


def make(dest: Path, province: str, agency: str | None = None, commune: str | None = None,
         villages: Path | None = None, year: int | None = None) -> tuple[Issuer, list[tuple]]:
    """Write cchc.toml and data/communes.csv, data/findings.csv for the issuer asked for;
    returns (issuer, units listed). Nothing is written on bad input."""
    if agency and commune:
        raise InputError(Problem("--agency và --commune không dùng cùng nhau", column="--agency",
                                 hint="một sở của tỉnh: --agency; Ủy ban nhân dân xã, phường: --commune"))
    year = year or _today_year()
    p = catalogue.find_province(province)
    if commune:
        unit = catalogue.find_commune(p, commune)
        if villages is not None:
            rows = read_villages(Path(villages))
        else:
            rows = example_villages(unit.type)
        issuer = commune_committee(p, unit, [r[2] for r in rows])
    else:
        units = catalogue.communes(p.code)
        rows = [(u.code, u.name, u.type) for u in units]
        types = [t for t in ("xã", "phường", "đặc khu") if t in {r[2] for r in rows}]
        issuer = department(p, agency, types) if agency else province_committee(p, types)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "cchc.toml").write_text(config_text(issuer, year, catalogue.CURRENT), encoding="utf-8")
    data = dest / "data"
    data.mkdir(exist_ok=True)
    (data / "communes.csv").write_text(_csv(rows, ("code", "name", "type")), encoding="utf-8")
    # Findings start as "no plan shortfall" for every unit, so that the letter works at
    # once and says nothing it does not know; the inspection's figures replace them.
    (data / "findings.csv").write_text(_csv([(r[1] if _unique(rows, r) else r[0], "ke-hoach", "không", "")
                                             for r in rows], ("commune", "indicator", "value", "note")),
                                       encoding="utf-8")
    return issuer, rows


def _unique(rows, row) -> bool:
    return sum(1 for r in rows if r[1] == row[1]) == 1


def _today_year() -> int:
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).year


def describe(root: Path) -> list[str]:
    """What a new workspace holds, for the clerk: issuer, ký hiệu, place, units by type."""
    import tomllib
    from collections import Counter

    raw = tomllib.loads((root / "cchc.toml").read_text(encoding="utf-8"))
    a = raw.get("agency", {})
    with open(root / "data" / "communes.csv", encoding="utf-8-sig", newline="") as fh:
        types = Counter(nfc(r.get("type", "")) for r in csv.DictReader(fh))
    header = " / ".join(x for x in (a.get("parent", ""), a.get("name", "")) if x)
    counts = ", ".join(f"{n} {t}" for t, n in types.most_common())
    lines = [f"Cơ quan ban hành: {header}",
             f"Ký hiệu công văn: {a.get('abbr', '')}-{a.get('office_abbr', '')}; địa danh: {a.get('place', '')}",
             f"Danh mục đơn vị: {raw.get('units', catalogue.LEGACY)}; {sum(types.values())} đơn vị ({counts})"]
    examples = {_csv(example_villages(t), ("code", "name", "type")) for t in ("xã", "phường")}
    if (root / "data" / "communes.csv").read_text(encoding="utf-8") in examples:
        lines.append("Lưu ý: danh sách thôn, tổ dân phố trong data/communes.csv là VÍ DỤ: thay bằng danh sách "
                     "của xã (cột code, name, type) hoặc tạo lại với --villages TỆP.")
    if raw.get("signer", {}).get("name") == BLANK_SIGNER:
        lines.append("Việc tiếp theo: ghi tên người ký ([signer] name trong cchc.toml) và số liệu kiểm tra "
                     "vào data/findings.csv.")
    return lines
