"""PostgreSQL only: two clerks voiding one number, a frozen clerk holding the series lock.

Skipped locally without a server; in CI (CCHC_TEST_PG_URL set by .ci/pg-start) they run."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from register_drafts import PgSchema, dispose_engines, make_draft, pg_base_url

from cchc_docs import register
from cchc_docs.errors import RegisterError

D = dt.date(2024, 7, 5)


@pytest.fixture
def pg():
    schema = PgSchema(pg_base_url())
    yield schema
    dispose_engines()
    schema.drop()


def test_void_twice_at_once_only_one_succeeds(ws, pg):
    register.issue(ws, make_draft(ws / "a.docx"), date=D, db_url=pg.url)
    barrier = threading.Barrier(4)
    outcomes = []

    def clerk(k):
        barrier.wait(timeout=30)
        try:
            register.void(ws, "01", f"lý do {k}", year=2024, db_url=pg.url)
            outcomes.append(("ok", k))
        except RegisterError as exc:
            outcomes.append(("refused", str(exc)))

    threads = [threading.Thread(target=clerk, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    done = [o for o in outcomes if o[0] == "ok"]
    assert len(done) == 1 and len(outcomes) == 4
    assert all("đã thu hồi từ trước" in o[1] for o in outcomes if o[0] == "refused")
    [entry] = register.list_entries(ws, db_url=pg.url)
    assert entry.voided and entry.void_reason == f"lý do {done[0][1]}"


def test_a_frozen_clerk_does_not_block_the_office(ws, pg, monkeypatch):
    import psycopg

    from cchc_docs.register import db

    monkeypatch.setattr(db, "LOCK_TIMEOUT_S", 2)
    register.issue(ws, make_draft(ws / "a.docx"), date=D, db_url=pg.url)
    dispose_engines()  # new connections take the shorter timeout
    frozen = psycopg.connect(**pg.conninfo)
    try:
        frozen.execute(f"SET search_path = {pg.name}")
        frozen.execute("SELECT * FROM series FOR UPDATE")  # mid-issue, then the machine hangs
        started = time.monotonic()
        with pytest.raises(RegisterError) as info:
            register.issue(ws, make_draft(ws / "b.docx", subject="việc thứ hai"), date=D, db_url=pg.url)
        waited = time.monotonic() - started
    finally:
        frozen.close()
    assert waited < 15
    assert "đang bị một máy khác giữ khóa quá 2 giây" in str(info.value)
    assert "chưa cấp số nào" in str(info.value)
    # Once the frozen session is gone the next issue gets 02: nothing was spent.
    assert register.issue(ws, make_draft(ws / "b.docx", subject="việc thứ hai"), date=D, db_url=pg.url).number == 2


def test_a_role_without_create_rights_gets_a_message(ws):
    """The first issue creates the tables; a role that may not create them in its schema
    (here: a schema owned by the server, as a read-only office account would see its
    own) gets the GRANT it needs, not a traceback."""
    base = pg_base_url()
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3Dinformation_schema"
    try:
        with pytest.raises(RegisterError) as info:
            register.issue(ws, make_draft(ws / "a.docx"), date=D, db_url=url)
    finally:
        dispose_engines()
    text = str(info.value)
    assert "tài khoản cơ sở dữ liệu không đủ quyền" in text and "GRANT CREATE ON SCHEMA" in text
    assert "cchc:cchc@" not in text  # the password of the test server is not shown
