"""The asyncpg pool: jsonb decoded with msgspec, and the database created on first use."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import msgspec

_json_encode = msgspec.json.Encoder().encode
_json_decode = msgspec.json.Decoder().decode


async def _init_connection(connection: asyncpg.Connection) -> None:
    await connection.set_type_codec(
        "jsonb",
        schema="pg_catalog",
        encoder=lambda value: _json_encode(value).decode(),
        decoder=_json_decode,
        format="text",
    )


async def _keep_session(connection: asyncpg.Connection) -> None:
    """The pool's release hook, in place of asyncpg's default `RESET ALL; UNLISTEN *; CLOSE ALL;
    pg_advisory_unlock_all()` round trip: pool connections never take session state (no SET, LISTEN, cursor
    outside a transaction or advisory lock; migrations and the LISTEN connection are dedicated connections).
    asyncpg still rolls back a transaction left open before calling it. Saves ~0.1 ms of client and server
    time on every query made through the pool."""


async def create_pool(dsn: str, *, min_size: int = 2, max_size: int = 10) -> asyncpg.Pool:
    pool: asyncpg.Pool = await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        reset=_keep_session,
        command_timeout=30,
    )
    return pool


# The server dropped the connection, is shutting down or starting up, or has no room for another session.
_LOST = (
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.InsufficientResourcesError,
)
_ASYNCPG = Path(asyncpg.__file__).parent


def unavailable(exc: BaseException) -> bool:
    """Whether `exc` means the database cannot be reached right now (so a retry may succeed), as opposed to it
    rejecting a query: a lost or refused connection, a network error or timeout inside asyncpg, or any error
    PostgreSQL sent while a new connection was being opened ("not accepting connections", a failed login)."""
    if isinstance(exc, _LOST):
        return True
    files = []
    tb = exc.__traceback__
    while tb is not None:
        files.append(Path(tb.tb_frame.f_code.co_filename))
        tb = tb.tb_next
    if isinstance(exc, OSError):  # TimeoutError and ConnectionRefusedError among them
        return any(f.is_relative_to(_ASYNCPG) for f in files)
    return isinstance(exc, asyncpg.PostgresError) and _ASYNCPG / "connect_utils.py" in files


# SQLSTATE class 22 ("data exception"): a value PostgreSQL cannot store, so the input was at fault.
_DATA_ERRORS = {
    "22021": "text must not contain the NUL character (\\u0000)",  # invalid byte sequence: NUL in a string
    "22P05": "text must not contain the NUL character (\\u0000)",  # untranslatable character: NUL in JSON
    "22008": "a date or time is out of range",
    "22007": "a date or time is out of range",
    "22003": "a number is out of range",
    "22001": "a value is too long",
}


def rejected_input(exc: BaseException) -> str | None:
    """What was wrong with a value when PostgreSQL refused to store it (SQLSTATE class 22), else None."""
    if isinstance(exc, asyncpg.DataError):
        code = str(getattr(exc, "sqlstate", "") or "")
        return _DATA_ERRORS.get(code, f"a value cannot be stored (SQLSTATE {code})")
    return None


def with_database(dsn: str, database: str) -> str:
    """The same server URL pointing at another database."""
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path="/" + database))


async def ensure_database(server_dsn: str, database: str) -> None:
    """Create `database` on the server unless it exists; safe when several processes race to do it."""
    connection: Any = await asyncpg.connect(server_dsn)
    try:
        exists = await connection.fetchval("select 1 from pg_database where datname = $1", database)
        if not exists:
            # Another process may create it between the check and here; that is as good as creating it.
            with contextlib.suppress(asyncpg.DuplicateDatabaseError, asyncpg.UniqueViolationError):
                await connection.execute(f'create database "{database}"')
    finally:
        await connection.close()
