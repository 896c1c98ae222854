"""The register database: schema, engine, and the one transaction that allocates a number.

SQLite (a file in the workspace) for one clerk; PostgreSQL for an office where several
clerks issue from several machines. Both go through SQLAlchemy 2.x Core.

Numbers must be gapless and unique per (agency, series, year) even when two clerks press
the button at the same moment. The allocation therefore takes a write lock *before* it
reads the last number, and the number is committed in the same transaction as the
register row and the archive rows:
  - SQLite: `BEGIN IMMEDIATE` takes the database's write lock at the start of the
    transaction (pysqlite's default deferred BEGIN would let two readers both see N and
    both try to write N+1); waiting writers queue on the busy timeout.
  - PostgreSQL: the `series` row for (agency, series, year) is created if missing
    (INSERT ... ON CONFLICT DO NOTHING) and then locked with SELECT ... FOR UPDATE, so
    transactions of the same series queue on that row and the others do not wait.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine, make_url

from ..errors import Problem, RegisterError

SCHEMA_VERSION = 1
from . import DEFAULT_FILE  # noqa: E402  (defined import-light, for callers without SQLAlchemy)
DEFAULT_SERIES = "chung"  # one series for all administrative documents (Điều 15)
BUSY_TIMEOUT_S = 60
# A clerk whose machine freezes holding the series lock must not stop the office: a waiting
# issue gives up after this, with a message, instead of hanging.
LOCK_TIMEOUT_S = 30
_PG_SCHEMA_LOCK = 0x63636863  # "cchc": serialises concurrent first-time schema creation

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

series_table = Table(
    "series", metadata,
    Column("agency", String(300), primary_key=True),
    Column("series", String(100), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_number", Integer, nullable=False, default=0),
    Column("last_date", Date, nullable=True),
)

entries = Table(
    "entries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(300), nullable=False),
    Column("series", String(100), nullable=False),
    Column("year", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("symbol", String(100), nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("type_name", String(100), nullable=False),
    Column("summary", Text, nullable=False),
    Column("signer", String(300), nullable=False, default=""),
    Column("recipients", Text, nullable=False, default=""),  # one per line
    Column("keep_units", Text, nullable=False, default=""),  # "VT, NV"
    Column("copies", Integer, nullable=True),
    Column("source_name", Text, nullable=False, default=""),
    Column("draft_sha256", String(64), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("backdate_reason", Text, nullable=True),
    Column("status", String(20), nullable=False, default="issued"),
    Column("void_reason", Text, nullable=True),
    Column("voided_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("agency", "series", "year", "number", name="uq_entry_number"),
    # Decree 30 art. 15: số + ký hiệu unique within the year, across series too.
    UniqueConstraint("agency", "year", "number", "symbol", name="uq_entry_symbol"),
    UniqueConstraint("agency", "draft_sha256", name="uq_entry_draft"),
)

archive_files = Table(
    "archive_files", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), nullable=False, index=True),
    Column("unit", String(100), nullable=False),
    Column("origin", Text, nullable=False),  # host:workspace root that holds the file
    Column("path", Text, nullable=False),  # relative to the workspace root, '/'-separated
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    UniqueConstraint("origin", "path", name="uq_archive_path"),
)


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


SUPPORTED = "sqlite:///ĐƯỜNG/DẪN/register.sqlite hoặc postgresql+psycopg://NGƯỜI_DÙNG@MÁY:CỔNG/CSDL"


def _bad_url(what: str) -> RegisterError:
    return RegisterError(Problem(f"địa chỉ sổ đăng ký (--db / CCHC_DB) {what}",
                                 hint=f"viết dạng {SUPPORTED}; mật khẩu đặt trong biến PGPASSWORD "
                                      "hoặc ~/.pgpass, không ghi vào địa chỉ"))


def _split(raw: str) -> tuple[str, str | None, str | None, str]:
    """(scheme, user, password, rest) of `scheme://user:password@rest`.

    The credentials end at the *last* `@`: a password such as `ssS3cr3t@Z` is not
    percent-encoded by most people, and a parser stopping at the first `@` would take
    `Z@127.0.0.1` for the host and print the tail of the password in every message."""
    from urllib.parse import unquote

    scheme, _, rest = raw.partition("://")
    if "@" not in rest:
        return scheme, None, None, rest
    userinfo, _, rest = rest.rpartition("@")
    user, colon, password = userinfo.partition(":")
    return scheme, unquote(user) or None, (unquote(password) if colon else None), rest


def masked(url: str) -> str:
    """The URL as messages may show it: never its password, whatever characters it has."""
    if "://" not in url:
        return url
    scheme, user, password, rest = _split(url)
    if user is None and password is None:
        return url
    return f"{scheme}://{user or ''}{':***' if password is not None else ''}@{rest}"


def resolve_url(root: Path, db_url: str | None = None) -> str:
    """--db, else $CCHC_DB, else register.sqlite in the workspace root.

    Only a URL with its scheme is accepted: a bare `vanthu:matkhau@host/db` used to become
    an SQLite file in a folder named after the password, numbering from 01 again beside
    the office's real register. `postgresql://` means psycopg 3 (the driver this project
    installs), not SQLAlchemy's default psycopg2. A relative SQLite path is taken from the
    workspace root, not from wherever the command was started.
    """
    from sqlalchemy.engine import URL

    raw = (db_url or os.environ.get("CCHC_DB") or "").strip()
    if not raw:
        return f"sqlite:///{(root / DEFAULT_FILE).as_posix()}"
    if "://" not in raw:
        shown = masked("x://" + raw)[len("x://"):]
        raise _bad_url(f"'{shown}' không phải địa chỉ cơ sở dữ liệu (thiếu phần sqlite:/// "
                       "hoặc postgresql+psycopg://)")
    scheme, user, password, rest = _split(raw)
    backend = scheme.split("+", 1)[0].lower()
    if backend == "sqlite":
        if user or password or not rest.startswith("/"):
            raise _bad_url(f"{masked(raw)} sai: tệp SQLite viết sqlite:///ĐƯỜNG/DẪN (ba dấu /)")
        path = rest[1:]
        if not path or path == ":memory:":
            raise _bad_url(f"{masked(raw)} không chỉ tới tệp nào")
        file = Path(path).expanduser()
        return f"sqlite:///{(file if file.is_absolute() else root / file).resolve().as_posix()}"
    if backend not in ("postgresql", "postgres"):
        raise _bad_url(f"{masked(raw)}: cchc chỉ dùng được SQLite (sqlite:///…) và PostgreSQL "
                       f"(postgresql+psycopg://…), không dùng được '{scheme}'")
    driver = scheme.split("+", 1)[1] if "+" in scheme else "psycopg"
    try:
        bare = make_url(f"postgresql+{driver}://{rest}")
        port = bare.port
    except ValueError:
        raise _bad_url(f"{masked(raw)} có cổng không phải là số") from None
    except Exception:  # noqa: BLE001 - SQLAlchemy's ArgumentError: say it plainly, hide the password
        raise _bad_url(f"{masked(raw)} sai cú pháp") from None
    if port is not None and not 0 < port < 65536:
        raise _bad_url(f"{masked(raw)} có cổng {port} ngoài khoảng 1–65535")
    if not bare.database:
        raise _bad_url(f"{masked(raw)} thiếu tên cơ sở dữ liệu (…/TÊN_CSDL)")
    url = URL.create(bare.drivername, username=user, password=password, host=bare.host,
                     port=port, database=bare.database, query=bare.query)
    return url.render_as_string(hide_password=False)


_ENGINES: dict[tuple[int, str], Engine] = {}


def engine_for(url: str) -> Engine:
    """One engine per URL and process (a forked child must not reuse the parent's sockets)."""
    key = (os.getpid(), url)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _make_engine(url)
        _ENGINES[key] = engine
    return engine


def _create_private(path: Path) -> None:
    """Create the SQLite file readable by its owner only (0600): the register names every
    document of the office and must not follow a 022 umask to world-readable. SQLite gives
    its journal the database file's mode. An office sharing it with a group sets the mode
    itself afterwards (chmod g+rw); an existing file's mode is never changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def _make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _create_private(Path(parsed.database))
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn, _record):
            # Let SQLAlchemy's begin hook, not pysqlite, decide how transactions start.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except ImportError as exc:  # psycopg missing
        raise RegisterError(
            f"thiếu thư viện kết nối PostgreSQL ({exc.name}); cài bằng: pip install 'cchc-docs[postgres]'"
        ) from None

    @event.listens_for(engine, "connect")
    def _pg_connect(dbapi_conn, _record):
        # Waits for the series lock end; so does a statement stuck behind a frozen client.
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
            cur.execute(f"SET idle_in_transaction_session_timeout = '{LOCK_TIMEOUT_S * 4}s'")
        dbapi_conn.commit()

    return engine


@contextmanager
def db_errors(url: str):
    """Database failures as a clerk-readable RegisterError, with the password hidden."""
    from sqlalchemy import exc as sa_exc

    where = masked(url)
    try:
        yield
    except sa_exc.DBAPIError as exc:
        raise RegisterError(_db_problem(exc, where)) from None
    except sa_exc.NoSuchModuleError:
        raise RegisterError(f"địa chỉ cơ sở dữ liệu không hỗ trợ: {where} "
                            "(dùng sqlite:///ĐƯỜNG/DẪN hoặc postgresql+psycopg://...)") from None
    except sa_exc.ArgumentError as exc:
        raise RegisterError(f"địa chỉ cơ sở dữ liệu sai: {where} ({exc})") from None


def _db_problem(exc, where: str) -> Problem:
    """What went wrong with the database, in the clerk's words: which server, and why."""
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(getattr(orig, "diag", None), "sqlstate", None)
    detail = (str(orig).strip().splitlines() or [""])[0] if orig else str(exc)
    detail = detail.replace(where, "").strip()
    if code == "55P03" or (code == "57014" and "statement timeout" in str(orig)):
        return Problem(f"sổ đăng ký {where} đang bị một máy khác giữ khóa quá {LOCK_TIMEOUT_S} giây "
                       "(một văn thư đang cấp số bị treo?); chưa cấp số nào",
                       hint="thử lại sau ít phút; nếu vẫn vậy, nhờ quản trị xem phiên nào đang giữ khóa "
                            "(pg_stat_activity)")
    if code == "42501":
        return Problem(f"tài khoản cơ sở dữ liệu không đủ quyền trên {where} ({detail})",
                       hint="lần đầu dùng, tài khoản cần quyền CREATE trên schema để tạo các bảng của sổ; "
                            "nhờ quản trị cấp: GRANT CREATE ON SCHEMA public TO <tài khoản>")
    if "database is locked" in detail:
        return Problem(f"tệp sổ đăng ký {where} đang bị một tiến trình khác giữ quá {BUSY_TIMEOUT_S} giây",
                       hint="đóng chương trình đang mở tệp sổ rồi thử lại")
    kind = "không kết nối được tới" if isinstance(exc, __import__("sqlalchemy").exc.OperationalError) \
        else "lỗi khi dùng"
    return Problem(f"{kind} cơ sở dữ liệu sổ đăng ký {where}: {_explain(str(orig or exc))}",
                   hint="kiểm tra mạng, địa chỉ máy chủ và cổng; chưa cấp số nào nếu lỗi xảy ra trước khi ghi")


# The driver's usual connection failures, in the clerk's words (its text is English).
_CAUSES = (
    ("password authentication failed", "sai tên đăng nhập hoặc mật khẩu"),
    ("no password supplied", "thiếu mật khẩu (đặt biến PGPASSWORD hoặc tệp ~/.pgpass)"),
    ("Connection refused", "máy chủ từ chối kết nối (PostgreSQL chưa chạy, hoặc sai cổng)"),
    ("could not translate host name", "không tìm thấy máy chủ theo tên đã ghi"),
    ("Name or service not known", "không tìm thấy máy chủ theo tên đã ghi"),
    ("timeout expired", "quá thời gian chờ máy chủ trả lời (mạng hoặc tường lửa)"),
    ("No route to host", "không có đường mạng tới máy chủ"),
    ("does not exist", "cơ sở dữ liệu hoặc tài khoản không tồn tại trên máy chủ"),
    ("no pg_hba.conf entry", "máy chủ không cho máy này kết nối (pg_hba.conf)"),
    ("server closed the connection", "máy chủ đóng kết nối giữa chừng"),
    ("unable to open database file", "không mở được tệp sổ (thư mục không có hoặc không có quyền ghi)"),
)


def _explain(text: str) -> str:
    for needle, cause in _CAUSES:
        if needle in text:
            return cause
    first = (text.strip().splitlines() or [""])[0]
    return f"lỗi của trình điều khiển cơ sở dữ liệu: «{first}»"


def is_postgres(conn_or_engine) -> bool:
    return conn_or_engine.dialect.name == "postgresql"


def ensure_schema(engine: Engine) -> None:
    """Create the tables on first use and check the schema version on every use."""
    with engine.begin() as conn:
        if is_postgres(conn):
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_SCHEMA_LOCK})
        metadata.create_all(conn)
        version = conn.execute(select(func.max(schema_version.c.version))).scalar()
        if version is None:
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION, applied_at=now()))
        elif version > SCHEMA_VERSION:
            raise RegisterError(
                f"sổ đăng ký được tạo bởi phiên bản mới hơn của cchc (lược đồ {version}, "
                f"bản này hiểu đến {SCHEMA_VERSION}); hãy cập nhật cchc-docs")
        # version < SCHEMA_VERSION: upgrade steps go here, one per version, in order.


