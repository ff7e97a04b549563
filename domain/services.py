"""Use cases the entry points call: one function per thing a user asks for."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

from domain.brief import BriefResult, CallRecord, Utterance
from domain.conversations import Conversation, NewConversation, SegmentInput, TranscriptSegment
from domain.phone import caller_id, normalize_phone
from domain.ports import BriefAnalyzer, ConversationStore
from domain.redaction import redact_brief

# custom_metadata keys a platform may use to tell us the caller's name (first one present wins).
CALLER_NAME_KEYS = ("caller_name", "customer_name", "name")


async def create_conversation(
    store: ConversationStore,
    organization_id: str,
    new: NewConversation,
    segments: list[SegmentInput],
    *,
    default_region: str,
) -> Conversation:
    """Store a pushed-in conversation with its caller id normalized (E.164 for telephony)."""
    normalized = msgspec.structs.replace(new, user_id=caller_id(new.user_id, new.channel, default_region))
    return await store.create(organization_id, normalized, segments)


def call_record(conversation: Conversation, transcript: list[TranscriptSegment], now: datetime) -> CallRecord:
    """What the analyzer sees: final turns only (an interim one is still being spoken and may change)."""
    duration = conversation.duration
    if duration is None and conversation.is_active:
        duration = max(0, int((now - conversation.created_at).total_seconds()))
    metadata = conversation.custom_metadata or {}
    known_name = next(
        (str(metadata[key]).strip() for key in CALLER_NAME_KEYS if str(metadata.get(key) or "").strip()),
        None,
    )
    return CallRecord(
        phone_number=conversation.user_id,
        turns=[Utterance(role=s.role, content=s.content) for s in transcript if s.final],
        duration_seconds=duration,
        known_caller_name=known_name,
        live=conversation.is_active,
    )


async def brief_of(
    store: ConversationStore, analyzer: BriefAnalyzer, conversation: Conversation
) -> BriefResult:
    """The brief of one conversation as it stands now, with secrets redacted; nothing is stored."""
    transcript = await store.transcript(conversation.organization_id, conversation.id)
    record = call_record(conversation, transcript, datetime.now(UTC))
    result = await analyzer.analyze(record)
    return msgspec.structs.replace(result, brief=redact_brief(result.brief))


async def brief_for_caller(
    store: ConversationStore,
    analyzer: BriefAnalyzer,
    organization_id: str,
    phone_number: str,
    *,
    default_region: str,
) -> tuple[Conversation, BriefResult]:
    """Seed 000: the newest conversation of this number, analyzed now; nothing is stored."""
    user_id = normalize_phone(phone_number, default_region)
    conversation = await store.latest_for_caller(organization_id, user_id)
    return conversation, await brief_of(store, analyzer, conversation)
