-- name: insert_conversation
-- Create one conversation; created_at defaults to now when the platform does not say when the call began.
insert into conversations (
    id, organization_id, direction, channel, status, user_id, agent_id, agent_version_id, agent_number,
    web_widget_id, duration, agent, summary, initial_context, custom_metadata, recording_details,
    room_name, shared_id, handoff_state, created_at, updated_at, ended_at
) values (
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
    coalesce($20, now()), now(),
    case when $5 in ('completed', 'failed', 'cancelled', 'transferred', 'unanswered') then now() end
)
returning *;

-- name: get_conversation
-- One conversation, only if it belongs to the organization.
select * from conversations where id = $1 and organization_id = $2;

-- name: lock_conversation
-- Take the conversation's row lock so concurrent appends to one call are serialized.
select id from conversations where id = $1 and organization_id = $2 for update;

-- name: list_conversations
-- A page of one organization's conversations, newest first, after a (created_at, id) cursor.
select * from conversations
where organization_id = $1
  and ($2::text is null or user_id = $2)
  and ($3::text is null or status = $3)
  and ($4::timestamptz is null or (created_at, id) < ($4, $5::text))
order by created_at desc, id desc
limit $6;

-- name: latest_for_caller
-- The newest conversation of one caller in one organization, live or ended.
select * from conversations
where organization_id = $1 and user_id = $2
order by created_at desc, id desc
limit 1;

-- name: transcript
-- Every segment of a conversation in first-seen order, in one round trip with the ownership check:
-- no row means no such conversation in the organization; one row of nulls, no segments yet.
select t.segment_id, t.role, t.content, t.final, t.created_at
from conversations c
left join transcript_segments t on t.conversation_id = c.id
where c.id = $1 and c.organization_id = $2
order by t.seq;

-- name: upsert_segments
-- Insert or update segments by id, in the given order; a final segment is never turned back into an interim one.
insert into transcript_segments (conversation_id, segment_id, role, content, final)
select $1, s.segment_id, s.role, s.content, s.final
from unnest($2::text[], $3::text[], $4::text[], $5::bool[]) with ordinality
    as s(segment_id, role, content, final, position)
order by s.position
on conflict (conversation_id, segment_id) do update
    set role = excluded.role,
        content = excluded.content,
        final = excluded.final,
        updated_at = now()
    where excluded.final or not transcript_segments.final;

-- name: segments_by_id
-- The stored state of the given segments, in transcript order.
select segment_id, role, content, final, created_at
from transcript_segments
where conversation_id = $1 and segment_id = any($2::text[])
order by seq;

-- name: refresh_turn_count
-- Recount final caller turns after an append and mark the conversation as changed.
update conversations
set user_turn_count = (
        select count(*) from transcript_segments
        where conversation_id = $1 and role = 'user' and final
    ),
    updated_at = now()
where id = $1;

-- name: handoff_by_shared_id
-- Handoff state looked up by the integrator's shared id.
select id as conversation_id, shared_id, handoff_state, status, updated_at
from conversations where organization_id = $1 and shared_id = $2;

-- name: handoff_by_id
-- Handoff state looked up by conversation id.
select id as conversation_id, shared_id, handoff_state, status, updated_at
from conversations where organization_id = $1 and id = $2;

-- name: insert_organization
-- Create an organization.
insert into organizations (id, name) values ($1, $2) returning id, name;

-- name: list_organizations
-- Every organization, oldest first.
select id, name from organizations order by created_at, id;

-- name: insert_user
-- Create a user.
insert into users (id, email, name) values ($1, $2, $3) returning id, email, name;

-- name: upsert_membership
-- Add a user to an organization, or change their role there.
insert into memberships (organization_id, user_id, role) values ($1, $2, $3)
on conflict (organization_id, user_id) do update set role = excluded.role;

-- name: membership_role
-- The user's role in the organization, if they are a member.
select role from memberships where organization_id = $1 and user_id = $2;

-- name: insert_token
-- Store a token's hash and owner.
insert into access_tokens (id, kind, secret_hash, name, user_id, organization_id, role)
values ($1, $2, $3, $4, $5, $6, $7);

-- name: find_token
-- A live token by its public id.
select id, kind, secret_hash, user_id, organization_id, role
from access_tokens
where id = $1 and kind = $2 and revoked_at is null;

-- name: lock_conversations
-- Row-lock several conversations in id order (a fixed order, so concurrent writers cannot deadlock).
select id from conversations where id = any($1::text[]) order by id for update;

-- name: upsert_observed_segments
-- The observer's batch upsert across conversations; segments of conversations that no longer exist are skipped.
insert into transcript_segments (conversation_id, segment_id, role, content, final)
select s.conversation_id, s.segment_id, s.role, s.content, s.final
from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[]) with ordinality
    as s(conversation_id, segment_id, role, content, final, position)
join conversations c on c.id = s.conversation_id
order by s.position
on conflict (conversation_id, segment_id) do update
    set role = excluded.role,
        content = excluded.content,
        final = excluded.final,
        updated_at = now()
    where excluded.final or not transcript_segments.final;

-- name: refresh_turn_counts
-- Recount final caller turns of several conversations after a batch.
update conversations c
set user_turn_count = (
        select count(*) from transcript_segments t
        where t.conversation_id = c.id and t.role = 'user' and t.final
    ),
    updated_at = now()
where c.id = any($1::text[]);

-- name: conversation_by_room
-- The conversation bound to a LiveKit room (room names are unique across the deployment).
select * from conversations where room_name = $1;

-- name: caller_joined
-- A caller arrived: a call that had not started yet is now in progress.
update conversations set status = 'in_progress', updated_at = now()
where id = $1 and status in ('token_created', 'triggered', 'ringing');

-- name: end_call
-- The room ended: an active call is completed; its duration runs from creation to now unless already set.
update conversations
set status = 'completed',
    ended_at = coalesce(ended_at, now()),
    duration = coalesce(duration, greatest(0, extract(epoch from now() - created_at))::int),
    updated_at = now()
where id = $1 and status in ('token_created', 'triggered', 'ringing', 'in_progress');

-- name: claim_dispatch
-- Mark the observer as dispatched, only if nobody did yet; returns the id to the one caller that won.
update conversations set observer_dispatched_at = now()
where id = $1 and observer_dispatched_at is null
returning id;

-- name: release_dispatch
-- Forget a dispatch that failed, so the next room event tries again.
update conversations set observer_dispatched_at = null where id = $1;

-- name: insert_call_event
-- Record a real-time signal from a live call.
insert into call_events (conversation_id, segment_id, type, description) values ($1, $2, $3, $4);

-- name: call_events
-- A conversation's recorded signals, oldest first.
select segment_id, type, description, created_at from call_events where conversation_id = $1 order by id;
