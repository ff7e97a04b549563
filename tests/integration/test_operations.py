"""Health, readiness, metrics, OpenAPI, and the schema that migrations build."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from infra.postgres.migrate import available, migrate
from infra.postgres.pool import with_database
from infra.settings import Settings
from tests.conftest import Tenant

pytestmark = pytest.mark.integration


async def test_health_and_ready(client: AsyncTestClient[Any]) -> None:
    assert (await client.get("/health")).json() == {"status": "ok"}
    ready = await client.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok"


async def test_ready_is_503_when_the_database_is_gone(
    settings: Settings, postgres_server: str, database_url: str
) -> None:
    from api.app import create_app

    async with AsyncTestClient(app=create_app(settings)) as client:
        admin = await asyncpg.connect(postgres_server)
        try:
            name = urlsplit(database_url).path.lstrip("/")
            await admin.execute(f'alter database "{name}" allow_connections false')
            await admin.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", name
            )
            for _ in range(200):  # termination is a signal: wait until the backends are really gone
                if not await admin.fetchval("select count(*) from pg_stat_activity where datname = $1", name):
                    break
                await asyncio.sleep(0.01)
            response = await client.get("/ready")
            assert response.status_code == 503
            assert response.json()["status"] == "unavailable"
            await admin.execute(f'alter database "{name}" allow_connections true')
            again = await client.get("/ready")
            assert again.status_code == 200, again.text
        finally:
            await admin.close()


async def test_metrics_count_requests_by_route(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    await client.get("/core/conversations/conv_a", headers=tenant.auth())
    await client.get("/core/conversations/conv_b", headers=tenant.auth())
    text = (await client.get("/metrics")).text
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
