"""Find and load a workspace: cchc.toml, data/, templates/, output/.

The workspace is the current directory unless `--workspace DIR` or `CCHC_WORKSPACE`
names another. The repo root is a workspace (the Hương Sơn 2024 sample), and the same
files ship inside the package so that `cchc init` works from a wheel.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Problem
from .vn import nfc

CONFIG_NAME = "cchc.toml"

# Every key cchc.toml may hold, by section: anything else is a typing mistake to report,
# never a setting silently ignored. Add a key here when a new setting is read.
KNOWN_KEYS = {
    "agency": {"name", "title", "short", "place", "abbr", "office_abbr", "office", "province",
               "parent", "commune_parent"},
    "signer": {"authority", "position", "name"},
    "report": {"to"},
    "campaign": {"subject", "period", "year", "deadline", "inspection", "plan", "recipients",
                 "copies", "tasks"},
}
# Keys above the first section, with the values they may take.
TOP_LEVEL = {"units": ("legacy", "2025-07")}  # the unit list the codes of data/ belong to
_TOML_MESSAGES = (  # tomllib's English, for a clerk
    ("Expected '=' after a key", "thiếu dấu '=' sau tên khóa"),
    ("Invalid value", "giá trị không hợp lệ (chữ phải nằm trong ngoặc kép \"...\", ngày viết 2024-08-30)"),
    ("Unterminated string", "chuỗi chưa đóng ngoặc kép"),
    ("Illegal character", "có ký tự không hợp lệ"),
    ("Cannot overwrite a value", "khóa hoặc mục bị khai báo hai lần"),
    ("Cannot declare", "mục bị khai báo hai lần"),
    ("Expected newline", "sau giá trị phải xuống dòng"),
    ("Invalid statement", "dòng không phải dạng khóa = giá trị"),
    ("Unclosed array", "danh sách chưa đóng ngoặc ]"),
)


@dataclass(frozen=True)
class Agency:
    name: str  # ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN
    title: str  # Ủy ban nhân dân huyện
    short: str  # UBND huyện
    place: str  # Hương Sơn
    abbr: str  # UBND
    office_abbr: str  # NV
    office: str  # Phòng Nội vụ
    province: str  # Hà Tĩnh
    parent: str = ""  # UBND TỈNH HÀ TĨNH
    commune_parent: str = ""  # UBND HUYỆN HƯƠNG SƠN: the chủ quản line of the communes' forms


@dataclass(frozen=True)
class Signer:
    """The signer block (Decree 30, Phụ lục I, mục II.7). `authority` and `position` hold
    one line each per line of the block, joined by newlines: `TM. ỦY BAN NHÂN DÂN` and
    `KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH` for a deputy signing for the chairman."""

    authority: str  # TM. ỦY BAN NHÂN DÂN
    position: str  # CHỦ TỊCH, or KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH
    name: str

    @property
    def lines(self) -> tuple[str, ...]:
        """The upper-case lines above the signature, each on its own line of the block."""
        return tuple(t for t in (self.authority + "\n" + self.position).split("\n") if t.strip())


# Quyền hạn ký (Phụ lục I, II.7): thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền.
AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


def _signer_lines(value, key: str, bad, required: bool) -> str:
    """A TOML string (a newline makes a new line) or a list of strings, one line each;
    `bad(message, section, key)` records a problem with its line in cchc.toml."""
    if value is None or value == "" or value == []:
        if required:
            bad(f"thiếu khóa '{key}' trong mục [signer]", "signer", key,
                hint=f"thêm dòng {key} = ... vào mục [signer]")
        return ""
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in items):
        bad(f"'{key}' trong mục [signer] phải là chữ hoặc danh sách các dòng chữ, ví dụ "
            f'{key} = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]', "signer", key)
        return ""
    lines = [" ".join(nfc(line).split()) for v in items for line in v.splitlines()]
    lines = [line for line in lines if line]
    for line in lines:
        first = line.split(" ", 1)[0]
        if first.rstrip(".").upper() in {a.rstrip(".") for a in AUTHORITIES} and first not in AUTHORITIES:
            bad(f"'{line}' trong mục [signer]: viết tắt quyền hạn phải là "
                f"{', '.join(AUTHORITIES)} (in hoa, có dấu chấm, rồi dấu cách)", "signer", key)
    return "\n".join(lines)


@dataclass(frozen=True)
class Campaign:
    subject: str
    period: str
    year: int
    deadline: dt.date
    inspection: str
    plan: str
    recipients: tuple[str, ...]
    copies: tuple[str, ...]
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class Config:
    agency: Agency
    signer: Signer
    campaign: Campaign
    report_to: str
    units: str = "legacy"  # "2025-07" or "legacy": which unit list the codes of data/ follow


@dataclass(frozen=True)
class Workspace:
    root: Path
    config: Config = field(repr=False)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    @property
    def results_dir(self) -> Path:
        return self.data_dir / "results"

    def template(self, name: str) -> Path:
        path = self.templates_dir / name
        if not path.is_file():
            raise InputError(Problem(
                "không tìm thấy mẫu văn bản",
                file=str(path),
                hint="chạy 'cchc init' để tạo lại thư mục templates/ từ mẫu gốc",
            ))
        return path


def resolve_root(workspace: str | os.PathLike | None = None) -> Path:
    """The named folder; else $CCHC_WORKSPACE; else the nearest folder upwards from the
    current one that holds cchc.toml (as git finds its repository); else the current one."""
    chosen = workspace or os.environ.get("CCHC_WORKSPACE")
    if chosen:
        return Path(chosen).expanduser().resolve()
    here = Path.cwd().resolve()
    return next((d for d in (here, *here.parents) if (d / CONFIG_NAME).is_file()), here)


def load(workspace: str | os.PathLike | Workspace | None = None) -> Workspace:
    if isinstance(workspace, Workspace):
        return workspace
    root = resolve_root(workspace)
    path = root / CONFIG_NAME
    if not path.is_file():
        raise InputError(Problem(
            f"không có tệp {CONFIG_NAME}: thư mục này chưa phải là một workspace",
            file=str(root),
            hint="chạy trong thư mục có cchc.toml, dùng --workspace DIR, hoặc tạo mới bằng 'cchc init DIR'",
        ))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Problem("cchc.toml không ở bảng mã UTF-8", file=str(path),
                                 hint="mở bằng Notepad, chọn Lưu thành với Encoding: UTF-8")) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(_syntax_problem(exc, str(path))) from None
    return Workspace(root=root, config=parse_config(raw, str(path), text))


def _syntax_problem(exc: Exception, source: str) -> Problem:
    message = str(exc)
    at = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line = int(at[1]) if at else getattr(exc, "lineno", None)
    col = f", ký tự thứ {at[2]}" if at else ""
    said = next((vn for en, vn in _TOML_MESSAGES if message.startswith(en)), "lỗi cú pháp TOML")
    return Problem(f"viết sai cú pháp{col}: {said}", file=source, row=line,
                   hint="mỗi dòng dạng khóa = \"giá trị\"; so với tệp mẫu của 'cchc init'")


def _key_lines(text: str | None) -> dict:
    """(section, key) → line number, and (section, None) → the section's line."""
    lines: dict = {}
    section = None
    for number, line in enumerate((text or "").splitlines(), start=1):
        m = re.match(r"\s*\[\s*([A-Za-z0-9_-]+)\s*\]", line)
        if m:
            section = m[1]
            lines.setdefault((section, None), number)
            continue
        m = re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line)
        if m:
            lines.setdefault((section, m[1]), number)
    return lines


