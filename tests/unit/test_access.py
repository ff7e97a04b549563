"""Tokens and authentication against the in-memory access store."""

from __future__ import annotations

import pytest

from domain.access import authenticate, issue_token
from domain.auth import ROLE_SCOPES, parse_token
from domain.errors import Forbidden, MissingOrganization, Unauthenticated
from tests.fakes import InMemoryAccessStore

pytestmark = pytest.mark.unit


async def test_api_key_resolves_to_its_org_and_role() -> None:
    store = InMemoryAccessStore()
    org = await store.create_organization("Acme")
    key = await issue_token(store, "ak", name="ci", organization_id=org.id, role="agent")
    principal = await authenticate(store, f"Bearer {key.plaintext}", None)
    assert (principal.organization_id, principal.role) == (org.id, "agent")
    assert principal.can("conversations:read_sensitive")
    assert not principal.can("conversations:write")


async def test_stored_hash_is_not_the_token() -> None:
    store = InMemoryAccessStore()
    org = await store.create_organization("Acme")
    key = await issue_token(store, "ak", name="ci", organization_id=org.id, role="admin")
    stored = store.tokens[key.id]
    assert key.plaintext.encode() not in stored.secret_hash
    assert len(stored.secret_hash) == 32


@pytest.mark.parametrize(
    "header", [None, "", "Bearer", "Token abc", "Bearer ak_short", "Bearer pat_zzzzzzzzzzzzzzzzzz"]
)
async def test_malformed_credentials_are_unauthenticated(header: str | None) -> None:
    with pytest.raises(Unauthenticated):
        await authenticate(InMemoryAccessStore(), header, None)


async def test_pat_needs_org_header_and_membership() -> None:
    store = InMemoryAccessStore()
    org = await store.create_organization("Acme")
    other = await store.create_organization("Other")
    user = await store.create_user("a@acme.example")
    await store.add_member(org.id, user.id, "supervisor")
    pat = await issue_token(store, "pat", name="laptop", user_id=user.id)
    with pytest.raises(MissingOrganization):
        await authenticate(store, f"Bearer {pat.plaintext}", None)
    with pytest.raises(Forbidden):
        await authenticate(store, f"Bearer {pat.plaintext}", other.id)
    principal = await authenticate(store, f"Bearer {pat.plaintext}", org.id)
    assert principal.role == "supervisor" and principal.user_id == user.id


def test_token_format_round_trips() -> None:
    assert parse_token("ak_0123456789abcdefSECRET") == ("ak", "0123456789abcdef")
    assert parse_token("pat_0123456789abcdefSECRET") == ("pat", "0123456789abcdef")
    assert parse_token("ak_0123456789abcdef") is None
    assert parse_token("ak_XYZ3456789abcdefSECRET") is None


def test_every_role_has_read_and_only_admin_has_everything() -> None:
    assert all("conversations:read" in scopes for scopes in ROLE_SCOPES.values())
    assert [role for role, scopes in ROLE_SCOPES.items() if len(scopes) == 4] == ["admin"]
