"""Transfer notifications: when a call starts going to a human, tell the team with the brief's gist and a link."""

from __future__ import annotations

from datetime import datetime

import msgspec

from domain.brief import AgentAssistPortal, ComplianceFlag, NextStep, Sentiment
from domain.conversations import Conversation

HANDOFF_INITIATED = "handoff_initiated"


def is_transfer_start(before: Conversation, after: Conversation) -> bool:
    """The moment a human should be told: the handoff state became `handoff_initiated`, or the call was
    marked `transferred` (whichever comes first; a repeat of the same change does not notify again)."""
    initiated = after.handoff_state == HANDOFF_INITIATED and before.handoff_state != HANDOFF_INITIATED
    transferred = after.status == "transferred" and before.status != "transferred"
    already_told = before.handoff_state == HANDOFF_INITIATED or before.status == "transferred"
    return (initiated or transferred) and not already_told


class HandoffNotice(msgspec.Struct, kw_only=True, frozen=True):
    """The JSON body posted to each notification URL. `text` makes it readable as-is by chat webhooks
    (Slack and Teams incoming webhooks show a `text` field)."""

    event: str
    text: str
    conversation_id: str
    organization_id: str
    phone_number: str
    caller_name: str
    status: str
    handoff_state: str | None
    transfer_reason: str
    call_summary: list[str]
    sentiment: Sentiment
    suggested_next_steps: list[NextStep]
    compliance_flags: list[ComplianceFlag]
    brief_url: str
    brief_url_expires_at: datetime


def compose_notice(
    conversation: Conversation, brief: AgentAssistPortal, brief_url: str, expires_at: datetime
) -> HandoffNotice:
    header = brief.header
    flags = f" ⚠ {len(brief.compliance_flags)} compliance flag(s)." if brief.compliance_flags else ""
    text = (
        f"Transfer: {header.caller_name} ({header.phone_number}), {header.sentiment.label.lower()}. "
        f"{brief.transfer_reason}{flags} Brief: {brief_url}"
    )
    return HandoffNotice(
        event="handoff.initiated",
        text=text,
        conversation_id=conversation.id,
        organization_id=conversation.organization_id,
        phone_number=conversation.user_id,
        caller_name=header.caller_name,
        status=conversation.status,
        handoff_state=conversation.handoff_state,
        transfer_reason=brief.transfer_reason,
        call_summary=brief.call_summary,
        sentiment=header.sentiment,
        suggested_next_steps=brief.suggested_next_steps,
        compliance_flags=brief.compliance_flags,
        brief_url=brief_url,
        brief_url_expires_at=expires_at,
    )