def parse_config(raw: dict, source: str = CONFIG_NAME, text: str | None = None) -> Config:
    """The settings, or InputError naming each wrong key and its line in cchc.toml."""
    problems: list[Problem] = []
    lines = _key_lines(text)

    def bad(message, section, key=None, hint=None):
        row = lines.get((section, key)) or lines.get((section, None))
        problems.append(Problem(message, file=source, row=row, hint=hint))

    for section, value in raw.items():
        if section in TOP_LEVEL:
            if value not in TOP_LEVEL[section]:
                bad(f"'{section}' phải là một trong: {', '.join(TOP_LEVEL[section])}, không phải {value!r}",
                    None, section)
        elif section not in KNOWN_KEYS:
            near = difflib.get_close_matches(section, list(KNOWN_KEYS), n=1)
            bad(f"mục [{section}] không có trong cchc.toml", section,
                hint=f"có phải [{near[0]}]?" if near else f"các mục: {', '.join(f'[{k}]' for k in KNOWN_KEYS)}")
        elif not isinstance(value, dict):
            bad(f"'{section}' phải là một mục [{section}], không phải một giá trị", section, section)
        else:
            for key in value:
                if key not in KNOWN_KEYS[section]:
                    near = difflib.get_close_matches(key, sorted(KNOWN_KEYS[section]), n=1)
                    bad(f"khóa '{key}' không có trong mục [{section}]", section, key,
                        hint=f"có phải '{near[0]}'?" if near else
                        f"các khóa của mục [{section}]: {', '.join(sorted(KNOWN_KEYS[section]))}")

    def get(section: str, key: str, kind=str, required=True, default=None):
        table = raw.get(section, {})
        value = table.get(key, default) if isinstance(table, dict) else default
        if value is None or (value == "" and required):
            if required:
                bad(f"thiếu khóa '{key}' trong mục [{section}]", section,
                    hint=f"thêm dòng {key} = ... vào mục [{section}]")
            return default
        if kind is str:
            if not isinstance(value, str):
                bad(f"'{key}' trong mục [{section}] phải là chữ trong ngoặc kép, không phải {value!r}",
                    section, key)
                return default
            return nfc(value)
        if kind is tuple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                bad(f"'{key}' trong mục [{section}] phải là một danh sách chữ [\"...\", \"...\"]",
                    section, key)
                return ()
            return tuple(nfc(v) for v in value)
        if kind is dt.date and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            bad(f"'{key}' trong mục [{section}] phải là ngày, viết 2024-08-30 (không có ngoặc kép)",
                section, key)
            return None
        if kind is int and (not isinstance(value, int) or isinstance(value, bool) or not 1900 < value < 2200):
            bad(f"'{key}' trong mục [{section}] phải là một năm, viết 2024 (không có ngoặc kép)",
                section, key)
            return None
        return value

    agency = Agency(
        name=get("agency", "name"), title=get("agency", "title"), short=get("agency", "short"),
        place=get("agency", "place"), abbr=get("agency", "abbr"),
        office_abbr=get("agency", "office_abbr"), office=get("agency", "office"),
        province=get("agency", "province"),
        parent=get("agency", "parent", required=False, default="") or "",
        commune_parent=get("agency", "commune_parent", required=False, default="") or "",
    )
    section = raw.get("signer", {}) if isinstance(raw.get("signer", {}), dict) else {}
    signer = Signer(_signer_lines(section.get("authority"), "authority", bad, required=False),
                    _signer_lines(section.get("position"), "position", bad, required=True),
                    get("signer", "name"))
    campaign = Campaign(
        subject=get("campaign", "subject"), period=get("campaign", "period"),
        year=get("campaign", "year", int), deadline=get("campaign", "deadline", dt.date),
        inspection=get("campaign", "inspection"), plan=get("campaign", "plan"),
        recipients=get("campaign", "recipients", tuple, default=()),
        copies=get("campaign", "copies", tuple, required=False, default=()),
        tasks=get("campaign", "tasks", tuple, required=False, default=()),
    )
    report_to = get("report", "to")
    if problems:
        raise InputError(problems)
    return Config(agency=agency, signer=signer, campaign=campaign, report_to=report_to,
                  units=raw.get("units", "legacy"))


