"""The handoff page over HTTP on a real PostgreSQL: signed links, every section, refusals, live updates."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import stat
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import msgspec
import pytest
import uvicorn
from litestar.testing import AsyncTestClient

from api.app import create_app
from domain.links import sign_link
from infra.link_secret import link_secret
from infra.postgres.notifications import PostgresChangeListener
from infra.settings import Settings
from tests.conftest import Tenant

pytestmark = pytest.mark.integration

SECRET = "integration-link-secret"
PHONE = "+15551234567"
NO_CACHE = {"cache-control": "no-store, private", "pragma": "no-cache", "referrer-policy": "no-referrer"}
TURNS = [
    ("assistant", "Thanks for calling. This call may be recorded. How can I help?"),
    ("user", "Hi, my name is Maria Gonzalez. I was charged twice, $84.20 both times."),
    ("assistant", "I'm sorry. Can you give me your account number?"),
    ("user", "It's account number 88123-4471."),
    ("assistant", "Thank you, I've verified your account. I will make sure the duplicate is flagged today."),
    ("user", "I already told you twice, this is ridiculous. I want to speak to a manager right now."),
]


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        data_dir=tmp_path / "data",
        pool_min_size=1,
        pool_max_size=5,
        link_secret=SECRET,
    )


async def start_call(client: AsyncTestClient[Any], tenant: Tenant, **extra: Any) -> str:
    body = {
        "user_id": "+1 (555) 123-4567",
        "status": "in_progress",
        "custom_metadata": {"caller_name": "Maria Gonzalez"},
        "conversation": {
            "turns": [{"segment_id": f"s{i}", "role": r, "content": c} for i, (r, c) in enumerate(TURNS)]
        },
        **extra,
    }
    response = await client.post("/core/conversations", json=body, headers=tenant.auth())
    assert response.status_code == 201, response.text
    conversation_id: str = response.json()["id"]
    return conversation_id


def signed(org_id: str, phone: str = PHONE, *, ttl_s: int = 900, now: int | None = None) -> str:
    now = int(time.time()) if now is None else now
    return sign_link(SECRET.encode(), org_id, phone, now=now, ttl_s=ttl_s).token


def assert_private(response: Any) -> None:
    for name, value in NO_CACHE.items():
        assert response.headers[name] == value, name
    policy = response.headers["content-security-policy"]
    assert (
        "default-src 'none'" in policy
        and "script-src 'self'" in policy
        and "frame-ancestors 'none'" in policy
    )


async def test_an_agent_key_gets_an_absolute_short_lived_link_to_the_page(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    await start_call(client, tenant)
    response = await client.post("/core/agent-assist/555-123-4567/link", headers=tenant.auth("agent"))
    assert response.status_code == 200, response.text
    body = response.json()
    url = urlsplit(body["url"])
    assert url.scheme == "http" and url.netloc
    assert url.path == f"/agent-assist/{PHONE}" and url.query.startswith("t=v1.")
    expires = datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert 880 <= (expires - datetime.now(UTC)).total_seconds() <= 900
    page = await client.get(f"{url.path}?{url.query}")
    assert page.status_code == 200
    assert "Maria Gonzalez" in page.text


async def test_behind_a_proxy_the_link_uses_the_public_url_not_the_request_host(
    settings: Settings, tenant: Tenant
) -> None:
    from api.app import create_app

    public = msgspec.structs.replace(settings, public_url="https://brief.example.com")
    async with AsyncTestClient(app=create_app(public)) as client:
        await start_call(client, tenant)
        response = await client.post(
            f"/core/agent-assist/{PHONE}/link", headers={**tenant.auth("agent"), "Host": "internal:8000"}
        )
    assert response.status_code == 200, response.text
    assert response.json()["url"].startswith(f"https://brief.example.com/agent-assist/{PHONE}?t=v1.")


async def test_the_link_needs_read_sensitive_and_a_conversation(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    await start_call(client, tenant)
    assert (await client.post(f"/core/agent-assist/{PHONE}/link")).status_code == 401
    viewer = await client.post(f"/core/agent-assist/{PHONE}/link", headers=tenant.auth("viewer"))
    assert viewer.status_code == 403 and "read_sensitive" in viewer.json()["detail"]
    unknown = await client.post("/core/agent-assist/+15550001111/link", headers=tenant.auth("agent"))
    assert unknown.status_code == 404
    not_a_number = await client.post("/core/agent-assist/nope/link", headers=tenant.auth("agent"))
    assert not_a_number.status_code == 422


async def test_the_page_shows_every_section_of_the_brief_and_is_never_cached(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    await start_call(client, tenant)
    response = await client.get(f"/agent-assist/{PHONE}", params={"t": signed(tenant.org_id)})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert_private(response)
    html = response.text
    assert '<h1 id="caller-name" dir="auto" title="Maria Gonzalez">Maria Gonzalez</h1>' in html
    for heading in (
        "Transfer reason",
        "Compliance flags",
        "Summary",
        "Next steps",
        "Information collected",
        "Caller sentiment",
        "Transcript",
    ):
        assert f">{heading}" in html, heading
    assert 'class="badge level-' in html  # the level is written out, not only coloured
    assert "confidence</span>" in html
    assert '<table class="info">' in html and "Account number" in html
    assert 'id="turn-5"' in html and 'class="marker marker-' in html
    assert '<svg class="chart"' in html and "<polyline" in html
    assert "Live call" in html and "/events?t=" in html
    # Only h1 then h2s: the heading order a screen reader walks.
    levels = [html[i + 2] for i in range(len(html)) if html.startswith("<h", i) and html[i + 2].isdigit()]
    assert levels[0] == "1" and set(levels[1:]) == {"2"}


async def test_refusals_are_readable_pages_without_a_trace(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    await start_call(client, tenant)
    expired = await client.get(
        f"/agent-assist/{PHONE}", params={"t": signed(tenant.org_id, now=int(time.time()) - 1000)}
    )
    assert expired.status_code == 401 and "This link has expired" in expired.text
    tampered_token = signed(tenant.org_id)[:-2] + "xx"
    tampered = await client.get(f"/agent-assist/{PHONE}", params={"t": tampered_token})
    assert tampered.status_code == 403 and "This link is not valid" in tampered.text
    other_number = await client.get("/agent-assist/+15557654321", params={"t": signed(tenant.org_id)})
    assert other_number.status_code == 403
    missing = await client.get(f"/agent-assist/{PHONE}")
    assert missing.status_code == 401 and "opens from a link" in missing.text
    for response in (expired, tampered, other_number, missing):
        assert response.headers["content-type"].startswith("text/html")
        assert "Traceback" not in response.text and "Maria" not in response.text
        assert_private(response)


async def test_a_number_without_a_conversation_shows_not_found(
    client: AsyncTestClient[Any], tenant: Tenant, other_tenant: Tenant
) -> None:
    await start_call(client, tenant)
    unknown = await client.get(
        "/agent-assist/+15550001111", params={"t": signed(tenant.org_id, "+15550001111")}
    )
    assert unknown.status_code == 404 and "Not Found" in unknown.text
    # Another organization's valid link for the same number finds nothing: the call is not theirs.
    foreign = await client.get(f"/agent-assist/{PHONE}", params={"t": signed(other_tenant.org_id)})
    assert foreign.status_code == 404 and "Maria" not in foreign.text


async def test_the_events_endpoint_refuses_bad_links(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    await start_call(client, tenant)
    response = await client.get(f"/agent-assist/{PHONE}/events", params={"t": "v1.nope"})
    assert response.status_code == 403
    assert_private(response)


async def test_without_a_configured_secret_each_data_dir_gets_a_private_one(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    first = link_secret(settings)
    path = tmp_path / "data" / "link-secret"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert link_secret(settings) == first and len(first) >= 32
    assert link_secret(msgspec.structs.replace(settings, link_secret="configured")) == b"configured"


# Live updates, across processes: page in one app, writes through another, PostgreSQL NOTIFY in between.


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[str]:
    """The app on a real socket (the test client buffers whole responses, so it cannot read a stream)."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_level="warning", lifespan="on", ws="none"
        )
    )
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def next_event(lines: AsyncIterator[str], name: str) -> str:
    """The data of the next event called `name` (other events and keepalive comments are skipped)."""
    event, data = None, []
    async for line in lines:
        if line.startswith("event: "):
            event = line[len("event: ") :]
        elif line.startswith("data: "):
            data.append(line[len("data: ") :])
        elif line == "":
            if event == name:
                return "\n".join(data)
            event, data = None, []
    raise AssertionError(f"the stream ended before a {name!r} event")


