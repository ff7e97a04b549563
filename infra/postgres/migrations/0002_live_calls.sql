-- What the observer and the LiveKit webhooks need: when a room's observer was dispatched, and call events.

alter table conversations add column observer_dispatched_at timestamptz;

-- Real-time signals the observer records while a call is live (for example a caller's sentiment shift).
create table call_events (
    id              bigint generated always as identity primary key,
    conversation_id text not null references conversations (id) on delete cascade,
    segment_id      text,
    type            text not null,
    description     text not null,
    created_at      timestamptz not null default now()
);

create index call_events_by_conversation on call_events (conversation_id, id);
