"""Transfer notices to webhook URLs (a ticketing system, a Slack or Teams incoming webhook), in the background."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
from collections.abc import Callable

import httpx
import msgspec

from domain.handoff import HandoffNotice

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Agent-Assist-Signature"
_encode = msgspec.json.Encoder().encode


class WebhookNotifier:
    """POSTs each notice as JSON to every URL; retries a failed delivery (network error or 5xx) a few
    times with backoff, gives up on 4xx. With a secret, signs the body: `sha256=<hex HMAC of the body>`.

    Deliveries are tasks this object owns: `aclose()` gives them a moment to finish, then cancels them.
    """

    def __init__(
        self,
        urls: tuple[str, ...],
        *,
        secret: str | None,
        timeout_s: float = 5.0,
        attempts: int = 3,
        backoff_s: float = 0.5,
        on_outcome: Callable[[str], None] | None = None,
    ) -> None:
        self._urls = urls
        self._secret = secret.encode() if secret else None
        self._attempts = attempts
        self._backoff_s = backoff_s
        self._on_outcome = on_outcome or (lambda _: None)
        self._client = httpx.AsyncClient(timeout=timeout_s)
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(self, notice: HandoffNotice) -> None:
        body = _encode(notice)
        headers = {"Content-Type": "application/json", "User-Agent": "agent-assist"}
        if self._secret is not None:
            digest = hmac.new(self._secret, body, hashlib.sha256).hexdigest()
            headers[SIGNATURE_HEADER] = f"sha256={digest}"
        for url in self._urls:
            task = asyncio.create_task(self._deliver(url, body, headers), name=f"notify {url}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _deliver(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        for attempt in range(1, self._attempts + 1):
            try:
                response = await self._client.post(url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}"
            else:
                if response.status_code < 400:
                    self._on_outcome("delivered")
                    return
                problem = f"HTTP {response.status_code}"
                if response.status_code < 500:
                    break  # the receiver rejects this notice; sending it again will not help
            if attempt < self._attempts:
                await asyncio.sleep(self._backoff_s * 2 ** (attempt - 1))
        logger.warning("transfer notice to %s not delivered: %s", url, problem)
        self._on_outcome("failed")

    async def aclose(self, grace_s: float = 3.0) -> None:
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=grace_s)
            for task in pending:
                task.cancel()
            for task in pending:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await self._client.aclose()
