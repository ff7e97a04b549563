"""The handoff page's view: the brief turned into what the templates print, and the sentiment chart's geometry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from domain.brief import AgentAssistPortal, MarkerType
from domain.conversations import Conversation
from domain.portal import SentimentPoint, sentiment_curve

BRIEF_TEMPLATE = "portal_brief.html"
PAGE_TEMPLATE = "portal.html"
MESSAGE_TEMPLATE = "portal_message.html"

MARKER_LABELS: Mapping[MarkerType, str] = {
    "frustration": "Frustration",
    "identity_verified": "Identity verified",
    "ai_commitment": "AI commitment",
    "escalation_trigger": "Escalation trigger",
    "key_info": "Key info",
    "sentiment_shift": "Sentiment shift",
}
ROLE_LABELS = {"user": "Caller", "assistant": "AI agent"}
STATUS_LABELS = {
    "token_created": "Not started",
    "triggered": "Starting",
    "ringing": "Ringing",
    "in_progress": "Live call",
    "completed": "Call ended",
    "failed": "Call failed",
    "cancelled": "Call cancelled",
    "transferred": "Transferred",
    "unanswered": "Unanswered",
}

# Chart box in SVG user units; the CSS scales it to the column's width.
CHART_WIDTH = 360
CHART_HEIGHT = 132
_LEFT = 112  # room for the level names
_RIGHT = 12
_TOP = 10
_BOTTOM = 22
LEVEL_NAMES = ("Calm", "Slightly frustrated", "Frustrated", "Angry", "Escalated")


class ChartPoint(msgspec.Struct, kw_only=True, frozen=True):
    x: float
    y: float
    turn_index: int
    level: str
    label: str


class ChartAxis(msgspec.Struct, kw_only=True, frozen=True):
    y: float
    label: str


class SentimentChart(msgspec.Struct, kw_only=True, frozen=True):
    width: int
    height: int
    points: list[ChartPoint]
    polyline: str
    axis: list[ChartAxis]
    x_axis_y: float
    left: float
    right: float
    description: str


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return "unknown"
    minutes, secs = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def sentiment_chart(points: list[SentimentPoint]) -> SentimentChart:
    """Levels as a step line over the caller's turns: calm at the bottom, escalated at the top."""
    plot_height = CHART_HEIGHT - _TOP - _BOTTOM
    step_y = plot_height / (len(LEVEL_NAMES) - 1)
    right = CHART_WIDTH - _RIGHT
    span = right - _LEFT

    def y_of(rank: int) -> float:
        return round(_TOP + plot_height - rank * step_y, 1)

    n = len(points)
    placed = [
        ChartPoint(
            x=round(_LEFT + (span * i / (n - 1) if n > 1 else span / 2), 1),
            y=y_of(point.rank),
            turn_index=point.turn_index,
            level=point.level,
            label=point.label,
        )
        for i, point in enumerate(points)
    ]
    if placed:
        path = " → ".join(dict.fromkeys(p.label for p in placed)) if n <= 12 else placed[-1].label
        description = (
            f"Caller sentiment over {n} caller turn{'s' if n != 1 else ''}: {path}; now {placed[-1].label}."
        )
    else:
        description = "The caller has not spoken yet."
    return SentimentChart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        points=placed,
        polyline=" ".join(f"{p.x},{p.y}" for p in placed),
        axis=[ChartAxis(y=y_of(rank), label=name) for rank, name in enumerate(LEVEL_NAMES)],
        x_axis_y=CHART_HEIGHT - 6,
        left=_LEFT,
        right=right,
        description=description,
    )


def flag_label(snake: str) -> str:
    """`account_number` -> `Account number` (flag types and information keys are snake_case)."""
    return snake.replace("_", " ").strip().capitalize()


def brief_context(conversation: Conversation, brief: AgentAssistPortal, analyzer: str) -> dict[str, Any]:
    """Everything portal_brief.html prints, so the template stays free of logic."""
    header = brief.header
    return {
        "brief": brief,
        "header": header,
        "conversation_id": conversation.id,
        "live": conversation.is_active,
        # The page keeps listening for as long as the call can still change: live, or not started yet.
        "followed": not conversation.is_over,
        "status_label": STATUS_LABELS.get(conversation.status, conversation.status),
        "duration": format_duration(header.call_duration_seconds),
        "duration_seconds": header.call_duration_seconds,
        "chart": sentiment_chart(sentiment_curve(brief)),
        "marker_labels": MARKER_LABELS,
        "role_labels": ROLE_LABELS,
        "flag_label": flag_label,
        "analyzer": analyzer,
        "turn_count": len(brief.transcript),
    }
