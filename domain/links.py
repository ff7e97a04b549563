"""Signed portal links: a short-lived credential for one caller's brief page in one organization."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

import msgspec

from domain.errors import Forbidden, Unauthenticated

# Bumped if the signed message ever changes, so old links fail as tampered instead of meaning something else.
_VERSION = "v1"
_DOMAIN = b"agent-assist/portal-link"
_ORG = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_EXPIRES = re.compile(r"^[0-9]{1,12}$")
_SIGNATURE_CHARS = 43  # unpadded base64url of 32 bytes


class LinkExpired(Unauthenticated):
    """A genuine link whose time is up: the holder should ask for a new one."""


class LinkInvalid(Forbidden):
    """A link that was not signed by this service for this caller (edited, truncated or for another number)."""


class PortalGrant(msgspec.Struct, kw_only=True, frozen=True):
    """What a verified link allows: reading the brief of one phone number in one organization until expiry."""

    organization_id: str
    phone_number: str
    expires_at: int


class PortalLink(msgspec.Struct, kw_only=True, frozen=True):
    token: str
    expires_at: int


def _signature(secret: bytes, organization_id: str, phone_number: str, expires_at: int) -> str:
    message = b"\n".join(
        (
            _DOMAIN,
            _VERSION.encode(),
            organization_id.encode(),
            phone_number.encode(),
            str(expires_at).encode(),
        )
    )
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def sign_link(secret: bytes, organization_id: str, phone_number: str, *, now: int, ttl_s: int) -> PortalLink:
    """A token for `phone_number` (already E.164) in the organization, valid for `ttl_s` seconds from `now`."""
    if not _ORG.match(organization_id):
        raise ValueError(f"unexpected organization id {organization_id!r}")
    if not secret:
        raise ValueError("the link secret is empty")
    expires_at = now + ttl_s
    signature = _signature(secret, organization_id, phone_number, expires_at)
    return PortalLink(token=f"{_VERSION}.{organization_id}.{expires_at}.{signature}", expires_at=expires_at)


def verify_link(secret: bytes, token: str | None, phone_number: str, *, now: int) -> PortalGrant:
    """The grant a token carries for this phone number (E.164), or LinkInvalid / LinkExpired.

    The signature is checked first, so an edited expiry reads as tampered rather than as expired.
    """
    parts = (token or "").split(".")
    if len(parts) != 4:
        raise LinkInvalid("this link is not valid")
    version, organization_id, expires_raw, signature = parts
    if (
        version != _VERSION
        or not _ORG.match(organization_id)
        or not _EXPIRES.match(expires_raw)
        or len(signature) != _SIGNATURE_CHARS
    ):
        raise LinkInvalid("this link is not valid")
    expires_at = int(expires_raw)
    expected = _signature(secret, organization_id, phone_number, expires_at)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        raise LinkInvalid("this link is not valid for this caller")
    if now >= expires_at:
        raise LinkExpired("this link has expired")
    return PortalGrant(organization_id=organization_id, phone_number=phone_number, expires_at=expires_at)
