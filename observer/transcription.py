"""LiveKit transcription streams to segments: the two shapes agents publish, read the same way."""

from __future__ import annotations

from collections.abc import Mapping

from domain.conversations import ObservedSegment, SpeakerRole

TOPIC = "lk.transcription"
SEGMENT_ID = "lk.segment_id"
FINAL = "lk.transcription_final"


def segment_from_stream(
    *,
    conversation_id: str,
    stream_id: str,
    attributes: Mapping[str, str],
    text: str,
    role: SpeakerRole,
) -> ObservedSegment | None:
    """One transcription stream as a segment, or None when there is nothing to record.

    Caller speech arrives as a new stream per interim update, each carrying the whole text so far under
    one `lk.segment_id`; agent speech arrives as one stream of deltas whose final flag comes in the
    trailer. Either way the stream, read to its end, holds the segment's whole current text, and
    `attributes` (header merged with trailer) say whether it is final. Keying by segment id makes the
    interim versions and the final one a single turn.
    """
    text = text.strip()
    if not text:
        return None
    segment_id = attributes.get(SEGMENT_ID) or stream_id
    final = attributes.get(FINAL, "true").lower() == "true"
    return ObservedSegment(
        conversation_id=conversation_id, segment_id=segment_id, role=role, content=text, final=final
    )