async def test_a_turn_written_through_another_process_reaches_the_open_page(
    client: AsyncTestClient[Any], tenant: Tenant, settings: Settings
) -> None:
    conversation_id = await start_call(client, tenant)
    async with serving(settings) as base, httpx.AsyncClient(base_url=base, timeout=20) as http:
        url = f"/agent-assist/{PHONE}/events"
        async with http.stream("GET", url, params={"t": signed(tenant.org_id)}) as stream:
            assert stream.status_code == 200
            assert stream.headers["content-type"].startswith("text/event-stream")
            assert_private(stream)
            lines = stream.aiter_lines()
            renewed = await next_event(lines, "token")
            assert renewed.startswith("v1." + tenant.org_id)
            first = await next_event(lines, "brief")
            assert "Maria Gonzalez" in first and "<!doctype" not in first

            appended = await client.post(
                f"/core/conversations/{conversation_id}/turns",
                json={"turns": [{"segment_id": "s9", "role": "user", "content": "Hello? Is anyone there?"}]},
                headers=tenant.auth(),
            )
            assert appended.status_code in (200, 201), appended.text
            update = await asyncio.wait_for(next_event(lines, "brief"), timeout=10)
            assert "Hello? Is anyone there?" in update

            ended = await client.patch(
                f"/core/conversations/{conversation_id}",
                json={"status": "transferred"},
                headers=tenant.auth(),
            )
            assert ended.status_code == 200
            final = await asyncio.wait_for(next_event(lines, "brief"), timeout=10)
            assert "Transferred" in final
            assert await asyncio.wait_for(next_event(lines, "ended"), timeout=10) == "transferred"


