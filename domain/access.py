"""Authentication: a bearer token (and, for personal tokens, the organization header) to a Principal."""

from __future__ import annotations

from domain.auth import (
    IssuedToken,
    Principal,
    Role,
    StoredToken,
    TokenKind,
    new_token,
    parse_token,
    token_matches,
)
from domain.errors import Forbidden, InvalidInput, MissingOrganization, Unauthenticated
from domain.ports import AccessStore

ORG_HEADER = "X-Anyreach-Org"


async def authenticate(store: AccessStore, authorization: str | None, organization: str | None) -> Principal:
    """Resolve the request's credentials; every failure says what was wrong without revealing what exists."""
    if not authorization:
        raise Unauthenticated("missing Authorization header; send 'Authorization: Bearer <token>'")
    scheme, _, plaintext = authorization.strip().partition(" ")
    plaintext = plaintext.strip()
    if scheme.lower() != "bearer" or not plaintext:
        raise Unauthenticated("Authorization must be 'Bearer <token>'")
    parsed = parse_token(plaintext)
    if parsed is None:
        raise Unauthenticated("invalid token")
    kind, token_id = parsed
    stored = await store.find_token(kind, token_id)
    if stored is None or not token_matches(plaintext, stored):
        raise Unauthenticated("invalid token")
    organization = (organization or "").strip() or None

    if stored.kind == "ak":
        assert stored.organization_id is not None and stored.role is not None
        if organization is not None and organization != stored.organization_id:
            raise Forbidden(f"API keys act for their own organization; omit the {ORG_HEADER} header")
        return Principal(organization_id=stored.organization_id, role=stored.role, token_id=stored.id)

    assert stored.user_id is not None
    if organization is None:
        raise MissingOrganization(
            f"personal access tokens need the {ORG_HEADER} header naming the organization to act in"
        )
    role = await store.membership_role(organization, stored.user_id)
    if role is None:
        # Same answer for an organization that does not exist and one the user is not in.
        raise Forbidden(f"this token's user is not a member of organization {organization!r}")
    return Principal(organization_id=organization, role=role, token_id=stored.id, user_id=stored.user_id)


async def issue_token(
    store: AccessStore,
    kind: TokenKind,
    *,
    name: str,
    organization_id: str | None = None,
    user_id: str | None = None,
    role: Role | None = None,
) -> IssuedToken:
    """Create a token and store its hash; the returned plaintext is the only copy there will ever be."""
    if kind == "ak" and (organization_id is None or role is None or user_id is not None):
        raise InvalidInput("an API key belongs to one organization and has a role")
    if kind == "pat" and (user_id is None or organization_id is not None or role is not None):
        raise InvalidInput("a personal access token belongs to a user; its role comes from memberships")
    token_id, plaintext, digest = new_token(kind)
    await store.save_token(
        StoredToken(
            id=token_id,
            kind=kind,
            secret_hash=digest,
            organization_id=organization_id,
            user_id=user_id,
            role=role,
        ),
        name,
    )
    return IssuedToken(
        id=token_id,
        kind=kind,
        plaintext=plaintext,
        organization_id=organization_id,
        user_id=user_id,
        role=role,
    )