def sample_root() -> Path:
    """The sample workspace: shipped in the wheel, or the repo root in a source checkout."""
    packaged = Path(__file__).parent / "sample"
    if (packaged / CONFIG_NAME).is_file():
        return packaged
    return Path(__file__).resolve().parent.parent


def init(target: str | os.PathLike, province: str | None = None, agency: str | None = None,
         commune: str | None = None, sample: str | None = None, villages=None, year=None) -> Path:
    """Create a new workspace at `target` from the sample; refuses to overwrite one.
    With `province` (and `agency` or `commune`), cchc.toml and data/ are made for that
    issuer from the 2025 unit list (units/workspaces.py); `sample` picks a shipped sample."""
    from .units import samples

    dest = Path(target).expanduser().resolve()
    if dest.exists() and not dest.is_dir():
        raise InputError(Problem("đã có một tệp cùng tên, không phải thư mục", file=str(dest),
                                 hint="chọn một thư mục khác cho workspace mới"))
    present = [name for name in (CONFIG_NAME, "data", "templates") if os.path.lexists(dest / name)]
    if present:
        raise InputError(Problem(
            f"ở đây đã có {', '.join(present)}: không ghi đè dữ liệu đang có", file=str(dest),
            hint="chọn một thư mục mới (hoặc trống) cho workspace mới, hoặc tự chuyển các mục đó đi trước"))
    src = sample_root()
    data_src = samples.data_root(sample, province, agency, commune, villages)  # checks the options first
    if province:
        from .units import workspaces

        workspaces.make(dest, province, agency=agency, commune=commune, villages=villages, year=year)
    dest.mkdir(parents=True, exist_ok=True)
    if data_src is not None:
        shutil.copy2(data_src / CONFIG_NAME, dest / CONFIG_NAME)
        shutil.copytree(data_src / "data", dest / "data", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "~$*"))
    if not (dest / "data" / "indicators.csv").exists():
        shutil.copy2(src / "data" / "indicators.csv", dest / "data" / "indicators.csv")
    shutil.copytree(src / "templates", dest / "templates", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "~$*"))
    (dest / "output").mkdir(exist_ok=True)
    return dest
