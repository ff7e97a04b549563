"""POST /livekit/webhook: signature checks and what room events do to conversations."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from livekit import api

from api.app import create_app
from infra.settings import Settings
from tests.conftest import Tenant

pytestmark = pytest.mark.integration

KEY = "hook-key"
SECRET = "hook-secret-0123456789abcdefghijklmnop"


@pytest.fixture
async def hook_client(database_url: str, tmp_path: Path) -> Any:
    # LiveKit points at a closed port: dispatch fails, is logged, and is retried on a later event.
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        livekit_url="ws://127.0.0.1:9",
        livekit_api_key=KEY,
        livekit_api_secret=SECRET,
    )
    async with AsyncTestClient(app=create_app(settings)) as client:
        yield client


def signed(event: dict[str, Any], secret: str = SECRET) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(event).encode()
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    jwt = api.AccessToken(KEY, secret).with_sha256(digest).to_jwt()
    return body, {"Authorization": jwt, "Content-Type": "application/webhook+json"}


def joined(room: str, org: str, phone: str) -> dict[str, Any]:
    return {
        "event": "participant_joined",
        "room": {"name": room, "metadata": json.dumps({"organization_id": org})},
        "participant": {
            "identity": "sip_caller",
            "kind": "SIP",
            "attributes": {"sip.phoneNumber": phone, "sip.trunkPhoneNumber": "+15550100000"},
        },
    }


async def test_a_sip_caller_joining_creates_the_conversation_and_the_room_ending_completes_it(
    hook_client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    body, headers = signed(joined("room-a", tenant.org_id, "+1 415 555 0199"))
    response = await hook_client.post("/livekit/webhook", content=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["result"] == "in_progress"
    listing = (await hook_client.get("/core/conversations", headers=tenant.auth())).json()["items"]
    assert [(c["user_id"], c["status"], c["channel"], c["agent_number"]) for c in listing] == [
        ("+14155550199", "in_progress", "telephone", "+15550100000")
    ]
    # the same event again (LiveKit retries) changes nothing
    body, headers = signed(joined("room-a", tenant.org_id, "+1 415 555 0199"))
    await hook_client.post("/livekit/webhook", content=body, headers=headers)
    assert len((await hook_client.get("/core/conversations", headers=tenant.auth())).json()["items"]) == 1

    body, headers = signed({"event": "room_finished", "room": {"name": "room-a"}})
    assert (await hook_client.post("/livekit/webhook", content=body, headers=headers)).status_code == 200
    done = (await hook_client.get("/core/conversations", headers=tenant.auth())).json()["items"][0]
    assert done["status"] == "completed" and done["duration"] is not None


async def test_hidden_participants_and_agents_do_not_create_conversations(
    hook_client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    event = joined("room-b", tenant.org_id, "+14155550100")
    event["participant"] = {"identity": "monitor", "permission": {"hidden": True}}
    body, headers = signed(event)
    assert (await hook_client.post("/livekit/webhook", content=body, headers=headers)).json()[
        "result"
    ] == "ignored"
    event["participant"] = {"identity": "agent-1", "kind": "AGENT"}
    body, headers = signed(event)
    assert (await hook_client.post("/livekit/webhook", content=body, headers=headers)).json()[
        "result"
    ] == "ignored"
    assert (await hook_client.get("/core/conversations", headers=tenant.auth())).json()["items"] == []


async def test_a_room_without_an_organization_is_ignored(
    hook_client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    event = joined("room-c", tenant.org_id, "+14155550100")
    event["room"]["metadata"] = ""
    body, headers = signed(event)
    response = await hook_client.post("/livekit/webhook", content=body, headers=headers)
    assert response.json()["result"].startswith("ignored")


async def test_a_room_naming_an_unknown_organization_is_ignored(
    hook_client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    body, headers = signed(joined("room-d", "org_doesnotexist", "+14155550100"))
    response = await hook_client.post("/livekit/webhook", content=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["result"].startswith("ignored")
    started = {
        "event": "room_started",
        "room": {
            "name": "room-e",
            "metadata": json.dumps({"organization_id": "org_nope", "user_id": "+14155550100"}),
        },
    }
    body, headers = signed(started)
    response = await hook_client.post("/livekit/webhook", content=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["result"] == "waiting for a caller"


@pytest.mark.parametrize(
    ("named", "user_id", "channel"),
    [("555-010-9004", "+15550109004", "telephone"), ("web-user-7", "web-user-7", "webrtc")],
)
async def test_the_caller_a_room_names_is_normalized_like_every_caller(
    hook_client: AsyncTestClient[Any], tenant: Tenant, named: str, user_id: str, channel: str
) -> None:
    started = {
        "event": "room_started",
        "room": {
            "name": "room-f",
            "metadata": json.dumps({"organization_id": tenant.org_id, "user_id": named}),
        },
    }
    body, headers = signed(started)
    assert (await hook_client.post("/livekit/webhook", content=body, headers=headers)).status_code == 200
    listing = (await hook_client.get("/core/conversations", headers=tenant.auth())).json()["items"]
    assert [(c["user_id"], c["channel"], c["status"]) for c in listing] == [(user_id, channel, "triggered")]


@pytest.mark.parametrize("tamper", ["body", "secret", "missing"])
async def test_unsigned_or_tampered_webhooks_are_401_and_change_nothing(
    hook_client: AsyncTestClient[Any], tenant: Tenant, tamper: str
) -> None:
    body, headers = signed(
        joined("room-d", tenant.org_id, "+14155550100"), secret=SECRET if tamper != "secret" else SECRET + "x"
    )
    if tamper == "body":
        body = body.replace(b"room-d", b"room-e")
    if tamper == "missing":
        headers.pop("Authorization")
    response = await hook_client.post("/livekit/webhook", content=body, headers=headers)
    assert response.status_code == 401
    assert (await hook_client.get("/core/conversations", headers=tenant.auth())).json()["items"] == []


async def test_without_livekit_configured_the_webhook_is_503(client: AsyncTestClient[Any]) -> None:
    response = await client.post("/livekit/webhook", content=b"{}")
    assert response.status_code == 503
