"""Find and load a workspace: cchc.toml, data/, templates/, output/.

The workspace is the current directory unless `--workspace DIR` or `CCHC_WORKSPACE`
names another. The repo root is a workspace (the Hương Sơn 2024 sample), and the same
files ship inside the package so that `cchc init` works from a wheel.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Problem
from .vn import nfc

CONFIG_NAME = "cchc.toml"


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


def _signer_lines(value, key: str, problems: list, source: str, required: bool) -> str:
    """A TOML string (a newline makes a new line) or a list of strings, one line each."""
    if value is None or value == "" or value == []:
        if required:
            problems.append(Problem(f"thiếu khóa '{key}' trong mục [signer]", file=source))
        return ""
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in items):
        problems.append(Problem(f"'{key}' trong mục [signer] phải là chữ hoặc danh sách các dòng chữ, ví dụ "
                                f'{key} = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]', file=source))
        return ""
    lines = [" ".join(nfc(line).split()) for v in items for line in v.splitlines()]
    lines = [line for line in lines if line]
    for line in lines:
        first = line.split(" ", 1)[0]
        if first.rstrip(".").upper() in {a.rstrip(".") for a in AUTHORITIES} and first not in AUTHORITIES:
            problems.append(Problem(f"'{line}' trong mục [signer]: viết tắt quyền hạn phải là "
                                    f"{', '.join(AUTHORITIES)} (in hoa, có dấu chấm, rồi dấu cách)", file=source))
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
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(Problem(f"cchc.toml viết sai cú pháp: {exc}", file=str(path))) from None
    return Workspace(root=root, config=parse_config(raw, str(path)))


def parse_config(raw: dict, source: str = CONFIG_NAME) -> Config:
    problems: list[Problem] = []

    def get(section: str, key: str, kind=str, required=True, default=None):
        value = raw.get(section, {}).get(key, default)
        if value is None or (value == "" and required):
            if required:
                problems.append(Problem(f"thiếu khóa '{key}' trong mục [{section}]", file=source))
            return default
        if kind is str:
            return nfc(value)
        if kind is tuple:
            if not isinstance(value, list):
                problems.append(Problem(f"'{key}' trong mục [{section}] phải là một danh sách", file=source))
                return ()
            return tuple(nfc(v) for v in value)
        if kind is dt.date and not isinstance(value, dt.date):
            problems.append(Problem(
                f"'{key}' trong mục [{section}] phải là ngày, viết 2024-08-30", file=source))
            return None
        if kind is int and not isinstance(value, int):
            problems.append(Problem(f"'{key}' trong mục [{section}] phải là số năm", file=source))
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
    signer = Signer(_signer_lines(section.get("authority"), "authority", problems, source, required=False),
                    _signer_lines(section.get("position"), "position", problems, source, required=True),
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
    return Config(agency=agency, signer=signer, campaign=campaign, report_to=report_to)


def sample_root() -> Path:
    """The sample workspace: shipped in the wheel, or the repo root in a source checkout."""
    packaged = Path(__file__).parent / "sample"
    if (packaged / CONFIG_NAME).is_file():
        return packaged
    return Path(__file__).resolve().parent.parent


def init(target: str | os.PathLike) -> Path:
    """Create a new workspace at `target` from the sample; refuses to overwrite one."""
    dest = Path(target).expanduser().resolve()
    if (dest / CONFIG_NAME).exists():
        raise InputError(Problem("ở đây đã có một workspace, không ghi đè", file=str(dest)))
    src = sample_root()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / CONFIG_NAME, dest / CONFIG_NAME)
    for sub in ("data", "templates"):
        shutil.copytree(src / sub, dest / sub, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "~$*"))
    (dest / "output").mkdir(exist_ok=True)
    return dest
