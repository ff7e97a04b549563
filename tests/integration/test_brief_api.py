"""GET /core/agent-assist/{phone_number} over HTTP on a real PostgreSQL (seed 000)."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from tests.conftest import Tenant, make_tenant

pytestmark = pytest.mark.integration

SECTIONS = {
    "header",
    "transfer_reason",
    "call_summary",
    "information_collected",
    "suggested_next_steps",
    "transcript",
    "compliance_flags",
}


async def call(
    client: AsyncTestClient[Any], tenant: Tenant, turns: list[tuple[str, str]], **extra: Any
) -> dict[str, Any]:
    body = {
        "user_id": "+1 (555) 123-4567",
        "conversation": {"turns": [{"role": r, "content": c} for r, c in turns]},
        **extra,
    }
    response = await client.post("/core/conversations", json=body, headers=tenant.auth())
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def brief(client: AsyncTestClient[Any], tenant: Tenant, number: str = "+15551234567") -> Any:
    return await client.get(f"/core/agent-assist/{number}", headers=tenant.auth("agent"))


async def test_unknown_number_is_404(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    response = await brief(client, tenant)
    assert response.status_code == 404
    assert "+15551234567" in response.json()["detail"]


async def test_invalid_number_is_422(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    response = await brief(client, tenant, "not-a-number")
    assert response.status_code == 422


async def test_brief_has_the_seven_sections_and_no_caching(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    await call(
        client,
        tenant,
        [
            ("assistant", "Thanks for calling, this call may be recorded. How can I help?"),
            ("user", "Hi, my name is Priya Raman. My order 55123 never arrived."),
        ],
    )
    response = await brief(client, tenant, "555.123.4567")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == SECTIONS
    assert body["header"]["phone_number"] == "+15551234567"
    assert body["header"]["caller_name"] == "Priya Raman"
    assert 3 <= len(body["call_summary"]) <= 5
    assert 1 <= len(body["suggested_next_steps"]) <= 3
    assert [t["role"] for t in body["transcript"]] == ["assistant", "user"]
    assert response.headers["cache-control"] == "no-store, private"
    assert response.headers["x-brief-analyzer"] == "offline"


async def test_newest_conversation_wins(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    await call(client, tenant, [("user", "I want to book a table.")], created_at="2026-03-01T10:00:00Z")
    await call(
        client,
        tenant,
        [("user", "My internet has been down since Monday.")],
        created_at="2026-03-05T10:00:00Z",
        status="completed",
    )
    await call(client, tenant, [("user", "Question about a refund.")], created_at="2026-03-03T10:00:00Z")
    body = (await brief(client, tenant)).json()
    assert [t["content"] for t in body["transcript"]] == ["My internet has been down since Monday."]


async def test_another_orgs_caller_is_invisible(
    client: AsyncTestClient[Any], tenant: Tenant, other_tenant: Tenant
) -> None:
    await call(client, other_tenant, [("user", "Secret account 778812.")])
    assert (await brief(client, tenant)).status_code == 404
    assert (await brief(client, other_tenant)).status_code == 200


async def test_pat_without_read_sensitive_is_403(client: AsyncTestClient[Any], pool: asyncpg.Pool) -> None:
    viewer = await make_tenant(pool, "Viewers", member_role="viewer")
    await call(client, viewer, [("user", "Hello")])
    response = await client.get("/core/agent-assist/+15551234567", headers=viewer.pat_auth())
    assert response.status_code == 403
    assert "conversations:read_sensitive" in response.json()["detail"]
    agent = await make_tenant(pool, "Agents", member_role="agent")
    await call(client, agent, [("user", "Hello")])
    assert (await client.get("/core/agent-assist/+15551234567", headers=agent.pat_auth())).status_code == 200


async def test_a_turn_appended_after_a_brief_appears_in_the_next(
    client: AsyncTestClient[Any], tenant: Tenant
) -> None:
    created = await call(client, tenant, [("user", "I was double charged on my bill.")])
    first = (await brief(client, tenant)).json()
    assert len(first["transcript"]) == 1
    turn = {"segment_id": "live-1", "role": "user", "content": "This is ridiculous, I want a manager now!"}
    await client.post(
        f"/core/conversations/{created['id']}/turns", json={"turns": [turn]}, headers=tenant.auth()
    )
    second = (await brief(client, tenant)).json()
    assert second["transcript"][-1]["content"] == turn["content"]
    assert second["header"]["sentiment"]["level"] != "calm"
    # an interim turn is still being spoken: it is not in the brief until it is final
    interim = {"segment_id": "live-2", "role": "user", "content": "and anoth", "final": False}
    await client.post(
        f"/core/conversations/{created['id']}/turns", json={"turns": [interim]}, headers=tenant.auth()
    )
    third = (await brief(client, tenant)).json()
    assert len(third["transcript"]) == 2


async def test_brief_is_not_stored(client: AsyncTestClient[Any], tenant: Tenant, pool: asyncpg.Pool) -> None:
    await call(client, tenant, [("user", "Hello, my account number is 99812345.")])
    tables_before = await pool.fetch("select relname, n_tup_ins from pg_stat_user_tables order by relname")
    for _ in range(3):
        assert (await brief(client, tenant)).status_code == 200
    counts = {
        t: await pool.fetchval(f"select count(*) from {t}") for t in ("conversations", "transcript_segments")
    }
    assert counts == {"conversations": 1, "transcript_segments": 1}
    assert {r["relname"] for r in tables_before} == {
        r["relname"] for r in await pool.fetch("select relname from pg_stat_user_tables")
    }


async def test_brief_metrics_are_counted(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    await call(client, tenant, [("user", "Hello")])
    await brief(client, tenant)
    text = (await client.get("/metrics")).text
    assert 'agent_assist_briefs_total{analyzer="offline"} 1.0' in text
