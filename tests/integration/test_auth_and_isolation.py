"""Auth as seed 000 describes it, and organization isolation on every endpoint."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from tests.conftest import Tenant, make_tenant

pytestmark = pytest.mark.integration

CALL = {
    "user_id": "+15551234567",
    "room_name": None,
    "shared_id": "crm-1",
    "conversation": {"turns": [{"role": "user", "content": "I need help with my bill."}]},
}


async def create(client: AsyncTestClient[Any], tenant: Tenant, **extra: Any) -> dict[str, Any]:
    response = await client.post("/core/conversations", json={**CALL, **extra}, headers=tenant.auth())
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_missing_token_is_401(client: AsyncTestClient[Any]) -> None:
    response = await client.get("/core/conversations")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Authorization" in response.json()["detail"]


@pytest.mark.parametrize(
    "header", ["Bearer", "Basic dXNlcjpwYXNz", "Bearer nope", "Bearer ak_0123456789abcdefWRONGSECRET", "ak_x"]
)
async def test_invalid_token_is_401(client: AsyncTestClient[Any], tenant: Tenant, header: str) -> None:
    response = await client.get("/core/conversations", headers={"Authorization": header})
    assert response.status_code == 401


async def test_a_real_key_id_with_a_wrong_secret_is_401(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    key = tenant.keys["admin"]
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    response = await client.get("/core/conversations", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


async def test_pat_needs_the_org_header(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    response = await client.get("/core/conversations", headers={"Authorization": f"Bearer {tenant.pat}"})
    assert response.status_code == 400
    assert "X-Anyreach-Org" in response.json()["detail"]
    ok = await client.get("/core/conversations", headers=tenant.pat_auth())
    assert ok.status_code == 200


async def test_pat_for_an_org_the_user_is_not_in_is_403(
    client: AsyncTestClient[Any], tenant: Tenant, other_tenant: Tenant
) -> None:
    response = await client.get("/core/conversations", headers=tenant.pat_auth(other_tenant.org_id))
    assert response.status_code == 403
    nowhere = await client.get("/core/conversations", headers=tenant.pat_auth("org_does_not_exist"))
    assert nowhere.status_code == 403
    assert nowhere.json()["detail"].replace("org_does_not_exist", "X") == response.json()["detail"].replace(
        other_tenant.org_id, "X"
    )


async def test_api_key_acts_for_its_own_org_only(
    client: AsyncTestClient[Any], tenant: Tenant, other_tenant: Tenant
) -> None:
    own = await client.get("/core/conversations", headers={**tenant.auth(), "X-Anyreach-Org": tenant.org_id})
    assert own.status_code == 200
    other = await client.get(
        "/core/conversations", headers={**tenant.auth(), "X-Anyreach-Org": other_tenant.org_id}
    )
    assert other.status_code == 403


async def test_role_without_scope_is_403(client: AsyncTestClient[Any], tenant: Tenant) -> None:
    created = await create(client, tenant)
    write = await client.post("/core/conversations", json=CALL, headers=tenant.auth("viewer"))
    assert write.status_code == 403
    assert "conversations:write" in write.json()["detail"]
    patch = await client.patch(
        f"/core/conversations/{created['id']}", json={"status": "completed"}, headers=tenant.auth("agent")
    )
    assert patch.status_code == 403


async def test_pat_scopes_follow_the_membership_role(
    client: AsyncTestClient[Any], pool: asyncpg.Pool
) -> None:
    viewer_org = await make_tenant(pool, "Viewer Org", member_role="viewer")
    created = await create(client, viewer_org)
    detail = await client.get(f"/core/conversations/{created['id']}", headers=viewer_org.pat_auth())
    assert detail.status_code == 200
    assert "conversation" not in detail.json()
    brief = await client.get("/core/agent-assist/+15551234567", headers=viewer_org.pat_auth())
    assert brief.status_code == 403


async def test_tokens_are_stored_only_as_hashes(pool: asyncpg.Pool, tenant: Tenant) -> None:
    rows = await pool.fetch("select * from access_tokens")
    stored = " ".join(str(dict(row)) for row in rows)
    for plaintext in [*tenant.keys.values(), tenant.pat]:
        assert plaintext not in stored
        assert plaintext[-20:] not in stored


async def test_another_orgs_resources_are_404_everywhere(
    client: AsyncTestClient[Any], tenant: Tenant, other_tenant: Tenant
) -> None:
    """A key of org A gets exactly what it gets for a resource that does not exist, for every resource of B."""
    theirs = await create(client, other_tenant)

    def probes(cid: str, shared_id: str) -> list[tuple[str, str, dict[str, Any]]]:
        turn = {"segment_id": "x", "role": "user", "content": "hi"}
        return [
            ("GET", f"/core/conversations/{cid}", {}),
            ("PATCH", f"/core/conversations/{cid}", {"json": {"status": "completed"}}),
            ("POST", f"/core/conversations/{cid}/turns", {"json": {"turns": [turn]}}),
            ("GET", "/core/handoff-state", {"params": {"id": cid}}),
            ("GET", "/core/handoff-state", {"params": {"shared_id": shared_id}}),
        ]

    real = probes(theirs["id"], "crm-1")
    absent = probes("conv_missing", "crm-missing")
    for (method, url, kwargs), (_, missing_url, missing_kwargs) in zip(real, absent, strict=True):
        response = await client.request(method, url, headers=tenant.auth("admin"), **kwargs)
        missing = await client.request(method, missing_url, headers=tenant.auth("admin"), **missing_kwargs)
        assert response.status_code == missing.status_code == 404, (method, url, response.text)
        anonymized = response.json()["detail"].replace(theirs["id"], "?").replace("crm-1", "?")
        assert anonymized == missing.json()["detail"].replace("conv_missing", "?").replace("crm-missing", "?")
    cid = theirs["id"]
    listing = await client.get("/core/conversations", headers=tenant.auth())
    assert listing.json()["items"] == []
    by_caller = await client.get(
        "/core/conversations", params={"user_id": "+15551234567"}, headers=tenant.auth()
    )
    assert by_caller.json()["items"] == []
    # and B still sees its own, untouched
    again = await client.get(f"/core/conversations/{cid}", headers=other_tenant.auth())
    assert again.status_code == 200
    assert again.json()["status"] == "in_progress"
    assert again.json()["user_turn_count"] == 1
