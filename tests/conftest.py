"""Shared fixtures: one embedded PostgreSQL per test session, a migrated template, a fresh database per test."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import asyncpg
import msgspec
import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from domain.access import issue_token
from domain.auth import ROLES, Role
from infra.postgres.embedded import EmbeddedPostgres
from infra.postgres.migrate import migrate
from infra.postgres.pool import with_database
from infra.postgres.repositories import PostgresAccessStore
from infra.settings import Settings

TEMPLATE = "agent_assist_template"


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL for the session, with the schema migrated once into a template database."""
    server = EmbeddedPostgres(tmp_path_factory.mktemp("pg"))
    dsn = server.dsn()

    async def prepare() -> None:
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute(f'create database "{TEMPLATE}"')
        finally:
            await connection.close()
        connection = await asyncpg.connect(with_database(dsn, TEMPLATE))
        try:
            await migrate(connection)
        finally:
            await connection.close()

    # In a thread of its own: the first test to need the server may already be inside an event loop.
    with ThreadPoolExecutor(1) as executor:
        executor.submit(asyncio.run, prepare()).result()
    yield dsn
    server.stop()


@pytest.fixture
async def database_url(postgres_server: str) -> AsyncIterator[str]:
    """A fresh, migrated database for one test (a copy of the template), dropped afterwards."""
    name = f"test_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(postgres_server)
    try:
        await admin.execute(f'create database "{name}" template "{TEMPLATE}"')
    finally:
        await admin.close()
    yield with_database(postgres_server, name)
    admin = await asyncpg.connect(postgres_server)
    try:
        await admin.execute(f'drop database if exists "{name}" with (force)')
    finally:
        await admin.close()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, data_dir=tmp_path / "data", pool_min_size=1, pool_max_size=5)


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[AsyncTestClient[Any]]:
    async with AsyncTestClient(app=create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
async def pool(database_url: str) -> AsyncIterator[asyncpg.Pool]:
    from infra.postgres.pool import create_pool

    created = await create_pool(database_url, min_size=1, max_size=4)
    yield created
    await created.close()


class Tenant(msgspec.Struct, kw_only=True):
    """An organization with an API key per role and a member with a personal token."""

    org_id: str
    keys: dict[str, str]
    user_id: str
    pat: str

    def auth(self, role: Role = "admin") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[role]}"}

    def pat_auth(self, org: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.pat}", "X-Anyreach-Org": org or self.org_id}


async def make_tenant(pool: asyncpg.Pool, name: str, member_role: Role = "agent") -> Tenant:
    store = PostgresAccessStore(pool)
    org = await store.create_organization(name)
    keys = {}
    for role in ROLES:
        token = await issue_token(store, "ak", name=f"{role} key", organization_id=org.id, role=role)
        keys[role] = token.plaintext
    user = await store.create_user(f"{secrets.token_hex(4)}@{name.lower().replace(' ', '-')}.example")
    await store.add_member(org.id, user.id, member_role)
    pat = await issue_token(store, "pat", name="laptop", user_id=user.id)
    return Tenant(org_id=org.id, keys=keys, user_id=user.id, pat=pat.plaintext)


@pytest.fixture
async def tenant(pool: asyncpg.Pool) -> Tenant:
    return await make_tenant(pool, "Acme Support")


@pytest.fixture
async def other_tenant(pool: asyncpg.Pool) -> Tenant:
    return await make_tenant(pool, "Globex Care")
