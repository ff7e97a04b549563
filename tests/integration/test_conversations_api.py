"""The conversation API over HTTP on a real PostgreSQL: seed 002's record, writes, status codes."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from infra.settings import Settings
from tests.conftest import Tenant

pytestmark = pytest.mark.integration

SEED_002_FIELDS = {
    "id",
    "organization_id",
    "direction",
    "channel",
    "status",
    "user_id",
    "agent_id",
    "agent_version_id",
    "agent_number",
    "web_widget_id",
    "duration",
    "user_turn_count",
    "created_at",
    "updated_at",
    "agent",
    "summary",
    "initial_context",
    "custom_metadata",
    "conversation",
    "recording_details",
}
SENSITIVE = {"agent", "summary", "initial_context", "custom_metadata", "conversation", "recording_details"}


def a_call(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "user_id": "+1 (555) 123-4567",
        "direction": "inbound",
        "channel": "telephone",
        "status": "in_progress",
        "agent_id": "agent_1",
        "agent": {"id": "agent_1", "name": "Billing voice agent"},
        "summary": "Caller disputes a charge",
        "initial_context": "Premium customer",
        "custom_metadata": {"crm_id": "C-19"},
        "recording_details": {"recording_url": "https://recordings.example/r/1"},
        "conversation": {
            "turns": [
                {"role": "assistant", "content": "Hello, how can I help?"},
                {"role": "user", "content": "I was charged twice."},
            ]
        },
    }
    body.update(overrides)
    return body


async def create(client: AsyncTestClient[Any], tenant: Tenant, **overrides: Any) -> dict[str, Any]:
    response = await client.post(
        "/core/conversations", json=a_call(**overrides), headers=tenant.auth("admin")
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def count_rows(pool: asyncpg.Pool, table: str) -> int:
    value: int = await pool.fetchval(f"select count(*) from {table}")
    return value


async def test_created_conversation_has_exactly_the_seed_fields(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    created = await create(client, tenant)
    response = await client.get(f"/core/conversations/{created['id']}", headers=tenant.auth("agent"))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == SEED_002_FIELDS
    assert body["user_id"] == "+15551234567"
    assert body["organization_id"] == tenant.org_id
    assert body["user_turn_count"] == 1
    assert [t["content"] for t in body["conversation"]["turns"]] == [
        "Hello, how can I help?",
        "I was charged twice.",
    ]
    assert body["agent"] == {"id": "agent_1", "name": "Billing voice agent"}


async def test_sensitive_fields_only_for_read_sensitive(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    created = await create(client, tenant)
    viewer = await client.get(f"/core/conversations/{created['id']}", headers=tenant.auth("viewer"))
    assert viewer.status_code == 200
    assert set(viewer.json()) == SEED_002_FIELDS - SENSITIVE
    listing = await client.get("/core/conversations", headers=tenant.auth("viewer"))
    assert all(not (SENSITIVE & set(item)) for item in listing.json()["items"])
    agent = await client.get(f"/core/conversations/{created['id']}", headers=tenant.auth("agent"))
    assert set(agent.json()) >= SENSITIVE


@pytest.mark.parametrize("spelling", ["+15551234567", "+1 (555) 123-4567", "555-123-4567", "(555) 123 4567"])
async def test_every_spelling_of_a_number_finds_the_same_caller(
    client: AsyncTestClient[Any], tenant: Tenant, spelling: str
) -> None:
    await create(client, tenant, user_id="1-555-123-4567")
    response = await client.get(
        "/core/conversations", params={"user_id": spelling}, headers=tenant.auth("viewer")
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["user_id"] for item in items] == ["+15551234567"]


async def test_invalid_phone_number_is_422_and_writes_nothing(
    pool: asyncpg.Pool, client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    before = await count_rows(pool, "conversations")
    response = await client.post(
        "/core/conversations", json=a_call(user_id="call me maybe"), headers=tenant.auth()
    )
    assert response.status_code == 422
    assert "not a phone number" in response.json()["detail"]
    assert await count_rows(pool, "conversations") == before


async def test_list_is_newest_first_with_a_cursor(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    ids = []
    for day in range(1, 6):
        created = await create(client, tenant, created_at=f"2026-03-0{day}T10:00:00Z", conversation=None)
        ids.append(created["id"])
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/core/conversations", params=params, headers=tenant.auth("viewer"))).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ids))


async def test_list_filters_by_status(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    live = await create(client, tenant)
    await create(client, tenant, status="completed")
    page = await client.get(
        "/core/conversations", params={"status": "in_progress"}, headers=tenant.auth("viewer")
    )
    assert [item["id"] for item in page.json()["items"]] == [live["id"]]
    bad = await client.get(
        "/core/conversations", params={"status": "sleeping"}, headers=tenant.auth("viewer")
    )
    assert bad.status_code == 400


async def test_a_tampered_cursor_is_400(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    response = await client.get(
        "/core/conversations", params={"cursor": "not-a-cursor"}, headers=tenant.auth()
    )
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


async def test_append_is_idempotent_under_concurrent_retries(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    created = await create(client, tenant, conversation=None)
    url = f"/core/conversations/{created['id']}/turns"
    body = {
        "turns": [
            {"segment_id": "seg-1", "role": "user", "content": "My account number is 4471."},
            {"segment_id": "seg-2", "role": "assistant", "content": "Thanks, one moment."},
            {"segment_id": "seg-3", "role": "user", "content": "Sure."},
        ]
    }
    responses = await asyncio.gather(*(client.post(url, json=body, headers=tenant.auth()) for _ in range(8)))
    assert {r.status_code for r in responses} == {200}
    detail = (await client.get(f"/core/conversations/{created['id']}", headers=tenant.auth())).json()
    assert [t["segment_id"] for t in detail["conversation"]["turns"]] == ["seg-1", "seg-2", "seg-3"]
    assert detail["user_turn_count"] == 2


async def test_interim_then_final_updates_one_turn_and_final_is_never_undone(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    created = await create(client, tenant, conversation=None)
    url = f"/core/conversations/{created['id']}/turns"
    steps = [("I was", False), ("I was charged twice", True), ("I was charg", False)]
    for content, final in steps:
        turn = {"segment_id": "s1", "role": "user", "content": content, "final": final}
        assert (await client.post(url, json={"turns": [turn]}, headers=tenant.auth())).status_code == 200
    turns = (await client.get(f"/core/conversations/{created['id']}", headers=tenant.auth())).json()
    assert turns["conversation"]["turns"] == [
        {**turns["conversation"]["turns"][0], "content": "I was charged twice", "final": True}
    ]
    assert turns["user_turn_count"] == 1


async def test_append_without_segment_id_is_400_and_writes_nothing(
    pool: asyncpg.Pool, client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    created = await create(client, tenant, conversation=None)
    body = {"turns": [{"segment_id": "a", "role": "user", "content": "hi"}, {"role": "user", "content": "x"}]}
    response = await client.post(
        f"/core/conversations/{created['id']}/turns", json=body, headers=tenant.auth()
    )
    assert response.status_code == 400
    assert "segment_id" in response.json()["detail"]
    assert await count_rows(pool, "transcript_segments") == 0


async def test_append_to_unknown_conversation_is_404(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    body = {"turns": [{"segment_id": "a", "role": "user", "content": "hi"}]}
    response = await client.post("/core/conversations/conv_missing/turns", json=body, headers=tenant.auth())
    assert response.status_code == 404


async def test_ending_a_call_stamps_status_and_duration(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    created = await create(client, tenant)
    response = await client.patch(
        f"/core/conversations/{created['id']}",
        json={"status": "completed", "duration": 95},
        headers=tenant.auth(),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "completed"
    assert response.json()["duration"] == 95
    assert response.json()["updated_at"] >= created["updated_at"]
    # the same record as GET returns: with the transcript for a token that may read it
    assert response.json()["conversation"] == created["conversation"]
    assert (
        response.json()
        == (await client.get(f"/core/conversations/{created['id']}", headers=tenant.auth())).json()
    )


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b'{"user_id": "+15551234567", ', "truncated"),
        (b'{"user_id": "+15551234567", "colour": "blue"}', "colour"),
        (b'{"user_id": "+15551234567", "status": "sleeping"}', "status"),
        (b'{"user_id": "+15551234567", "duration": -4}', "duration"),
        (b"[1, 2, 3]", "object"),
        (b'{"user_id": "+15551234567", "summary": "a\\u0000b"}', "NUL"),
        (b'{"user_id": "+15551234567", "custom_metadata": {"k\\u0000": 1}}', "NUL"),
        (
            b'{"user_id": "+15551234567", "conversation": {"turns": [{"role": "user", "content": "\\u0000"}]}}',
            "NUL",
        ),
        (b'{"user_id": "\xc3"}', "UTF-8"),
        (b'{"user_id": "+15551234567", "custom_metadata": ' + b'{"a":' * 3000 + b"1" + b"}" * 3001, "nested"),
        (b'{"user_id": "+15551234567", "created_at": "9999-12-31T23:59:59-01:00"}', "created_at"),
        (b'{"user_id": "+15551234567", "created_at": "0001-01-01T00:00:00+01:00"}', "created_at"),
        (b'{"user_id": "+15551234567", "created_at": "2999-01-01T00:00:00Z"}', "created_at"),
        (b'{"user_id": "+15551234567", "shared_id": ""}', "shared_id"),
    ],
)
async def test_malformed_bodies_are_400_with_a_message_and_write_nothing(
    pool: asyncpg.Pool, client: AsyncTestClient[Any], tenant: Tenant, body: bytes, fragment: str
) -> None:
    response = await client.post(
        "/core/conversations",
        content=body,
        headers={**tenant.auth(), "Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert fragment.lower() in response.text.lower()
    assert await count_rows(pool, "conversations") == 0


@pytest.mark.parametrize(
    ("method", "path", "params"),
    [
        ("GET", "/core/conversations/a%00b", None),
        ("PATCH", "/core/conversations/a%00b", None),
        ("POST", "/core/conversations/a%00b/turns", None),
        ("GET", "/core/handoff-state", {"id": "a\x00b"}),
        ("GET", "/core/handoff-state", {"shared_id": "a\x00b"}),
        ("GET", "/core/conversations", {"user_id": "a\x00b"}),
    ],
)
async def test_a_nul_character_in_the_path_or_query_is_400(
    client: AsyncTestClient[Any], tenant: Tenant, method: str, path: str, params: dict[str, str] | None
) -> None:
    body = {"status": "completed"} if method == "PATCH" else None
    if method == "POST":
        body = {"turns": [{"segment_id": "s1", "role": "user", "content": "hi"}]}
    response = await client.request(method, path, params=params, json=body, headers=tenant.auth())
    assert response.status_code == 400, response.text
    assert response.json()["detail"] == "text must not contain the NUL character (\\u0000)"


async def test_a_forged_cursor_out_of_range_is_400(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    import base64

    for forged in (b'["0001-01-01T00:00:00+01:00","x"]', b'["2026-01-01T00:00:00Z","a\\u0000"]'):
        cursor = base64.urlsafe_b64encode(forged).decode().rstrip("=")
        response = await client.get("/core/conversations", params={"cursor": cursor}, headers=tenant.auth())
        assert response.status_code == 400, response.text
        assert "cursor" in response.json()["detail"]


async def test_oversized_body_is_413_and_writes_nothing(
    pool: asyncpg.Pool, client: AsyncTestClient[Any], tenant: Tenant, settings: Settings
) -> None:
    huge = a_call(custom_metadata={"blob": "x" * (settings.max_body_bytes + 10)})
    response = await client.post("/core/conversations", json=huge, headers=tenant.auth())
    assert response.status_code == 413
    assert await count_rows(pool, "conversations") == 0


async def test_duplicate_shared_id_is_409(
    pool: asyncpg.Pool, client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    await create(client, tenant, shared_id="crm-77")
    response = await client.post(
        "/core/conversations", json=a_call(shared_id="crm-77"), headers=tenant.auth()
    )
    assert response.status_code == 409
    assert await count_rows(pool, "conversations") == 1


async def test_handoff_state_by_id_and_shared_id(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    first = await create(client, tenant, shared_id="crm-1", handoff_state="handoff_initiated")
    second = await create(client, tenant, shared_id="crm-2", handoff_state="customer_refund")
    by_id = await client.get("/core/handoff-state", params={"id": first["id"]}, headers=tenant.auth("viewer"))
    assert by_id.status_code == 200
    assert by_id.json()["handoff_state"] == "handoff_initiated"
    both = await client.get(
        "/core/handoff-state", params={"id": first["id"], "shared_id": "crm-2"}, headers=tenant.auth("viewer")
    )
    assert both.json()["id"] == second["id"]
    assert both.json()["handoff_state"] == "customer_refund"
    await client.patch(
        f"/core/conversations/{first['id']}",
        json={"handoff_state": "handoff_completed"},
        headers=tenant.auth(),
    )
    again = await client.get(
        "/core/handoff-state", params={"shared_id": "crm-1"}, headers=tenant.auth("viewer")
    )
    assert again.json()["handoff_state"] == "handoff_completed"
    neither = await client.get("/core/handoff-state", headers=tenant.auth("viewer"))
    assert neither.status_code == 422
    missing = await client.get(
        "/core/handoff-state", params={"shared_id": "nope"}, headers=tenant.auth("viewer")
    )
    assert missing.status_code == 404


async def test_an_error_does_not_echo_a_huge_id_back_whole(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    response = await client.get("/core/conversations/" + "x" * 8000, headers=tenant.auth())
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert detail.startswith("conversation 'xxx") and detail.endswith("…") and len(detail) == 300
