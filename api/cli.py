"""`agent-assist`: run the service or the observer, migrate, load demo data, manage organizations and tokens."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from api.cli_eval import add_parser as add_eval_parser
from api.cli_eval import bounded_int
from domain.auth import ROLES
from domain.errors import DomainError
from infra.settings import Settings, SettingsError


def _with_database(work: Callable[[Any], Awaitable[int]]) -> int:
    """Open the configured (or embedded) database, run `work(database)`, close it."""
    from infra.postgres.database import Database

    async def run() -> int:
        database = await Database.open(Settings.from_env())
        try:
            return await work(database)
        finally:
            await database.close()

    return asyncio.run(run())


# Open portal event streams reconnect on their own; a deploy should not wait on them for long.
GRACEFUL_SHUTDOWN_S = 5


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = Settings.from_env()
    host = args.host or settings.host
    port = args.port if args.port is not None else settings.port
    if args.demo:
        from api.demo import load_demo

        _with_database(lambda db: load_demo(db.pool, base_url=f"http://{host}:{port}"))
    if args.workers > 1:
        uvicorn.run(
            "api.app:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=args.workers,
            loop="uvloop",
            http="httptools",
            access_log=False,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        )
        return 0
    from api.app import create_app

    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        loop="uvloop",
        http="httptools",
        access_log=args.access_log,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
    )
    return 0


def cmd_observe(_: argparse.Namespace) -> int:
    from observer.main import run

    return run(Settings.from_env())


def cmd_migrate(_: argparse.Namespace) -> int:
    """Opening the database applies pending migrations (under the advisory lock); then list what is applied."""

    async def report(database: Any) -> int:
        rows = await database.pool.fetch(
            "select version, name, applied_at from schema_migrations order by version"
        )
        for row in rows:
            print(f"{row['version']:04d}_{row['name']}  applied {row['applied_at']:%Y-%m-%d %H:%M:%S}")
        print("schema is current")
        return 0

    return _with_database(report)


def cmd_demo(args: argparse.Namespace) -> int:
    from api.demo import load_demo

    settings = Settings.from_env()
    return _with_database(
        lambda db: load_demo(db.pool, base_url=args.base_url or f"http://{settings.host}:{settings.port}")
    )


def cmd_org_create(args: argparse.Namespace) -> int:
    from infra.postgres.repositories import PostgresAccessStore

    async def work(database: Any) -> int:
        org = await PostgresAccessStore(database.pool).create_organization(args.name)
        print(org.id)
        return 0

    return _with_database(work)


def cmd_org_list(_: argparse.Namespace) -> int:
    from infra.postgres.repositories import PostgresAccessStore

    async def work(database: Any) -> int:
        for org in await PostgresAccessStore(database.pool).list_organizations():
            print(f"{org.id}\t{org.name}")
        return 0

    return _with_database(work)


def cmd_user_create(args: argparse.Namespace) -> int:
    from infra.postgres.repositories import PostgresAccessStore

    async def work(database: Any) -> int:
        user = await PostgresAccessStore(database.pool).create_user(args.email, args.name)
        print(user.id)
        return 0

    return _with_database(work)


def cmd_member_add(args: argparse.Namespace) -> int:
    from infra.postgres.repositories import PostgresAccessStore

    async def work(database: Any) -> int:
        await PostgresAccessStore(database.pool).add_member(args.org, args.user, args.role)
        print(f"{args.user} is {args.role} in {args.org}")
        return 0

    return _with_database(work)


def cmd_key_create(args: argparse.Namespace) -> int:
    from domain.access import issue_token
    from infra.postgres.repositories import PostgresAccessStore

    async def work(database: Any) -> int:
        store = PostgresAccessStore(database.pool)
        if args.kind == "ak":
            token = await issue_token(store, "ak", name=args.name, organization_id=args.org, role=args.role)
        else:
            token = await issue_token(store, "pat", name=args.name, user_id=args.user)
        print(token.plaintext)
        print("(shown once: only its hash is stored)", file=sys.stderr)
        return 0

    return _with_database(work)


def _non_empty(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return text.strip()


def _email(text: str) -> str:
    local, at, domain = text.strip().partition("@")
    if not (local and at and "." in domain):
        raise argparse.ArgumentTypeError(f"expected an e-mail address, got {text!r}")
    return text.strip()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agent-assist", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log at INFO level")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the HTTP API (embedded PostgreSQL unless DATABASE_URL is set)")
    serve.add_argument("--host", help="listen address (default $HOST or 127.0.0.1)")
    serve.add_argument("--port", type=bounded_int(1, 65535), help="listen port (default $PORT or 8000)")
    serve.add_argument("--workers", type=bounded_int(1, 256), default=1, help="worker processes (default 1)")
    serve.add_argument("--demo", action="store_true", help="load the demo data first and print a key")
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.set_defaults(handler=cmd_serve)

    observe = sub.add_parser("observe", help="run the LiveKit observer worker")
    observe.set_defaults(handler=cmd_observe)

    migrate = sub.add_parser("migrate", help="apply pending database migrations and list them")
    migrate.set_defaults(handler=cmd_migrate)

    demo = sub.add_parser(
        "demo", help="load demo calls and print an API key with every scope and a curl line"
    )
    demo.add_argument("--base-url", help="base URL used in the printed curl line")
    demo.set_defaults(handler=cmd_demo)

    org = sub.add_parser("org", help="organizations").add_subparsers(dest="action", required=True)
    org_create = org.add_parser("create", help="create an organization and print its id")
    org_create.add_argument("name", type=_non_empty)
    org_create.set_defaults(handler=cmd_org_create)
    org.add_parser("list", help="list organizations").set_defaults(handler=cmd_org_list)

    user = sub.add_parser("user", help="users").add_subparsers(dest="action", required=True)
    user_create = user.add_parser("create", help="create a user and print its id")
    user_create.add_argument("email", type=_email)
    user_create.add_argument("--name")
    user_create.set_defaults(handler=cmd_user_create)

    member = sub.add_parser("member", help="memberships").add_subparsers(dest="action", required=True)
    member_add = member.add_parser("add", help="give a user a role in an organization")
    member_add.add_argument("--org", required=True)
    member_add.add_argument("--user", required=True)
    member_add.add_argument("--role", required=True, choices=ROLES)
    member_add.set_defaults(handler=cmd_member_add)

    key = sub.add_parser("key", help="tokens").add_subparsers(dest="action", required=True)
    key_create = key.add_parser("create", help="create an org API key (ak_) or a personal token (pat_)")
    key_create.add_argument("--kind", choices=("ak", "pat"), default="ak")
    key_create.add_argument("--org", help="organization id (API keys)")
    key_create.add_argument("--role", choices=ROLES, help="role (API keys)")
    key_create.add_argument("--user", help="user id (personal tokens)")
    key_create.add_argument("--name", default="cli", help="a label to recognise the token by")
    key_create.set_defaults(handler=cmd_key_create, command_parser=key_create)

    add_eval_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.handler is cmd_key_create:
        key_parser: argparse.ArgumentParser = args.command_parser
        if args.kind == "ak" and not (args.org and args.role):
            key_parser.error("an API key needs --org and --role")
        if args.kind == "ak" and args.user:
            key_parser.error("--user is for personal tokens (--kind pat); an API key belongs to --org")
        if args.kind == "pat" and not args.user:
            key_parser.error("a personal token needs --user")
        if args.kind == "pat" and (args.org or args.role):
            key_parser.error(
                "a personal token takes the user's role in each organization: drop --org / --role"
            )
    try:
        return int(args.handler(args))
    except SettingsError as exc:
        print(f"agent-assist: configuration error: {exc}", file=sys.stderr)
        return 2
    except DomainError as exc:  # an unknown organization or user, a duplicate e-mail, a bad value
        print(f"agent-assist: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        # The database refused the connection or the login, or the URL is not one: say so, not a traceback.
        if isinstance(exc, OSError) or type(exc).__module__.startswith("asyncpg"):
            print(f"agent-assist: cannot use the database: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        raise
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
