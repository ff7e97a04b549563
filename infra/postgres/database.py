"""Opening the database a process uses: the configured server or the embedded one, migrated, pooled."""

from __future__ import annotations

import asyncio
import logging

import asyncpg

from infra.postgres.embedded import EmbeddedPostgres
from infra.postgres.migrate import migrate
from infra.postgres.pool import create_pool, ensure_database, with_database
from infra.settings import Settings

logger = logging.getLogger(__name__)


class Database:
    """The pool plus, when DATABASE_URL is unset, this process's handle on the embedded server."""

    def __init__(self, pool: asyncpg.Pool, dsn: str, embedded: EmbeddedPostgres | None) -> None:
        self.pool = pool
        self.dsn = dsn
        self._embedded = embedded

    @classmethod
    async def open(cls, settings: Settings, *, apply_migrations: bool = True) -> Database:
        dsn, embedded = await resolve_dsn(settings)
        try:
            if apply_migrations:
                connection = await asyncpg.connect(dsn)
                try:
                    await migrate(connection)
                finally:
                    await connection.close()
            pool = await create_pool(dsn, min_size=settings.pool_min_size, max_size=settings.pool_max_size)
        except BaseException:
            if embedded is not None:
                await asyncio.to_thread(embedded.stop)
            raise
        return cls(pool, dsn, embedded)

    async def close(self) -> None:
        await self.pool.close()
        if self._embedded is not None:
            await asyncio.to_thread(self._embedded.stop)
            self._embedded = None


async def resolve_dsn(settings: Settings) -> tuple[str, EmbeddedPostgres | None]:
    """The URL to connect to; starts (or attaches to) the embedded server when none is configured."""
    if settings.database_url:
        return settings.database_url, None
    embedded = await asyncio.to_thread(EmbeddedPostgres, settings.data_dir)
    server = embedded.dsn()
    await ensure_database(server, settings.database_name)
    return with_database(server, settings.database_name), embedded
