"""The workspace's data: communes, indicators and findings, read and validated.

Readers never stop at the first problem: they collect every problem with its file, row
and column, so that `cchc validate` can show them all at once and a generating command
refuses to write anything from bad data. Rows are numbered as a spreadsheet shows them
(the header is row 1).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..errors import InputError, Problem
from ..vn import fold_header, match_key, normalize_unit_type
from .read import read_table, relabel
from .values import is_none_word, parse_figure, parse_target
from ..vn.numbers import format_count, format_typed_percent
from ..vn.text import strip_diacritics
from ..vn.units import UNIT_TYPES

# Header aliases: a clerk's `Tên đơn vị` works as well as `name`.
COMMUNE_COLUMNS = {
    "code": ("code", "ma", "madonvi", "maxa", "madvhc"),
    "name": ("name", "ten", "tendonvi", "tenxa", "donvi"),
    "type": ("type", "loai", "loaidonvi", "cap"),
}
INDICATOR_COLUMNS = {
    "code": ("code", "ma", "machitieu"),
    "name": ("name", "ten", "chitieu", "noidung", "tenchitieu"),
    "kind": ("kind", "kieu", "loai"),
    "unit": ("unit", "donvitinh", "dvt"),
    "target": ("target", "muctieu", "chitieugiao"),
    "direction": ("direction", "chieu", "yeucau"),
    "order": ("order", "thutu", "sapxep"),
    "footnote": ("footnote", "chuthich", "chuthichso"),
    "label": ("label", "nhan"),
    "phrase": ("phrase", "cumtu", "diengiai"),
}
FINDING_COLUMNS = {
    "commune": ("commune", "xa", "donvi", "tendonvi", "maxa", "madonvi", "ten"),
    "indicator": ("indicator", "chitieu", "tieuchi", "machitieu"),
    "value": ("value", "giatri", "solieu", "ketqua"),
    "note": ("note", "ghichu"),
}
REQUIRED = {
    "communes": ("code", "name", "type"),
    "indicators": ("code", "name", "kind", "order", "footnote"),
    "findings": ("commune", "indicator", "value"),
}

KINDS = {"flag": "flag", "cokhong": "flag", "count": "count", "soluong": "count",
         "percent": "percent", "tyle": "percent", "phantram": "percent"}
DIRECTIONS = {
    "min": "min", "toithieu": "min", "": None, "max": "max", "toida": "max"}
ORDERS = {"data": "data", "theodulieu": "data", "asc": "asc", "tangdan": "asc",
          "desc": "desc", "giamdan": "desc"}


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    type: str  # xã, phường, thị trấn, đặc khu

    @property
    def key(self) -> str:
        return match_key(self.name)

    @property
    def title(self) -> str:
        """`xã Sơn Long`, as running text names it."""
        return f"{self.type} {self.name}"

    @property
    def committee(self) -> str:
        """`Ủy ban nhân dân xã Sơn Long`."""
        return f"Ủy ban nhân dân {self.title}"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    kind: str  # flag, count, percent
    unit: str
    target: Decimal | None
    direction: str | None  # min: at least the target; max: at most
    order: str  # data, asc, desc
    footnote: str
    label: str
    phrase: str

    def misses(self, value: Decimal | None) -> bool:
        if self.target is None or value is None or self.direction is None:
            return True
        return value < self.target if self.direction == "min" else value > self.target

    def figure(self, value: Decimal | None) -> str:
        """The value as the letter writes it: `05 hồ sơ`, `15,58%`; flags have none."""
        if value is None or self.kind == "flag":
            return ""
        if self.kind == "percent":
            return format_typed_percent(value)
        return f"{format_count(value)} {self.unit}".strip()

    def target_text(self) -> str:
        """The target as a clerk writes it beside a figure: `chỉ tiêu: không có hồ sơ`,
        `chỉ tiêu: tối đa 5 hồ sơ`, `chỉ tiêu: ≥ 70%` (no zero-padding, no bound on zero)."""
        if self.target is None or self.kind == "flag":
            return ""
        if self.kind == "percent":
            sign = "≥" if self.direction == "min" else "≤"
            return f"chỉ tiêu: {sign} {format_typed_percent(self.target)}"
        amount = f"{self.target.normalize():f}".replace(".", ",")
        unit = f" {self.unit}" if self.unit else ""
        if self.direction == "max" and self.target == 0:
            return f"chỉ tiêu: không có{unit or ' trường hợp nào'}"
        bound = "tối thiểu" if self.direction == "min" else "tối đa"
        return f"chỉ tiêu: {bound} {amount}{unit}"


@dataclass(frozen=True)
class Finding:
    commune: Commune
    indicator: Indicator
    value: Decimal | None
    note: str
    row: int  # row in findings file; keeps "data" order stable

    @property
    def key(self) -> str:
        """Stable row key of a finding in forms and returns: `18205-tthc-qua-han`."""
        return f"{self.commune.code}-{self.indicator.code}"

    @property
    def figure(self) -> str:
        return self.indicator.figure(self.value)


@dataclass(frozen=True)
class Dataset:
    communes: tuple[Commune, ...]
    indicators: tuple[Indicator, ...]
    findings: tuple[Finding, ...]  # shortfalls only, in file order
    _by_commune: dict = field(default_factory=dict, repr=False, compare=False)

    def shortfalls(self, commune: Commune) -> list[Finding]:
        if not self._by_commune:
            for f in self.findings:
                self._by_commune.setdefault(f.commune.code, []).append(f)
        return list(self._by_commune.get(commune.code, []))


# ---------------------------------------------------------------- reading tables

def find_table(data_dir: Path, stem: str) -> Path:
    candidates = [data_dir / f"{stem}{ext}" for ext in (".csv", ".xlsx")]
    present = [p for p in candidates if p.is_file()]
    legacy = [p for p in (data_dir / f"{stem}.xls", data_dir / f"{stem}.ods", data_dir / f"{stem}.xlsm")
              if p.is_file()]
    if not present and legacy:
        raise InputError(Problem(
            f"có tệp {legacy[0].name} nhưng chỉ đọc được .csv hoặc .xlsx", file=str(legacy[0]),
            hint=f"mở bằng Excel, chọn Lưu thành > Excel Workbook (.xlsx), đặt tên {stem}.xlsx"))
    if not present:
        raise InputError(Problem(
            f"không tìm thấy tệp dữ liệu {stem}.csv hoặc {stem}.xlsx", file=str(data_dir),
            hint=f"đặt tệp {stem}.csv (hoặc .xlsx) vào thư mục data/ của workspace",
        ))
    if len(present) > 1:
        raise InputError(Problem(
            f"có cả {stem}.csv và {stem}.xlsx: không biết dùng tệp nào", file=str(data_dir),
            hint="xóa hoặc đổi tên một trong hai tệp",
        ))
    return present[0]


# ---------------------------------------------------------------- the dataset

def load_communes(data_dir: Path) -> tuple[list[Commune], list[Problem]]:
    path = find_table(data_dir, "communes")
    rows, problems = read_table(path, COMMUNE_COLUMNS, REQUIRED["communes"])
    communes: list[Commune] = []
    seen: dict[str, int] = {}
    for row in rows:
        where = dict(file=str(path), row=row["_row"])
        unit_type = normalize_unit_type(row["type"])
        if not row["code"]:
            problems.append(Problem("thiếu mã đơn vị", column="code", **where))
            continue
        if not row["name"]:
            problems.append(Problem("thiếu tên đơn vị", column="name", **where))
            continue
        if unit_type is None:
            problems.append(Problem(f"loại đơn vị '{row['type']}' không hợp lệ", column="type",
                                    hint=f"dùng một trong: {', '.join(UNIT_TYPES)}", **where))
            continue
        if row["code"] in seen:
            problems.append(Problem(f"mã '{row['code']}' trùng với dòng {seen[row['code']]}",
                                    column="code", **where))
            continue
        seen[row["code"]] = row["_row"]
        communes.append(Commune(code=row["code"], name=row["name"], type=unit_type))
    return communes, relabel(problems, rows)


def load_indicators(data_dir: Path) -> tuple[list[Indicator], list[Problem]]:
    path = find_table(data_dir, "indicators")
    rows, problems = read_table(path, INDICATOR_COLUMNS, REQUIRED["indicators"], numeric=("target",))
    indicators: list[Indicator] = []
    seen: set[str] = set()
    phrased: set[str] = set()
    for row in rows:
        where = dict(file=str(path), row=row["_row"])
        before = len(problems)
        kind = KINDS.get(fold_header(row["kind"]))
        if kind is None:
            problems.append(Problem(f"kiểu '{row['kind']}' không hợp lệ", column="kind",
                                    hint="dùng flag (có/không), count (số lượng) hoặc percent (tỷ lệ)", **where))
        order = ORDERS.get(fold_header(row["order"]))
        if order is None:
            problems.append(Problem(f"thứ tự '{row['order']}' không hợp lệ", column="order",
                                    hint="dùng data (theo dữ liệu), asc (tăng dần) hoặc desc (giảm dần)", **where))
        direction = DIRECTIONS.get(fold_header(row.get("direction", "")), "?")
        if direction == "?":
            problems.append(Problem(f"chiều '{row.get('direction')}' không hợp lệ", column="direction",
                                    hint="dùng min (tối thiểu) hoặc max (tối đa)", **where))
        target = None
        if kind is not None and row.get("target") not in (None, ""):
            target, message = parse_target(kind, row["target"])
            if message:
                problems.append(Problem(message, column="target", **where))
            if target is not None and direction is None:
                problems.append(Problem("có mục tiêu nhưng thiếu chiều (min/max)", column="direction", **where))
        if not row["code"]:
            problems.append(Problem("thiếu mã chỉ tiêu", column="code", **where))
        elif row["code"] in seen:
            problems.append(Problem(f"mã chỉ tiêu '{row['code']}' bị trùng", column="code", **where))
        if not row["footnote"]:
            problems.append(Problem("thiếu số chú thích", column="footnote", **where))
        if row["footnote"] not in phrased:
            if not row.get("phrase"):
                problems.append(Problem(
                    "chỉ tiêu đầu tiên của một chú thích phải có cụm từ dùng trong công văn",
                    column="phrase", **where))
            phrased.add(row["footnote"])
        if len(problems) > before:
            continue
        seen.add(row["code"])
        indicators.append(Indicator(
            code=row["code"], name=row["name"], kind=kind, unit=row.get("unit", ""),
            target=target, direction=direction, order=order, footnote=row["footnote"],
            label=row.get("label", ""), phrase=row.get("phrase", ""),
        ))
    return indicators, relabel(problems, rows)


def split_unit_type(text: str) -> tuple[str | None, str]:
    """(`xã`, `Sơn Long`) from `xã Sơn Long` or `Xa Son Long`; (None, text) without a type."""
    from ..vn import nfc

    words = nfc(text).split(" ")
    for n in (2, 1):  # `thị trấn`, `đặc khu` before `xã`
        if len(words) > n:
            unit_type = normalize_unit_type(" ".join(words[:n]))
            if unit_type:
                return unit_type, " ".join(words[n:])
    return None, nfc(text)


class _Lookup:
    """Finds a commune or indicator by code or by name, whatever the spelling."""

    def __init__(self, items, code, name):
        self.by_code = {code(i): i for i in items}
        self.by_key: dict[str, list] = {}
        for item in items:
            self.by_key.setdefault(match_key(name(item)), []).append(item)
        self.plain = {strip_diacritics(name(i)).lower(): name(i) for i in items}

    def find(self, text: str):
        if text in self.by_code:
            return [self.by_code[text]]
        return self.by_key.get(match_key(text), [])

    def find_unit(self, text: str, plain_letters: bool = False) -> list:
        """A commune by code or name, also written with its type (`xã Sơn Long`, `thị trấn Tây
        Sơn` when the type is right) and, with plain_letters, typed without any diacritic
        (`son long`) — only when the text has none at all, so that a misspelt `Sơn Linh` is
        never taken for `Sơn Lĩnh`."""
        found = self.find(text.strip())
        unit_type, bare = split_unit_type(text)
        if not found and unit_type:
            found = [c for c in self.find(bare) if c.type == unit_type]
        if not found and plain_letters and bare.isascii():
            key = bare.lower().split()
            found = [c for c in self.by_code.values() if strip_diacritics(c.name).lower().split() == key
                     and unit_type in (None, c.type)]
        return found

    def suggest(self, text: str) -> list[str]:
        near = difflib.get_close_matches(strip_diacritics(text).lower(), list(self.plain), n=3, cutoff=0.6)
        return [self.plain[n] for n in near]


def load_findings(data_dir: Path, communes: list[Commune], indicators: list[Indicator]):
    path = find_table(data_dir, "findings")
    rows, problems = read_table(path, FINDING_COLUMNS, REQUIRED["findings"], numeric=("value",))
    c_lookup = _Lookup(communes, lambda c: c.code, lambda c: c.name)
    i_lookup = _Lookup(indicators, lambda i: i.code, lambda i: i.name)
    findings: list[Finding] = []
    seen: dict[tuple[str, str], int] = {}
    # A province's findings name its 3,000 communes and 10 indicators over and over: look
    # each distinct spelling up once (matching folds tone marks, which is not free).
    communes_of: dict[str, list] = {}
    indicators_of: dict[str, list] = {}
    for row in rows:
        where = dict(file=str(path), row=row["_row"])
        found_c = communes_of.get(row["commune"])
        if found_c is None:
            found_c = communes_of[row["commune"]] = c_lookup.find_unit(row["commune"])
        found_i = indicators_of.get(row["indicator"])
        if found_i is None:
            found_i = indicators_of[row["indicator"]] = i_lookup.find(row["indicator"])
        if not found_c:
            near = c_lookup.suggest(row["commune"])
            problems.append(Problem(
                f"không có đơn vị '{row['commune']}' trong danh sách communes", column="commune",
                hint=(f"có phải: {', '.join(near)}?" if near else "kiểm tra lại tên hoặc dùng mã đơn vị"),
                **where))
        elif len(found_c) > 1:
            problems.append(Problem(f"có {len(found_c)} đơn vị cùng tên '{row['commune']}'",
                                    column="commune", hint="dùng mã đơn vị thay cho tên", **where))
        if not found_i:
            near = i_lookup.suggest(row["indicator"])
            codes = ", ".join(i.code for i in indicators)
            problems.append(Problem(
                f"không có chỉ tiêu '{row['indicator']}' trong indicators", column="indicator",
                hint=(f"có phải: {', '.join(near)}?" if near else f"dùng một mã trong: {codes}"), **where))
        if len(found_c) != 1 or not found_i:
            continue
        commune, indicator = found_c[0], found_i[0]
        value, shortfall, problem = _parse_finding_value(indicator, row["value"])
        if problem:
            problems.append(Problem(problem, column="value", **where))
            continue
        pair = (commune.code, indicator.code)
        if pair in seen:
            problems.append(Problem(
                f"trùng với dòng {seen[pair]}: {commune.name} đã có số liệu chỉ tiêu '{indicator.code}'",
                column="indicator", hint="giữ lại một dòng", **where))
            continue
        seen[pair] = row["_row"]
        if shortfall:
            findings.append(Finding(commune, indicator, value, row.get("note", ""), row["_row"]))
    return findings, relabel(problems, rows)


def _parse_finding_value(indicator: Indicator, cell):
    """(value, is_shortfall, problem message)."""
    value, shortfall, problem = parse_figure(indicator.kind, indicator.code, indicator.unit, cell)
    if problem or indicator.kind == "flag":
        return value, shortfall, problem
    if is_none_word(cell):
        return value, False, None  # `-`, `không`: none at all, never a shortfall
    return value, indicator.misses(value), None


def load_dataset(data_dir: Path) -> Dataset:
    """Everything in data/, or InputError listing every problem found."""
    problems: list[Problem] = []
    communes, p = _guard(load_communes, data_dir)
    problems += p
    indicators, p = _guard(load_indicators, data_dir)
    problems += p
    findings: list[Finding] = []
    if communes is not None and indicators is not None and not problems:
        findings, p = _guard(load_findings, data_dir, communes, indicators)
        problems += p
    elif communes is not None and indicators is not None:
        # Still read findings, to report their problems too, against what did load.
        _, p = _guard(load_findings, data_dir, communes, indicators)
        problems += p
    if problems:
        raise InputError(problems)
    return Dataset(tuple(communes), tuple(indicators), tuple(findings or ()))


def _guard(fn, *args):
    try:
        return fn(*args)
    except InputError as exc:
        return None, exc.problems
