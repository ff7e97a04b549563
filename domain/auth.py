"""Who is calling: principals, roles and the scopes each role grants."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Literal

import msgspec

Scope = Literal[
    "conversations:read",
    "conversations:read_sensitive",
    "conversations:write",
    "conversations:manage",
]
Role = Literal["viewer", "agent", "integration", "supervisor", "admin"]
TokenKind = Literal["pat", "ak"]

READ: Scope = "conversations:read"
READ_SENSITIVE: Scope = "conversations:read_sensitive"
WRITE: Scope = "conversations:write"
MANAGE: Scope = "conversations:manage"
ALL_SCOPES: frozenset[Scope] = frozenset({READ, READ_SENSITIVE, WRITE, MANAGE})

# viewer: dashboards; agent: the human taking over (reads briefs and transcripts);
# integration: a platform pushing calls in; supervisor: agents' rights plus live monitoring;
# admin: everything.
ROLE_SCOPES: dict[Role, frozenset[Scope]] = {
    "viewer": frozenset({READ}),
    "agent": frozenset({READ, READ_SENSITIVE}),
    "integration": frozenset({READ, WRITE}),
    "supervisor": frozenset({READ, READ_SENSITIVE, MANAGE}),
    "admin": ALL_SCOPES,
}
ROLES: tuple[Role, ...] = tuple(ROLE_SCOPES)

TOKEN_PREFIX: dict[TokenKind, str] = {"pat": "pat_", "ak": "ak_"}


class Principal(msgspec.Struct, kw_only=True, frozen=True):
    """An authenticated caller acting inside exactly one organization."""

    organization_id: str
    role: Role
    token_id: str
    user_id: str | None = None

    @property
    def scopes(self) -> frozenset[Scope]:
        return ROLE_SCOPES[self.role]

    def can(self, scope: Scope) -> bool:
        return scope in ROLE_SCOPES[self.role]


class Organization(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    name: str


class User(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    email: str
    name: str | None = None


class IssuedToken(msgspec.Struct, kw_only=True, frozen=True):
    """A token as created: the plaintext exists only here, once; storage keeps its hash."""

    id: str
    kind: TokenKind
    plaintext: str
    organization_id: str | None
    user_id: str | None
    role: Role | None


class StoredToken(msgspec.Struct, kw_only=True, frozen=True):
    """What storage holds for a token: its public id, the hash of the whole token, and whom it speaks for."""

    id: str
    kind: TokenKind
    secret_hash: bytes
    organization_id: str | None
    user_id: str | None
    role: Role | None


_ID_LEN = 16  # hex characters of the public id that follows the prefix


def new_token(kind: TokenKind) -> tuple[str, str, bytes]:
    """A fresh token: (public id, plaintext, sha256 of the plaintext). Only the hash is ever stored."""
    token_id = secrets.token_hex(_ID_LEN // 2)
    plaintext = f"{TOKEN_PREFIX[kind]}{token_id}{secrets.token_urlsafe(32)}"
    return token_id, plaintext, hash_token(plaintext)


def hash_token(plaintext: str) -> bytes:
    # The secret part is 256 random bits, so a fast hash is enough; no password stretching is needed.
    return hashlib.sha256(plaintext.encode()).digest()


def parse_token(plaintext: str) -> tuple[TokenKind, str] | None:
    """(kind, public id) of a well-formed token, or None for anything else."""
    for kind, prefix in TOKEN_PREFIX.items():
        if plaintext.startswith(prefix):
            token_id = plaintext[len(prefix) : len(prefix) + _ID_LEN]
            if len(plaintext) > len(prefix) + _ID_LEN and all(c in "0123456789abcdef" for c in token_id):
                return kind, token_id
    return None


def token_matches(plaintext: str, stored: StoredToken) -> bool:
    """Constant-time comparison of a presented token with the stored hash."""
    return hmac.compare_digest(hash_token(plaintext), stored.secret_hash)
