-- Organizations, people, their tokens, and the conversations they own.

create table organizations (
    id          text primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table users (
    id          text primary key,
    email       text not null unique,
    name        text,
    created_at  timestamptz not null default now()
);

create table memberships (
    organization_id text not null references organizations (id) on delete cascade,
    user_id         text not null references users (id) on delete cascade,
    role            text not null check (role in ('viewer', 'agent', 'integration', 'supervisor', 'admin')),
    created_at      timestamptz not null default now(),
    primary key (organization_id, user_id)
);

-- Tokens are stored only as a sha256 of the whole token; `id` is the public part used to find the row.
create table access_tokens (
    id              text primary key,
    kind            text not null check (kind in ('pat', 'ak')),
    secret_hash     bytea not null,
    name            text not null,
    user_id         text references users (id) on delete cascade,
    organization_id text references organizations (id) on delete cascade,
    role            text check (role in ('viewer', 'agent', 'integration', 'supervisor', 'admin')),
    created_at      timestamptz not null default now(),
    revoked_at      timestamptz,
    check (
        (kind = 'pat' and user_id is not null and organization_id is null and role is null)
        or (kind = 'ak' and organization_id is not null and user_id is null and role is not null)
    )
);

create table conversations (
    id                text primary key,
    organization_id   text not null references organizations (id) on delete cascade,
    direction         text not null check (direction in ('inbound', 'outbound')),
    channel           text not null check (channel in ('telephone', 'webrtc', 'email', 'text')),
    status            text not null check (status in (
                          'token_created', 'triggered', 'ringing', 'in_progress', 'completed',
                          'failed', 'cancelled', 'transferred', 'unanswered')),
    user_id           text not null,
    agent_id          text,
    agent_version_id  text,
    agent_number      text,
    web_widget_id     text,
    duration          integer check (duration >= 0),
    user_turn_count   integer not null default 0,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    agent             jsonb,
    summary           text,
    initial_context   text,
    custom_metadata   jsonb,
    recording_details jsonb,
    room_name         text,
    shared_id         text,
    handoff_state     text,
    ended_at          timestamptz
);

-- The brief's lookup: newest conversation of one caller in one organization.
create index conversations_by_caller on conversations (organization_id, user_id, created_at desc, id desc);
-- The list endpoint's keyset pagination.
create index conversations_by_created on conversations (organization_id, created_at desc, id desc);
create unique index conversations_shared_id on conversations (organization_id, shared_id) where shared_id is not null;
-- One LiveKit project serves the deployment, so a room name identifies one conversation.
create unique index conversations_room_name on conversations (room_name) where room_name is not null;

-- Transcript turns keyed by segment id: interim then final updates one row; `seq` keeps first-seen order.
create table transcript_segments (
    conversation_id text not null references conversations (id) on delete cascade,
    segment_id      text not null,
    seq             bigint generated always as identity,
    role            text not null check (role in ('user', 'assistant')),
    content         text not null,
    final           boolean not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (conversation_id, segment_id)
);

create index transcript_segments_in_order on transcript_segments (conversation_id, seq);
