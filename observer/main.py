"""The observer's composition root: builds the worker from settings and runs it."""

from __future__ import annotations

import sys

from infra.settings import Settings


def run(settings: Settings) -> int:
    if not settings.livekit_configured:
        print(
            "agent-assist observe: LiveKit is not configured; set LIVEKIT_URL, LIVEKIT_API_KEY and "
            "LIVEKIT_API_SECRET to run the observer. Exiting.",
            file=sys.stderr,
        )
        return 0
    print("agent-assist observe: the transcription observer is not part of this build yet.", file=sys.stderr)
    return 1
