"""Conversation change notifications: one LISTEN connection per process, fanned out to in-process waiters."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import asyncpg

logger = logging.getLogger(__name__)

CHANNEL = "conversation_changed"
APPLICATION_NAME = "agent-assist-listener"


class ChangeSubscription:
    """One waiter's view of one conversation: `wait()` returns once it changed since the last call."""

    def __init__(self, conversation_id: str) -> None:
        self.conversation_id = conversation_id
        # Holds at most one pending "changed": repeated notifications before the waiter wakes fold into one.
        self._changed: asyncio.Queue[None] = asyncio.Queue(maxsize=1)

    def _signal(self) -> None:
        with contextlib.suppress(asyncio.QueueFull):
            self._changed.put_nowait(None)

    async def wait(self, within: float | None = None) -> bool:
        """True when the conversation changed, False when `within` seconds passed first."""
        try:
            await asyncio.wait_for(self._changed.get(), within)
        except TimeoutError:
            return False
        return True

    def drain(self) -> None:
        """Forget a pending change (the caller is about to read the current state anyway)."""
        with contextlib.suppress(asyncio.QueueEmpty):
            self._changed.get_nowait()


class PostgresChangeListener:
    """LISTENs on `conversation_changed` over a dedicated connection and wakes the subscribers of each id.

    The connection is re-opened when it drops; every subscriber is then woken once, because a change may
    have been missed while nobody was listening.
    """

    def __init__(
        self,
        dsn: str,
        *,
        channel: str = CHANNEL,
        health_check_s: float = 10.0,
        max_backoff_s: float = 5.0,
    ) -> None:
        self._dsn = dsn
        self._channel = channel
        self._health_check_s = health_check_s
        self._max_backoff_s = max_backoff_s
        self._subscribers: dict[str, set[ChangeSubscription]] = {}
        self._task: asyncio.Task[None] | None = None
        self._connection: Any = None
        self._lost = asyncio.Event()
        self.listening = asyncio.Event()

    async def start(self) -> None:
        """Start listening in the background; returns once the first LISTEN is in place (or failed once)."""
        if self._task is not None:
            return
        self._task = asyncio.create_task(self._run(), name="conversation-change-listener")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.listening.wait(), timeout=10)

    async def aclose(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._close_connection()
        for subscribers in list(self._subscribers.values()):
            for subscription in subscribers:
                subscription._signal()

    @contextlib.asynccontextmanager
    async def subscribe(self, conversation_id: str) -> AsyncIterator[ChangeSubscription]:
        subscription = ChangeSubscription(conversation_id)
        self._subscribers.setdefault(conversation_id, set()).add(subscription)
        try:
            yield subscription
        finally:
            subscribers = self._subscribers.get(conversation_id)
            if subscribers is not None:
                subscribers.discard(subscription)
                if not subscribers:
                    del self._subscribers[conversation_id]

    @property
    def subscriber_count(self) -> int:
        return sum(len(s) for s in self._subscribers.values())

    def _notify(self, conversation_id: str) -> None:
        for subscription in self._subscribers.get(conversation_id, ()):
            subscription._signal()

    def _on_notification(self, _connection: Any, _pid: int, _channel: str, payload: object) -> None:
        self._notify(str(payload))

    def _on_termination(self, _connection: Any) -> None:
        self._lost.set()

    async def _run(self) -> None:
        backoff = 0.2
        first = True
        while True:
            try:
                await self._listen()
                if not first:
                    # Whatever happened while we were disconnected, the pages should look again.
                    for conversation_id in list(self._subscribers):
                        self._notify(conversation_id)
                first = False
                backoff = 0.2
                self.listening.set()
                await self._watch()
                logger.warning("lost the %s listener connection; reconnecting", self._channel)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.warning("%s listener: %s; retrying in %.1fs", self._channel, exc, backoff)
                self.listening.set()  # start() must not wait forever on a database that is down
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self._max_backoff_s)
            await self._close_connection()

    async def _listen(self) -> None:
        self._lost.clear()
        # Named, so an operator can tell it apart in pg_stat_activity.
        connection = await asyncpg.connect(self._dsn, server_settings={"application_name": APPLICATION_NAME})
        self._connection = connection
        connection.add_termination_listener(self._on_termination)
        await connection.add_listener(self._channel, self._on_notification)

    async def _watch(self) -> None:
        """Returns when the connection is gone: closed by the server, or not answering a periodic ping."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._lost.wait(), timeout=self._health_check_s)
            if self._lost.is_set():
                return
            try:
                await asyncio.wait_for(self._connection.execute("select 1"), timeout=self._health_check_s)
            except Exception:
                return

    async def _close_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        connection.remove_termination_listener(self._on_termination)
        if connection.is_closed():
            return
        try:
            await asyncio.wait_for(connection.close(), timeout=2)
        except Exception:
            connection.terminate()
