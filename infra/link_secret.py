"""The secret that signs handoff-page links: configured, or generated once per data directory."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from infra.settings import Settings

FILE_NAME = "link-secret"


def link_secret(settings: Settings) -> bytes:
    """AGENT_ASSIST_LINK_SECRET when set; otherwise `data_dir/link-secret`, created (mode 0600) on first use.

    The file only suits processes sharing one data directory (the embedded default); several hosts behind a
    load balancer must be given the same AGENT_ASSIST_LINK_SECRET.
    """
    if settings.link_secret:
        return settings.link_secret.encode()
    return _file_secret(settings.data_dir / FILE_NAME)


def _file_secret(path: Path) -> bytes:
    existing = _read(path)
    if existing:
        return existing
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written in full under a temporary name, then linked into place: a process racing us either wins the
    # link or reads a complete file, never an empty one.
    temporary = path.with_name(f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(48))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    secret = _read(path)
    if not secret:
        raise RuntimeError(f"{path} is empty: delete it to generate a new link secret")
    return secret


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes().strip() or None
    except FileNotFoundError:
        return None
