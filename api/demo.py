"""Demo data: a few realistic calls in two organizations, so a newcomer sees real output in a minute."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from domain.access import issue_token
from domain.conversations import NewConversation, SegmentInput
from infra.postgres.repositories import PostgresAccessStore, PostgresConversationStore

DEMO_ORGS = ("Northwind Energy (demo)", "Bluebird Travel (demo)")

Call = dict[str, Any]

NORTHWIND_CALLS: list[Call] = [
    {
        "user_id": "+15551234567",
        "status": "completed",
        "ago_minutes": 60 * 24 * 9,
        "duration": 212,
        "caller_name": "Maria Gonzalez",
        "turns": [
            (
                "assistant",
                "Thanks for calling Northwind Energy. This call may be recorded for quality purposes. How can I help?",
            ),
            ("user", "Hi, this is Maria Gonzalez. I just wanted to check when my next bill is due."),
            (
                "assistant",
                "Happy to help, Maria. Can you confirm the last four digits of your account number?",
            ),
            ("user", "Sure, it's 4471."),
            (
                "assistant",
                "Thank you, I've verified your account. Your next bill of $84.20 is due on March 14.",
            ),
            ("user", "Perfect, that's all I needed. Thanks!"),
        ],
    },
    {
        "user_id": "+15551234567",
        "status": "in_progress",
        "ago_minutes": 4,
        "duration": None,
        "caller_name": "Maria Gonzalez",
        "room_name": "demo-northwind-maria-live",
        "turns": [
            (
                "assistant",
                "Thanks for calling Northwind Energy. This call may be recorded for quality purposes. How can I help?",
            ),
            (
                "user",
                "Hi, my name is Maria Gonzalez. I was charged twice for my March bill, $84.20 both times.",
            ),
            ("assistant", "I'm sorry about that. Can you give me your account number so I can look into it?"),
            ("user", "It's account number 88123-4471, and the card I pay with is 4111 1111 1111 1111."),
            (
                "assistant",
                "Thank you, Maria. I've verified your account. I can see two payments of $84.20 on March 3.",
            ),
            ("user", "Right, so can you refund one of them?"),
            ("assistant", "I'm not able to issue refunds directly, but I can open a billing review for you."),
            (
                "user",
                "I already told you I was charged twice. This is the second time this has happened and it's ridiculous.",
            ),
            (
                "assistant",
                "I understand this is frustrating. I will make sure the duplicate charge is flagged today.",
            ),
            (
                "user",
                "That's not good enough. I want to speak to a manager right now or I'm cancelling my service.",
            ),
            (
                "assistant",
                "I understand. Let me connect you with a billing specialist who can process the refund.",
            ),
        ],
    },
    {
        "user_id": "+15559876543",
        "status": "completed",
        "ago_minutes": 60 * 5,
        "duration": 305,
        "caller_name": None,
        "turns": [
            ("assistant", "Northwind Energy, this call may be recorded. How can I help you today?"),
            ("user", "Hi, I'm moving next month and need to transfer my service to my new address."),
            ("assistant", "I can help with that. What's the new address?"),
            ("user", "It's 42 Elm Street, Springfield, zip code 62704."),
            ("assistant", "Got it. And what date would you like service to start there?"),
            ("user", "April 2nd, please."),
            (
                "assistant",
                "Done. Service at 42 Elm Street starts April 2. You'll receive a confirmation email shortly.",
            ),
            ("user", "Great, thank you so much."),
        ],
    },
    {
        "user_id": "+442071838750",
        "status": "transferred",
        "ago_minutes": 60 * 2,
        "duration": 428,
        "caller_name": "Oliver Bennett",
        "turns": [
            (
                "assistant",
                "Thank you for calling Northwind Energy. This call may be recorded. How can I help?",
            ),
            ("user", "My power has been out since this morning and nobody has told me anything."),
            ("assistant", "I'm sorry to hear that. Could I have the postcode of the property?"),
            ("user", "SW1A 2AA. I've been on hold twice already today."),
            ("assistant", "Thank you. There is a reported fault in your area; engineers are on site."),
            ("user", "When will it be fixed? I work from home and this is costing me money."),
            ("assistant", "I don't have an exact time yet. I guarantee it will be fixed within the hour."),
            ("user", "You said that this morning. I want to make a formal complaint."),
            ("assistant", "I understand. I'll transfer you to our customer relations team now."),
        ],
    },
]

BLUEBIRD_CALLS: list[Call] = [
    {
        "user_id": "+15551234567",
        "status": "completed",
        "ago_minutes": 60 * 30,
        "duration": 190,
        "caller_name": None,
        "turns": [
            ("assistant", "Bluebird Travel, this call is recorded for training. How can I help?"),
            ("user", "I need to change my flight to Lisbon from May 3 to May 5."),
            ("assistant", "Sure. What's your booking reference?"),
            ("user", "It's QX7P2L."),
            (
                "assistant",
                "Thanks. I've moved you to the May 5 flight at 9:40 am. The fare difference is $45.",
            ),
            ("user", "That's fine, thanks."),
        ],
    },
    {
        "user_id": "+15557654321",
        "status": "in_progress",
        "ago_minutes": 7,
        "duration": None,
        "caller_name": None,
        "room_name": "demo-bluebird-luggage-live",
        "turns": [
            ("assistant", "Bluebird Travel, this call is recorded for training. How can I help?"),
            ("user", "My luggage was lost on my trip to Rome and my claim has been ignored for three weeks."),
            ("assistant", "I'm sorry. Can you give me your claim number?"),
            ("user", "Claim number LB-55821. My email is dana.wright@example.com."),
            ("assistant", "Thank you. I can see the claim is still under review."),
            (
                "user",
                "Under review for three weeks? My lawyer says you're liable for the full value, $2,300.",
            ),
            ("assistant", "I understand. This needs someone from our claims team."),
        ],
    },
]


async def _org_named(pool: asyncpg.Pool, name: str) -> str | None:
    value: str | None = await pool.fetchval("select id from organizations where name = $1", name)
    return value


async def _load_calls(conversations: PostgresConversationStore, org_id: str, calls: list[Call]) -> None:
    now = datetime.now(UTC)
    for number, call in enumerate(calls):
        metadata = {"caller_name": call["caller_name"]} if call["caller_name"] else None
        await conversations.create(
            org_id,
            NewConversation(
                user_id=call["user_id"],
                status=call["status"],
                duration=call["duration"],
                agent_id="agent_voice_demo",
                agent_number="+15550100000",
                custom_metadata=metadata,
                room_name=call.get("room_name"),
                created_at=now - timedelta(minutes=call["ago_minutes"]),
            ),
            [
                SegmentInput(segment_id=f"demo-{number}-{i}", role=role, content=text)
                for i, (role, text) in enumerate(call["turns"])
            ],
        )


async def load_demo(pool: asyncpg.Pool, *, base_url: str) -> int:
    """Load the demo organizations once (later runs reuse them) and print a fresh admin key and a curl line."""
    access = PostgresAccessStore(pool)
    conversations = PostgresConversationStore(pool)
    org_ids: list[str] = []
    for name, calls in zip(DEMO_ORGS, (NORTHWIND_CALLS, BLUEBIRD_CALLS), strict=True):
        existing = await _org_named(pool, name)
        if existing is None:
            org = await access.create_organization(name)
            await _load_calls(conversations, org.id, calls)
            existing = org.id
        org_ids.append(existing)
    key = await issue_token(access, "ak", name="demo", organization_id=org_ids[0], role="admin")
    print(f"Demo data: {len(DEMO_ORGS)} organizations ({', '.join(DEMO_ORGS)}).")
    print(f"API key for {DEMO_ORGS[0]} (role admin, every scope; shown once):")
    print(f"  {key.plaintext}")
    print("Brief of a live call:")
    print(f'  curl -s {base_url}/core/agent-assist/+15551234567 -H "Authorization: Bearer {key.plaintext}"')
    print("A link to the handoff page for a browser (open the returned url):")
    print(
        f'  curl -s -X POST {base_url}/core/agent-assist/+15551234567/link -H "Authorization: Bearer {key.plaintext}"'
    )
    print("Its conversations:")
    print(
        f'  curl -s "{base_url}/core/conversations?user_id=%2B15551234567" -H "Authorization: Bearer {key.plaintext}"'
    )
    return 0