async def test_a_call_not_started_yet_is_followed_until_it_starts(
    client: AsyncTestClient[Any], tenant: Tenant, settings: Settings
) -> None:
    conversation_id = await start_call(client, tenant, status="token_created")
    page = await client.get(f"/agent-assist/{PHONE}", params={"t": signed(tenant.org_id)})
    assert page.status_code == 200
    assert "Call has ended" not in page.text and 'data-live="true"' in page.text
    async with serving(settings) as base, httpx.AsyncClient(base_url=base, timeout=20) as http:
        url = f"/agent-assist/{PHONE}/events"
        async with http.stream("GET", url, params={"t": signed(tenant.org_id)}) as stream:
            lines = stream.aiter_lines()
            await next_event(lines, "brief")
            started = await client.patch(
                f"/core/conversations/{conversation_id}",
                json={"status": "in_progress"},
                headers=tenant.auth(),
            )
            assert started.status_code == 200
            update = await asyncio.wait_for(next_event(lines, "brief"), timeout=10)
            assert 'data-live="true"' in update  # the call's badge turned live on the open page


async def test_the_listener_reconnects_and_wakes_its_subscribers(database_url: str, pool: Any) -> None:
    listener = PostgresChangeListener(database_url, health_check_s=0.2)
    await listener.start()
    try:
        async with listener.subscribe("conv_x") as changes:
            await pool.execute("select pg_notify('conversation_changed', 'conv_x')")
            assert await changes.wait(5)
            await pool.execute("select pg_notify('conversation_changed', 'conv_other')")
            assert not await changes.wait(0.3)
            # Drop the listening connection from the server side: the listener comes back and says
            # "look again", since changes may have happened while it was away.
            await pool.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity "
                "where application_name = 'agent-assist-listener'"
            )
            assert await changes.wait(10)
            await pool.execute("select pg_notify('conversation_changed', 'conv_x')")
            assert await changes.wait(5)
        assert listener.subscriber_count == 0
    finally:
        await listener.aclose()
