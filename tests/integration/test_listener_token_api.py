"""POST /core/conversations/{id}/listener-token: status codes and the token's grants (seed 001).

What the token can and cannot do in a room is proven against a real livekit-server in tests/e2e.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from infra.settings import Settings
from tests.conftest import Tenant

pytestmark = pytest.mark.integration


@pytest.fixture
async def lk_client(database_url: str, tmp_path: Path) -> Any:
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        livekit_url="ws://127.0.0.1:7880",
        livekit_api_key="devkey",
        livekit_api_secret="a-secret-of-at-least-thirty-two-characters",
        listener_token_ttl_s=300,
    )
    async with AsyncTestClient(app=create_app(settings)) as client:
        yield client


def claims(jwt: str) -> dict[str, Any]:
    payload = jwt.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return decoded


async def create(client: AsyncTestClient[Any], tenant: Tenant, **extra: Any) -> str:
    body = {"user_id": "+15551234567", "room_name": "room-1", **extra}
    response = await client.post("/core/conversations", json=body, headers=tenant.auth())
    assert response.status_code == 201, response.text
    conversation_id: str = response.json()["id"]
    return conversation_id


async def test_token_is_listen_only_hidden_and_short_lived(
    lk_client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    conversation_id = await create(lk_client, tenant)
    response = await lk_client.post(
        f"/core/conversations/{conversation_id}/listener-token", headers=tenant.auth("supervisor")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"url", "token", "room_name", "expires_at"}
    assert body["room_name"] == "room-1"
    grant = claims(body["token"])
    video = grant["video"]
    assert video["roomJoin"] is True and video["room"] == "room-1"
    assert video["canSubscribe"] is True
    assert video["canPublish"] is False and video["canPublishData"] is False
    assert video["hidden"] is True
    assert grant["exp"] - grant["nbf"] == 300
    assert "5551234567" not in grant["sub"] and "5551234567" not in json.dumps(grant)


async def test_agents_with_read_sensitive_may_listen_but_viewers_may_not(
    lk_client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    conversation_id = await create(lk_client, tenant)
    url = f"/core/conversations/{conversation_id}/listener-token"
    assert (await lk_client.post(url, headers=tenant.auth("agent"))).status_code == 200
    assert (await lk_client.post(url, headers=tenant.auth("viewer"))).status_code == 403
    assert (await lk_client.post(url, headers=tenant.auth("integration"))).status_code == 403


@pytest.mark.parametrize(
    "status", ["completed", "failed", "cancelled", "transferred", "unanswered", "token_created"]
)
async def test_not_active_is_409(lk_client: AsyncTestClient[Any], tenant: Tenant, status: str) -> None:
    conversation_id = await create(lk_client, tenant, status=status)
    response = await lk_client.post(
        f"/core/conversations/{conversation_id}/listener-token", headers=tenant.auth()
    )
    assert response.status_code == 409
    assert status in response.json()["detail"]


@pytest.mark.parametrize("status", ["triggered", "ringing", "in_progress"])
async def test_active_statuses_get_a_token(
    lk_client: AsyncTestClient[Any], tenant: Tenant, status: str
) -> None:
    conversation_id = await create(lk_client, tenant, status=status)
    response = await lk_client.post(
        f"/core/conversations/{conversation_id}/listener-token", headers=tenant.auth()
    )
    assert response.status_code == 200


async def test_unknown_roomless_or_foreign_conversation_is_404(
    lk_client: AsyncTestClient[Any], tenant: Tenant, other_tenant: Tenant
) -> None:
    assert (
        await lk_client.post("/core/conversations/conv_x/listener-token", headers=tenant.auth())
    ).status_code == 404
    roomless = await create(lk_client, tenant, room_name=None)
    response = await lk_client.post(f"/core/conversations/{roomless}/listener-token", headers=tenant.auth())
    assert response.status_code == 404
    theirs = await create(lk_client, other_tenant, room_name="room-2")
    response = await lk_client.post(f"/core/conversations/{theirs}/listener-token", headers=tenant.auth())
    assert response.status_code == 404


async def test_without_livekit_configured_it_is_503(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    conversation_id = await create(client, tenant)
    response = await client.post(
        f"/core/conversations/{conversation_id}/listener-token", headers=tenant.auth()
    )
    assert response.status_code == 503
    assert "LIVEKIT_URL" in response.json()["detail"]
