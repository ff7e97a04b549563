"""Transfer notices: a call handed to a human posts the brief's gist and a working page link."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from litestar.testing import AsyncTestClient

from api.app import create_app
from infra.settings import Settings
from tests.conftest import Tenant

pytestmark = pytest.mark.integration

SECRET = "notice-secret"


class Receiver:
    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.fail_first = 0
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        if self.fail_first > 0:
            self.fail_first -= 1
            return web.Response(status=503)
        self.received.append((dict(request.headers), await request.read()))
        return web.Response(status=204)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    target = Receiver()
    app = web.Application()
    app.router.add_post("/hook", target.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    target.url = f"http://127.0.0.1:{port}/hook"
    yield target
    await runner.cleanup()


@pytest.fixture
async def notify_client(
    database_url: str, tmp_path: Path, receiver: Receiver
) -> AsyncIterator[AsyncTestClient[Any]]:
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        notify_urls=(receiver.url,),
        notify_secret=SECRET,
        link_secret="link-secret-for-tests",
    )
    async with AsyncTestClient(app=create_app(settings)) as client:
        yield client


async def until(check: Any, timeout: float = 10) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)


async def test_handoff_initiated_posts_a_signed_notice_with_a_working_link(
    notify_client: AsyncTestClient[Any], tenant: Tenant, receiver: Receiver
) -> None:
    receiver.fail_first = 1  # the first delivery attempt meets a 503 and is retried
    body = {
        "user_id": "+15551237777",
        "custom_metadata": {"caller_name": "Ana Ruiz"},
        "conversation": {
            "turns": [
                {"role": "assistant", "content": "Thanks for calling, this call may be recorded."},
                {"role": "user", "content": "I was billed twice. I want to talk to a real person now!"},
            ]
        },
    }
    created = (await notify_client.post("/core/conversations", json=body, headers=tenant.auth())).json()
    url = f"/core/conversations/{created['id']}"
    response = await notify_client.patch(
        url, json={"handoff_state": "handoff_initiated"}, headers=tenant.auth()
    )
    assert response.status_code == 200
    await until(lambda: len(receiver.received) == 1)

    headers, raw = receiver.received[0]
    expected = "sha256=" + hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
    assert headers["X-Agent-Assist-Signature"] == expected
    notice = json.loads(raw)
    assert notice["event"] == "handoff.initiated"
    assert notice["conversation_id"] == created["id"]
    assert notice["caller_name"] == "Ana Ruiz"
    assert "human" in notice["transfer_reason"].lower()
    assert notice["brief_url"] in notice["text"]
    page = await notify_client.get(notice["brief_url"].removeprefix("http://testserver.local"))
    assert page.status_code == 200
    assert "Ana Ruiz" in page.text

    # the same transfer marked again, or completed, does not notify twice
    await notify_client.patch(url, json={"status": "transferred"}, headers=tenant.auth())
    await notify_client.patch(url, json={"handoff_state": "handoff_completed"}, headers=tenant.auth())
    await asyncio.sleep(0.5)
    assert len(receiver.received) == 1
    metrics = (await notify_client.get("/metrics")).text
    assert 'agent_assist_transfer_notices_total{outcome="delivered"} 1.0' in metrics


async def test_other_changes_do_not_notify(
    notify_client: AsyncTestClient[Any], tenant: Tenant, receiver: Receiver
) -> None:
    created = (
        await notify_client.post(
            "/core/conversations", json={"user_id": "+15551238888"}, headers=tenant.auth()
        )
    ).json()
    url = f"/core/conversations/{created['id']}"
    await notify_client.patch(
        url, json={"status": "completed", "handoff_state": "customer_refund"}, headers=tenant.auth()
    )
    await asyncio.sleep(0.5)
    assert receiver.received == []