class Register:
    """An opened register database (schema checked)."""

    def __init__(self, url: str):
        self.url = url
        with db_errors(url):
            self.engine = engine_for(url)
            ensure_schema(self.engine)

    @contextmanager
    def transaction(self):
        """One write transaction; SQLite's is IMMEDIATE (see the module docstring)."""
        with db_errors(self.url), self.engine.begin() as conn:
            yield Tx(conn)

    @contextmanager
    def reading(self):
        with db_errors(self.url), self.engine.connect() as conn:
            yield Tx(conn)


class Tx:
    def __init__(self, conn: Connection):
        self.conn = conn

    # ---------------------------------------------------------------- allocation
    def allocate(self, agency: str, series: str, year: int, date: dt.date,
                 backdate: str | None = None) -> int:
        """Lock the series and return its next number; refuse a date older than the
        series' last one unless a backdating reason is given."""
        conn = self.conn
        values = dict(agency=agency, series=series, year=year, last_number=0, last_date=None)
        if is_postgres(conn):
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        conn.execute(insert(series_table).values(**values).on_conflict_do_nothing())
        key = ((series_table.c.agency == agency) & (series_table.c.series == series)
               & (series_table.c.year == year))
        row = conn.execute(select(series_table.c.last_number, series_table.c.last_date)
                           .where(key).with_for_update()).one()
        # The newest date of the series in any year: a 2024 date once 2025 has begun is
        # backdating too, although 2024 has its own numbers.
        newest = conn.execute(
            select(series_table.c.year, series_table.c.last_number, series_table.c.last_date)
            .where((series_table.c.agency == agency) & (series_table.c.series == series)
                   & series_table.c.last_date.is_not(None))
            .order_by(series_table.c.last_date.desc()).limit(1)).first()
        if newest is not None and date < newest.last_date and not backdate:
            from ..vn import format_date_short

            raise RegisterError(
                f"ngày {format_date_short(date)} sớm hơn văn bản số {newest.last_number:02d} "
                f"đã cấp ngày {format_date_short(newest.last_date)} trong sổ '{series}' năm "
                f"{newest.year}: số văn bản phải tăng theo ngày ban hành. Nếu thật sự phải lùi "
                "ngày, ghi rõ lý do bằng --backdate \"LÝ DO\"")
        number = row.last_number + 1
        last_date = date if row.last_date is None or date > row.last_date else row.last_date
        conn.execute(update(series_table).where(key).values(last_number=number, last_date=last_date))
        return number

    def record(self, entry: dict, files: list[dict]) -> int:
        values = dict(entry)
        values.setdefault("created_at", now())
        values.setdefault("status", "issued")
        entry_id = self.conn.execute(entries.insert().values(**values)).inserted_primary_key[0]
        if files:
            self.conn.execute(archive_files.insert(), [dict(f, entry_id=entry_id) for f in files])
        return entry_id

    # ---------------------------------------------------------------- lookups
    def by_draft(self, agency: str, draft_sha: str):
        return self.conn.execute(select(entries).where(
            (entries.c.agency == agency) & (entries.c.draft_sha256 == draft_sha))).first()

    def by_sha(self, agency: str, sha: str):
        return self.conn.execute(select(entries).where(
            (entries.c.agency == agency) & (entries.c.sha256 == sha))).first()

    def by_number(self, agency: str, number: int, year: int | None = None,
                  series: str | None = None, symbol: str | None = None, lock: bool = False) -> list:
        q = select(entries).where((entries.c.agency == agency) & (entries.c.number == number))
        if lock:
            # Two clerks voiding the same number at once: the second waits for the first's
            # commit and then sees the entry already voided (PostgreSQL; SQLite's
            # BEGIN IMMEDIATE serialises writers anyway).
            q = q.with_for_update()
        if year is not None:
            q = q.where(entries.c.year == year)
        if series is not None:
            q = q.where(entries.c.series == series)
        if symbol is not None:
            q = q.where(entries.c.symbol == symbol)
        return list(self.conn.execute(q.order_by(entries.c.year, entries.c.series)))

    def entries(self, agency: str, year: int | None = None, series: str | None = None) -> list:
        q = select(entries).where(entries.c.agency == agency)
        if year is not None:
            q = q.where(entries.c.year == year)
        if series is not None:
            q = q.where(entries.c.series == series)
        return list(self.conn.execute(q.order_by(entries.c.year, entries.c.series, entries.c.number)))

    def files(self, entry_ids=None, agency: str | None = None) -> list:
        q = select(archive_files, entries.c.number, entries.c.symbol, entries.c.year).join(
            entries, entries.c.id == archive_files.c.entry_id)
        if agency is not None:
            q = q.where(entries.c.agency == agency)
        if entry_ids is not None:
            q = q.where(archive_files.c.entry_id.in_(list(entry_ids)))
        return list(self.conn.execute(q.order_by(archive_files.c.entry_id, archive_files.c.id)))

    def file_at(self, origin: str, path: str):
        return self.conn.execute(select(archive_files).where(
            (archive_files.c.origin == origin) & (archive_files.c.path == path))).first()

    def series_rows(self, agency: str) -> list:
        return list(self.conn.execute(select(series_table).where(series_table.c.agency == agency)
                                      .order_by(series_table.c.year, series_table.c.series)))

    def void(self, entry_id: int, reason: str) -> None:
        self.conn.execute(update(entries).where(entries.c.id == entry_id).values(
            status="voided", void_reason=reason, voided_at=now()))


# ---------------------------------------------------------------- a workspace's register

_REGISTERS: dict[tuple[int, str], Register] = {}


def load_workspace(workspace):
    """A loaded Workspace, from itself or from its directory."""
    from .. import workspace as ws_mod

    if isinstance(workspace, ws_mod.Workspace):
        return workspace
    return ws_mod.load(workspace)


def open_register(ws, db_url: str | None = None) -> Register:
    """The register of this workspace; the schema is checked once per process and URL."""
    url = resolve_url(ws.root, db_url)
    key = (os.getpid(), url)
    reg = _REGISTERS.get(key)
    if reg is None:
        reg = _REGISTERS[key] = Register(url)
    return reg
