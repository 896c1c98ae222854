"""Accounts of office mode: names, roles and argon2 password hashes in
<workspace>/.cchc/accounts.toml, and the append-only audit log of numbers given or voided.

Roles (Decree 30 splits the work this way): văn thư gives numbers, voids and exports
the register; chuyên viên drafts (data, forms, returns). Both see every page, preview
and check. A password never passes through argv, a log or a URL.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from pathlib import Path

from ..errors import InputError, Problem

ROLES = {"van-thu": "Văn thư", "chuyen-vien": "Chuyên viên"}
PERMISSIONS = {"issue": {"van-thu"}, "void": {"van-thu"}, "export": {"van-thu"},
               "draft": {"chuyen-vien"}}
ACTIONS = {"issue": "cấp số văn bản", "void": "thu hồi văn bản", "export": "xuất sổ đăng ký",
           "draft": "soạn thảo (dữ liệu, phiếu, phiếu gửi về)"}
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,31}$")
MIN_PASSWORD = 8


def state_dir(root: Path) -> Path:
    return Path(root) / ".cchc"


def accounts_file(root: Path) -> Path:
    return state_dir(root) / "accounts.toml"


def _hasher():
    from pwdlib import PasswordHash
    from pwdlib.hashers.argon2 import Argon2Hasher

    return PasswordHash((Argon2Hasher(),))


def load(root: Path) -> dict[str, dict]:
    path = accounts_file(root)
    if not path.is_file():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(Problem(f"tệp tài khoản viết sai cú pháp: {exc}", file=str(path))) from None
    users = raw.get("users", {})
    return {name: u for name, u in users.items() if isinstance(u, dict) and u.get("role") in ROLES}


def add_user(root: Path, name: str, role: str, password: str) -> Path:
    """Create or replace an account; the file is private to the server's user."""
    if not NAME.match(name or ""):
        raise InputError(Problem(f"tên tài khoản '{name}' không hợp lệ",
                                 hint="chữ thường không dấu, số, dấu . _ - (tối đa 32 ký tự), ví dụ: lan.vt"))
    if role not in ROLES:
        raise InputError(Problem(f"vai trò '{role}' không có", hint="dùng van-thu hoặc chuyen-vien"))
    if len(password or "") < MIN_PASSWORD:
        raise InputError(Problem(f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự"))
    users = load(root)
    users[name] = {"role": role, "hash": _hasher().hash(password)}
    lines = ["# Tài khoản của cchc serve (mật khẩu đã băm argon2, không lưu mật khẩu gốc).", ""]
    for n in sorted(users):
        lines += [f'[users."{n}"]', f'role = "{users[n]["role"]}"', f'hash = "{users[n]["hash"]}"', ""]
    path = accounts_file(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    os.replace(tmp, path)
    return path


def authenticate(root: Path, name: str, password: str) -> str | None:
    """The user's role when the password is right, else None (same work either way)."""
    users = load(root)
    hasher = _hasher()
    user = users.get(name or "")
    if user is None:
        hasher.hash(password or "x")  # no faster answer for an unknown name
        return None
    try:
        ok = hasher.verify(password or "", user["hash"])
    except Exception:  # noqa: BLE001 - a damaged hash is a failed login, not a crash
        ok = False
    return user["role"] if ok else None


def allowed(role: str | None, action: str, accounts_on: bool) -> bool:
    return not accounts_on or role in PERMISSIONS.get(action, set(ROLES))


def audit(root: Path, user: str | None, action: str, detail: str) -> None:
    """One line per number given or voided: who, when, what. Appended, never rewritten."""
    path = state_dir(root) / "audit.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).isoformat(timespec="seconds")
    line = "\t".join((now, user or "(máy cục bộ)", action, detail.replace("\n", " "))) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())
