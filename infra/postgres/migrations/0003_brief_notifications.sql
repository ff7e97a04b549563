-- Tell every API process when a conversation's brief may have changed: a final transcript turn was written,
-- or the call changed status. The payload is the conversation id; PostgreSQL delivers it on commit and folds
-- identical notifications of one transaction into one, so a batch of turns is one notification per call.

create function notify_segment_changed() returns trigger
language plpgsql as $$
begin
    perform pg_notify('conversation_changed', new.conversation_id);
    return null;
end;
$$;

create function notify_conversation_status_changed() returns trigger
language plpgsql as $$
begin
    perform pg_notify('conversation_changed', new.id);
    return null;
end;
$$;

create trigger transcript_segments_notify
after insert or update on transcript_segments
for each row when (new.final)
execute function notify_segment_changed();

create trigger conversations_status_notify
after update of status on conversations
for each row when (old.status is distinct from new.status)
execute function notify_conversation_status_changed();
