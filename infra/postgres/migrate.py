"""Numbered SQL migrations, applied in order under an advisory lock, each in its own transaction."""

from __future__ import annotations

import logging
import re
from importlib import resources

import asyncpg
import msgspec

logger = logging.getLogger(__name__)

# Any fixed 64-bit number works; it only has to be the same in every process of this service.
_LOCK_KEY = 0x6167_656E_7461_7373  # "agentass"
_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class Migration(msgspec.Struct, frozen=True):
    version: int
    name: str
    sql: str


def available() -> list[Migration]:
    folder = resources.files("infra.postgres").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _FILE.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


async def migrate(connection: asyncpg.Connection) -> list[int]:
    """Apply every migration not yet recorded; returns the versions applied by this call."""
    applied_now: list[int] = []
    await connection.execute("select pg_advisory_lock($1)", _LOCK_KEY)
    try:
        await connection.execute(
            """
            create table if not exists schema_migrations (
                version    integer primary key,
                name       text not null,
                applied_at timestamptz not null default now()
            )
            """
        )
        done = {row["version"] for row in await connection.fetch("select version from schema_migrations")}
        for migration in available():
            if migration.version in done:
                continue
            async with connection.transaction():
                await connection.execute(migration.sql)
                await connection.execute(
                    "insert into schema_migrations (version, name) values ($1, $2)",
                    migration.version,
                    migration.name,
                )
            logger.info("applied migration %04d_%s", migration.version, migration.name)
            applied_now.append(migration.version)
    finally:
        await connection.execute("select pg_advisory_unlock($1)", _LOCK_KEY)
    return applied_now
