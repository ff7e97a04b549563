"""Health, readiness, metrics, OpenAPI, and the schema that migrations build."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from infra.postgres.migrate import available, migrate
from infra.postgres.pool import unavailable, with_database
from infra.settings import Settings
from tests.conftest import Tenant

pytestmark = pytest.mark.integration


async def test_health_and_ready(client: AsyncTestClient[Any]) -> None:
    assert (await client.get("/health")).json() == {"status": "ok"}
    ready = await client.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok"


@asynccontextmanager
async def database_gone(postgres_server: str, database_url: str) -> AsyncIterator[None]:
    """The test database refuses connections and every open one is closed, until the block ends."""
    admin = await asyncpg.connect(postgres_server)
    name = urlsplit(database_url).path.lstrip("/")
    try:
        await admin.execute(f'alter database "{name}" allow_connections false')
        await admin.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", name)
        for _ in range(200):  # termination is a signal: wait until the backends are really gone
            if not await admin.fetchval("select count(*) from pg_stat_activity where datname = $1", name):
                break
            await asyncio.sleep(0.01)
        yield
    finally:
        await admin.execute(f'alter database "{name}" allow_connections true')
        await admin.close()


async def test_ready_is_503_when_the_database_is_gone(
    settings: Settings, postgres_server: str, database_url: str
) -> None:
    from api.app import create_app

    async with AsyncTestClient(app=create_app(settings)) as client:
        async with database_gone(postgres_server, database_url):
            response = await client.get("/ready")
            assert response.status_code == 503
            assert response.json()["status"] == "unavailable"
        again = await client.get("/ready")
        assert again.status_code == 200, again.text


async def test_core_routes_are_503_and_logged_while_the_database_is_gone(
    settings: Settings,
    postgres_server: str,
    database_url: str,
    tenant: Tenant,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from api.app import create_app

    async with AsyncTestClient(app=create_app(settings)) as client:
        assert (await client.get("/core/agent-assist/+15551234567", headers=tenant.auth())).status_code == 404
        async with database_gone(postgres_server, database_url):
            for _ in range(2):  # the pool's dropped connection, then a refused new one
                response = await client.get("/core/agent-assist/+15551234567", headers=tenant.auth())
                assert response.status_code == 503, response.text
                assert response.json()["detail"] == "The database is unavailable; try again shortly."
                assert response.headers["retry-after"] == "5"
        assert any(
            record.levelname == "ERROR" and "database unavailable" in record.getMessage()
            for record in caplog.records
        )
        again = await client.get("/core/agent-assist/+15551234567", headers=tenant.auth())
        assert again.status_code == 404, again.text


async def test_an_unexpected_failure_is_a_500_with_its_traceback_in_the_log(
    client: AsyncTestClient[Any], tenant: Tenant, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    connection = await asyncpg.connect(database_url)
    try:
        await connection.execute("drop table conversations cascade")  # a schema the code does not expect
    finally:
        await connection.close()
    response = await client.get("/core/agent-assist/+15551234567", headers=tenant.auth())
    assert response.status_code == 500
    assert response.json() == {"status_code": 500, "detail": "Internal Server Error"}
    assert "retry-after" not in response.headers
    failures = [r for r in caplog.records if r.levelname == "ERROR" and r.name == "api.errors"]
    assert len(failures) == 1
    assert failures[0].getMessage() == "GET /core/agent-assist/+15551234567 failed"
    assert failures[0].exc_info is not None and "conversations" in str(failures[0].exc_info[1])


async def test_client_errors_are_not_logged_as_failures(
    client: AsyncTestClient[Any], tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    assert (await client.get("/core/agent-assist/+15551234567", headers=tenant.auth())).status_code == 404
    assert (await client.get("/core/agent-assist/nonsense", headers=tenant.auth())).status_code == 422
    assert (await client.get("/core/agent-assist/+15551234567")).status_code == 401
    assert (await client.get("/no/such/route")).status_code == 404
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_refused_connection_counts_as_unavailable_and_a_rejected_query_does_not(
    database_url: str,
) -> None:
    with pytest.raises(ConnectionRefusedError) as refused:
        await asyncpg.connect("postgresql://nobody@127.0.0.1:1/none", timeout=5)
    assert unavailable(refused.value)
    assert not unavailable(ConnectionRefusedError("raised outside the database driver"))
    connection = await asyncpg.connect(database_url)
    try:
        with pytest.raises(asyncpg.PostgresError) as rejected:
            await connection.execute("select * from no_such_table")
    finally:
        await connection.close()
    assert not unavailable(rejected.value)


async def test_metrics_count_requests_by_route(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    await client.get("/core/conversations/conv_a", headers=tenant.auth())
    await client.get("/core/conversations/conv_b", headers=tenant.auth())
    response = await client.get("/metrics")
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    text = response.text
    assert (
        'agent_assist_http_requests_total{method="GET",route="/core/conversations/{conversation_id}",status="404"} 2.0'
        in text
    )
    assert "agent_assist_http_request_duration_seconds_bucket" in text
    assert 'agent_assist_db_pool_connections{state="idle"}' in text


async def test_openapi_schema_lists_the_public_paths(client: AsyncTestClient[Any]) -> None:
    schema = (await client.get("/schema/openapi.json")).json()
    for path in (
        "/core/agent-assist/{phone_number}",
        "/core/conversations/{conversation_id}",
        "/core/conversations",
        "/core/handoff-state",
    ):
        assert path in schema["paths"]
    assert schema["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "An organization API key (ak_…) or a personal token (pat_…)",
    }
    core = {
        (path, method): operation
        for path, item in schema["paths"].items()
        if path.startswith("/core/")
        for method, operation in item.items()
    }
    assert len(core) >= 9
    for (path, method), operation in core.items():
        assert {"401", "403", "503"} <= set(operation["responses"]), (path, method)
        assert operation["security"] == [{"bearer": []}], (path, method)
        headers = [p["name"] for p in operation.get("parameters", []) if p["in"] == "header"]
        assert "X-Anyreach-Org" in headers, (path, method)
    brief = core[("/core/agent-assist/{phone_number}", "get")]["responses"]
    assert {"404", "422"} <= set(brief)
    assert "503" in schema["paths"]["/ready"]["get"]["responses"]


async def test_migrations_build_the_schema_on_an_empty_database(postgres_server: str) -> None:
    admin = await asyncpg.connect(postgres_server)
    await admin.execute('create database "empty_for_migrations"')
    try:
        connection = await asyncpg.connect(with_database(postgres_server, "empty_for_migrations"))
        try:
            assert await migrate(connection) == [m.version for m in available()]
            assert await migrate(connection) == []  # a second run finds nothing to do
            tables = {
                r["table_name"]
                for r in await connection.fetch(
                    "select table_name from information_schema.tables where table_schema = 'public'"
                )
            }
            assert {
                "schema_migrations",
                "organizations",
                "users",
                "memberships",
                "access_tokens",
                "conversations",
                "transcript_segments",
            } <= tables
            columns = {
                r["column_name"]
                for r in await connection.fetch(
                    "select column_name from information_schema.columns where table_name = 'conversations'"
                )
            }
            assert {
                "user_id",
                "user_turn_count",
                "custom_metadata",
                "recording_details",
                "room_name",
            } <= columns
            recorded = await connection.fetch("select version from schema_migrations order by version")
            assert [r["version"] for r in recorded] == [m.version for m in available()]
        finally:
            await connection.close()
    finally:
        await admin.execute('drop database "empty_for_migrations" with (force)')
        await admin.close()


async def test_concurrent_migrations_apply_each_file_once(postgres_server: str) -> None:
    import asyncio

    admin = await asyncpg.connect(postgres_server)
    await admin.execute('create database "racing_migrations"')
    try:
        dsn = with_database(postgres_server, "racing_migrations")
        connections = [await asyncpg.connect(dsn) for _ in range(3)]
        try:
            results = await asyncio.gather(*(migrate(c) for c in connections))
            applied = sorted(v for result in results for v in result)
            assert applied == [m.version for m in available()]
        finally:
            for c in connections:
                await c.close()
    finally:
        await admin.execute('drop database "racing_migrations" with (force)')
        await admin.close()


async def test_a_connection_given_back_mid_transaction_rolls_back_before_reuse(pool: asyncpg.Pool) -> None:
    """The pool skips asyncpg's server-side session reset on release (pool connections hold no session state),
    but a transaction a caller left open is still rolled back: nothing half-written, nothing carried over."""
    async with pool.acquire() as connection:
        transaction = connection.transaction()
        await transaction.start()
        await connection.execute("insert into organizations (id, name) values ('org_left_open', 'Left open')")
        # given back without commit or rollback (a cancelled request)
    for _ in range(4):  # whichever pooled connection comes next
        async with pool.acquire() as connection:
            assert not connection.is_in_transaction()
            assert (
                await connection.fetchval("select count(*) from organizations where id = 'org_left_open'")
                == 0
            )
