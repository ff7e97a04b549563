"""Signed handoff-page links: bound to one organization and one number, short-lived, tamper-evident."""

from __future__ import annotations

import pytest

from domain.links import LinkExpired, LinkInvalid, sign_link, verify_link

pytestmark = pytest.mark.unit

SECRET = b"unit-test-secret"
ORG = "org_0123456789abcdef01234567"
PHONE = "+15551234567"
NOW = 1_800_000_000


def test_a_fresh_link_grants_its_organization_and_number_until_it_expires() -> None:
    link = sign_link(SECRET, ORG, PHONE, now=NOW, ttl_s=900)
    assert link.expires_at == NOW + 900
    grant = verify_link(SECRET, link.token, PHONE, now=NOW + 899)
    assert (grant.organization_id, grant.phone_number, grant.expires_at) == (ORG, PHONE, NOW + 900)


def test_the_token_does_not_spell_out_the_number() -> None:
    assert "5551234567" not in sign_link(SECRET, ORG, PHONE, now=NOW, ttl_s=900).token


def test_an_expired_link_is_refused_as_expired() -> None:
    link = sign_link(SECRET, ORG, PHONE, now=NOW, ttl_s=900)
    with pytest.raises(LinkExpired):
        verify_link(SECRET, link.token, PHONE, now=NOW + 900)


def test_a_link_for_another_number_is_refused() -> None:
    link = sign_link(SECRET, ORG, PHONE, now=NOW, ttl_s=900)
    with pytest.raises(LinkInvalid):
        verify_link(SECRET, link.token, "+15557654321", now=NOW)


def test_a_link_moved_to_another_organization_is_refused() -> None:
    token = sign_link(SECRET, ORG, PHONE, now=NOW, ttl_s=900).token
    with pytest.raises(LinkInvalid):
        verify_link(SECRET, token.replace(ORG, "org_ffffffffffffffffffffffff"), PHONE, now=NOW)


def test_a_lengthened_expiry_reads_as_tampered_not_expired() -> None:
    link = sign_link(SECRET, ORG, PHONE, now=NOW, ttl_s=900)
    stretched = link.token.replace(f".{link.expires_at}.", f".{link.expires_at + 86_400}.")
    with pytest.raises(LinkInvalid):
        verify_link(SECRET, stretched, PHONE, now=NOW + 1000)


def test_a_link_signed_with_another_secret_is_refused() -> None:
    link = sign_link(b"someone-else", ORG, PHONE, now=NOW, ttl_s=900)
    with pytest.raises(LinkInvalid):
        verify_link(SECRET, link.token, PHONE, now=NOW)


def test_an_edited_signature_is_refused() -> None:
    token = sign_link(SECRET, ORG, PHONE, now=NOW, ttl_s=900).token
    last = "A" if token[-1] != "A" else "B"
    with pytest.raises(LinkInvalid):
        verify_link(SECRET, token[:-1] + last, PHONE, now=NOW)


@pytest.mark.parametrize(
    "token",
    [
        None,
        "",
        "garbage",
        "v1.org_x.123",
        "v2.org_0123.1800000900.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.org x.1800000900.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.org_0123.18e8.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.org_0123.١٢٣.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1.org_0123.1800000900.short",
    ],
)
def test_malformed_tokens_are_refused_as_invalid(token: str | None) -> None:
    with pytest.raises(LinkInvalid):
        verify_link(SECRET, token, PHONE, now=NOW)


def test_signing_refuses_an_empty_secret_and_odd_organization_ids() -> None:
    with pytest.raises(ValueError, match="secret"):
        sign_link(b"", ORG, PHONE, now=NOW, ttl_s=900)
    with pytest.raises(ValueError, match="organization"):
        sign_link(SECRET, "org.with.dots", PHONE, now=NOW, ttl_s=900)
