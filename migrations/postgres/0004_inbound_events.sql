-- The inbound event ids (Slack's `event_id`) a replica has taken to handle, so that a retry
-- reaching another replica is not answered again even when the event changes nothing (such an
-- event writes no state, so `seen_events` never learns of it). Slack retries within minutes: ids
-- older than an hour are pruned as new ones come (src/adapters/storage/postgres/postgres-store.ts).
-- UNLOGGED: taking an id is on the path of every Slack event, and a logged insert would wait for
-- its own WAL flush. What a crash of the database loses here is at worst a retry answered twice;
-- a change an event makes is still checked against `seen_events`, in its own transaction.
CREATE UNLOGGED TABLE inbound_events (
  id       text PRIMARY KEY,
  taken_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbound_events_taken_at ON inbound_events (taken_at);
