"""One set of assertions for every ConversationStore: the in-memory fake and the PostgreSQL adapter."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from domain.conversations import ConversationChanges, ConversationFilter, NewConversation, SegmentInput
from domain.errors import Conflict, NotFound
from domain.ports import ConversationStore
from infra.postgres.repositories import PostgresAccessStore, PostgresConversationStore
from tests.fakes import InMemoryConversationStore

pytestmark = pytest.mark.integration


@pytest.fixture(params=["memory", "postgres"])
async def store_and_orgs(
    request: pytest.FixtureRequest, pool: asyncpg.Pool
) -> tuple[ConversationStore, str, str]:
    if request.param == "memory":
        return InMemoryConversationStore(), "org_a", "org_b"
    access = PostgresAccessStore(pool)
    a = await access.create_organization("A")
    b = await access.create_organization("B")
    return PostgresConversationStore(pool), a.id, b.id


def seg(segment_id: str, content: str, role: str = "user", final: bool = True) -> SegmentInput:
    return SegmentInput(segment_id=segment_id, role=role, content=content, final=final)  # type: ignore[arg-type]


async def test_create_get_and_isolation(store_and_orgs: tuple[ConversationStore, str, str]) -> None:
    store, org_a, org_b = store_and_orgs
    created = await store.create(org_a, NewConversation(user_id="+15550001111"), [seg("1", "hello")])
    assert (await store.get(org_a, created.id)).user_turn_count == 1
    with pytest.raises(NotFound):
        await store.get(org_b, created.id)
    with pytest.raises(NotFound):
        await store.transcript(org_b, created.id)
    with pytest.raises(NotFound):
        await store.append_segments(org_b, created.id, [seg("2", "x")])
    with pytest.raises(NotFound):
        await store.update(org_b, created.id, ConversationChanges(status="completed"))
    assert [s.content for s in await store.transcript(org_a, created.id)] == ["hello"]


async def test_latest_for_caller_is_newest_by_created_at(
    store_and_orgs: tuple[ConversationStore, str, str],
) -> None:
    store, org_a, org_b = store_and_orgs
    base = datetime(2026, 3, 1, tzinfo=UTC)
    newest = await store.create(
        org_a, NewConversation(user_id="+15550001111", created_at=base + timedelta(days=2))
    )
    await store.create(org_a, NewConversation(user_id="+15550001111", created_at=base, status="in_progress"))
    await store.create(org_b, NewConversation(user_id="+15550001111", created_at=base + timedelta(days=9)))
    assert (await store.latest_for_caller(org_a, "+15550001111")).id == newest.id
    with pytest.raises(NotFound):
        await store.latest_for_caller(org_a, "+15550009999")


async def test_segments_upsert_in_first_seen_order(
    store_and_orgs: tuple[ConversationStore, str, str],
) -> None:
    store, org_a, _ = store_and_orgs
    conv = await store.create(org_a, NewConversation(user_id="+15550001111"))
    await store.append_segments(
        org_a, conv.id, [seg("a", "I was", final=False), seg("b", "Okay", role="assistant")]
    )
    await store.append_segments(org_a, conv.id, [seg("a", "I was charged twice")])
    await store.append_segments(
        org_a, conv.id, [seg("a", "I was ch", final=False), seg("a", "I was ch", final=False)]
    )
    transcript = await store.transcript(org_a, conv.id)
    assert [(s.segment_id, s.content, s.final) for s in transcript] == [
        ("a", "I was charged twice", True),
        ("b", "Okay", True),
    ]
    assert (await store.get(org_a, conv.id)).user_turn_count == 1


async def test_ending_stamps_duration_and_ended_at(
    store_and_orgs: tuple[ConversationStore, str, str],
) -> None:
    store, org_a, _ = store_and_orgs
    started = datetime.now(UTC) - timedelta(seconds=90)
    conv = await store.create(org_a, NewConversation(user_id="+15550001111", created_at=started))
    ended = (await store.update(org_a, conv.id, ConversationChanges(status="completed"))).after
    assert ended.ended_at is not None
    assert ended.duration is not None and 85 <= ended.duration <= 120
    assert not ended.is_active


async def test_shared_id_is_unique_per_org_and_wins_lookups(
    store_and_orgs: tuple[ConversationStore, str, str],
) -> None:
    store, org_a, org_b = store_and_orgs
    first = await store.create(
        org_a, NewConversation(user_id="+15550001111", shared_id="s1", handoff_state="x")
    )
    second = await store.create(
        org_a, NewConversation(user_id="+15550001111", shared_id="s2", handoff_state="y")
    )
    await store.create(org_b, NewConversation(user_id="+15550001111", shared_id="s1"))
    with pytest.raises(Conflict):
        await store.create(org_a, NewConversation(user_id="+15550001111", shared_id="s1"))
    state = await store.handoff_state(org_a, conversation_id=first.id, shared_id="s2")
    assert (state.conversation_id, state.handoff_state) == (second.id, "y")


async def test_list_pages_without_gaps(store_and_orgs: tuple[ConversationStore, str, str]) -> None:
    store, org_a, _ = store_and_orgs
    same_time = datetime(2026, 3, 1, tzinfo=UTC)
    ids = {
        (await store.create(org_a, NewConversation(user_id="+1555000111" + str(i), created_at=same_time))).id
        for i in range(5)
    }
    seen: list[str] = []
    after = None
    while True:
        page = await store.page(org_a, ConversationFilter(), limit=2, after=after)
        seen += [c.id for c in page.items]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert len(seen) == 5 and set(seen) == ids


async def test_concurrent_updates_each_see_the_change_before_them(
    store_and_orgs: tuple[ConversationStore, str, str],
) -> None:
    # What makes one transfer notice per call: of eight clients marking it transferred at once, one finds it
    # not transferred yet and the other seven find it already transferred.
    store, org_a, _ = store_and_orgs
    conv = await store.create(org_a, NewConversation(user_id="+15550003333"))
    done = await asyncio.gather(
        *(store.update(org_a, conv.id, ConversationChanges(status="transferred")) for _ in range(8))
    )
    assert [u.before.status for u in done].count("in_progress") == 1
    assert all(u.after.status == "transferred" for u in done)


async def test_a_call_taken_up_again_is_live_and_is_stamped_anew_when_it_ends(
    store_and_orgs: tuple[ConversationStore, str, str],
) -> None:
    store, org_a, _ = store_and_orgs
    started = datetime.now(UTC) - timedelta(seconds=90)
    conv = await store.create(org_a, NewConversation(user_id="+15550004444", created_at=started))
    ended = (await store.update(org_a, conv.id, ConversationChanges(status="completed"))).after
    assert ended.duration is not None
    reopened = (await store.update(org_a, conv.id, ConversationChanges(status="in_progress"))).after
    assert reopened.is_active and reopened.ended_at is None and reopened.duration is None
    # a live call keeps the duration its platform reports
    told = (await store.update(org_a, conv.id, ConversationChanges(duration=100))).after
    assert (
        await store.update(org_a, conv.id, ConversationChanges(status="in_progress"))
    ).after.duration == 100
    assert told.duration == 100
