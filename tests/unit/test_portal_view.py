"""What the handoff page draws from a brief: the caller's sentiment per turn and the chart's geometry."""

from __future__ import annotations

import pytest

from api.portal_view import CHART_HEIGHT, format_duration, sentiment_chart
from domain.analysis import build_brief
from domain.brief import CallRecord, Utterance
from domain.portal import sentiment_curve

pytestmark = pytest.mark.unit


def test_the_curve_has_one_point_per_caller_turn_and_rises_with_anger() -> None:
    brief = build_brief(
        CallRecord(
            phone_number="+15551234567",
            turns=[
                Utterance(role="assistant", content="How can I help?"),
                Utterance(role="user", content="I'd like to check my balance."),
                Utterance(role="assistant", content="Sure."),
                Utterance(
                    role="user",
                    content="This is ridiculous, I already told you twice. Get me a manager right now!",
                ),
            ],
        )
    )
    curve = sentiment_curve(brief)
    assert [p.turn_index for p in curve] == [1, 3]
    assert curve[0].level == "calm"
    assert curve[1].rank > curve[0].rank
    assert curve[1].label[0].isupper()


def test_the_chart_puts_calm_at_the_bottom_and_describes_itself_in_words() -> None:
    brief = build_brief(
        CallRecord(
            phone_number="+15551234567",
            turns=[
                Utterance(role="user", content="Hello, quick question about my bill."),
                Utterance(role="user", content="This is unacceptable, I want to speak to a manager!"),
            ],
        )
    )
    chart = sentiment_chart(sentiment_curve(brief))
    low, high = chart.points
    assert low.y > high.y  # SVG y grows downwards: calmer is lower on screen
    assert 0 < high.y < low.y < CHART_HEIGHT
    assert chart.polyline == f"{low.x},{low.y} {high.x},{high.y}"
    assert "2 caller turns" in chart.description and high.label in chart.description
    assert chart.axis[0].label == "Calm"


def test_a_call_where_the_caller_has_not_spoken_has_an_empty_chart() -> None:
    brief = build_brief(
        CallRecord(phone_number="+15551234567", turns=[Utterance(role="assistant", content="Hello?")])
    )
    chart = sentiment_chart(sentiment_curve(brief))
    assert chart.points == [] and chart.polyline == ""
    assert "not spoken" in chart.description


@pytest.mark.parametrize(
    ("seconds", "text"), [(None, "unknown"), (0, "0:00"), (65, "1:05"), (3725, "1:02:05")]
)
def test_durations_read_like_a_clock(seconds: int | None, text: str) -> None:
    assert format_duration(seconds) == text
