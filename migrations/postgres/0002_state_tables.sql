-- PostgreSQL store, second schema: the one the store reads and writes.
--
-- 0001 laid out a normalised schema that no code ever read or wrote, and that had fallen out of
-- date with src/domain/state.ts (no blocked integrations, countdowns, connections, time boxes…).
-- Its tables hold nothing, so they are dropped here rather than migrated.
--
-- Each replica keeps the State in memory (the Store port's read() is synchronous) and loads it
-- from these tables: one table per top-level collection of State, keyed by the entry's key
-- (records) or by the element's `id` plus an insertion-order `position` (lists), the entry as a
-- jsonb `doc` exactly as the domain holds it, and GENERATED columns with indexes for what reports
-- and queries filter on. A keyed table's `ord` keeps the order keys were first added in (the order
-- a JavaScript object keeps them), so a reload lists them as before. Top-level single values (provider, counters, auditQueue, schemaVersion…)
-- are rows of `singletons`. Every write also adds one `changes` row per row it touched, which the
-- other replicas read to catch up (src/adapters/storage/postgres/postgres-store.ts).

DROP TABLE IF EXISTS
  people, groups, group_members, group_admins, custom_integrations, installs, install_groups,
  review_deadlines, requests, request_requesters, provider_setting, used_nonces, admin_channels,
  conversation_references, posted_cards, audit, outbox, sent_notice_keys, seen_events,
  conversation_pacing, schedules
  CASCADE;
DROP FUNCTION IF EXISTS audit_is_append_only();
DROP SEQUENCE IF EXISTS request_numbers, notice_numbers;

-- State.people (domain Person)
CREATE TABLE people (
  key  text PRIMARY KEY,
  doc  jsonb NOT NULL,
  ord  bigint GENERATED ALWAYS AS IDENTITY,
  role text GENERATED ALWAYS AS (doc ->> 'role') STORED
);
CREATE INDEX people_admins ON people (key) WHERE role = 'system-admin';

-- State.groups (domain Group)
CREATE TABLE groups (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);

-- State.requests (domain IntegrationRequest)
CREATE TABLE requests (
  key            text PRIMARY KEY,
  doc            jsonb NOT NULL,
  ord            bigint GENERATED ALWAYS AS IDENTITY,
  integration_id text GENERATED ALWAYS AS (doc ->> 'integrationId') STORED,
  state          text GENERATED ALWAYS AS (doc ->> 'state') STORED,
  created_at     text GENERATED ALWAYS AS (doc ->> 'createdAt') STORED
);
CREATE INDEX requests_by_integration ON requests (integration_id, state);
CREATE INDEX requests_by_state ON requests (state, created_at);

-- State.openRequests (integration id → request id) and State.personRequests (person → request ids)
CREATE TABLE open_requests (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);
CREATE TABLE person_requests (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);

-- State.installs (domain Install)
CREATE TABLE installs (
  key    text PRIMARY KEY,
  doc    jsonb NOT NULL,
  ord            bigint GENERATED ALWAYS AS IDENTITY,
  status text GENERATED ALWAYS AS (doc ->> 'status') STORED,
  ends_at text GENERATED ALWAYS AS (doc ->> 'endsAt') STORED
);
CREATE INDEX installs_by_status ON installs (status);
CREATE INDEX installs_time_boxed ON installs (ends_at) WHERE ends_at IS NOT NULL;

-- State.blocked, State.offeredReasons, State.connections (by integration id or offer key)
CREATE TABLE blocked (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);
CREATE TABLE offered_reasons (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);
CREATE TABLE connections (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);

-- State.adminChannels (domain AdminChannel) and State.addresses (ConversationAddress)
CREATE TABLE admin_channels (
  key    text PRIMARY KEY,
  doc    jsonb NOT NULL,
  ord            bigint GENERATED ALWAYS AS IDENTITY,
  active boolean GENERATED ALWAYS AS ((doc ->> 'active')::boolean) STORED
);
CREATE INDEX admin_channels_active ON admin_channels (key) WHERE active;
CREATE TABLE addresses (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);

-- State.postedCards (card key → posted copies) and State.countdowns (card key → countdown)
CREATE TABLE posted_cards (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);
CREATE TABLE countdowns (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);

-- State.sentKeys, State.seenEvents, State.usedNonces: key → when (an ISO-8601 text)
CREATE TABLE sent_keys (
  key text PRIMARY KEY,
  doc jsonb NOT NULL,
  ord            bigint GENERATED ALWAYS AS IDENTITY,
  at  text GENERATED ALWAYS AS (doc #>> '{}') STORED
);
CREATE TABLE seen_events (
  key text PRIMARY KEY,
  doc jsonb NOT NULL,
  ord            bigint GENERATED ALWAYS AS IDENTITY,
  at  text GENERATED ALWAYS AS (doc #>> '{}') STORED
);
CREATE INDEX seen_events_by_age ON seen_events (at);
CREATE TABLE used_nonces (
  key text PRIMARY KEY,
  doc jsonb NOT NULL,
  ord            bigint GENERATED ALWAYS AS IDENTITY,
  at  text GENERATED ALWAYS AS (doc #>> '{}') STORED
);
CREATE INDEX used_nonces_by_age ON used_nonces (at);

-- State.outbox (domain Notice): a list, kept in order by `position`
CREATE TABLE outbox (
  id         text PRIMARY KEY,
  position   bigint NOT NULL,
  doc        jsonb NOT NULL,
  state      text GENERATED ALWAYS AS (doc ->> 'state') STORED,
  target     text GENERATED ALWAYS AS (doc ->> 'target') STORED,
  not_before text GENERATED ALWAYS AS (doc ->> 'notBefore') STORED
);
CREATE INDEX outbox_order ON outbox (position);
CREATE INDEX outbox_due ON outbox (state, not_before);
CREATE INDEX outbox_by_target ON outbox (target, position);

-- State.customIntegrations (domain CatalogEntry): a list, kept in order by `position`
CREATE TABLE custom_integrations (
  id       text PRIMARY KEY,
  position bigint NOT NULL,
  doc      jsonb NOT NULL
);
CREATE INDEX custom_integrations_order ON custom_integrations (position);

-- State.deliveryClaims (domain TargetClaim): the conversation a replica's delivery worker holds, until when
CREATE TABLE delivery_claims (key text PRIMARY KEY, doc jsonb NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY);

-- Top-level single values of State, by field name
CREATE TABLE singletons (name text PRIMARY KEY, doc jsonb NOT NULL);

-- One row per row a write touched, in commit order (writes hold one advisory lock); `key` is
-- null for a singleton. Pruned from the oldest; `change_horizon` says up to where.
CREATE TABLE changes (
  seq        bigserial PRIMARY KEY,
  collection text NOT NULL,
  key        text
);
CREATE TABLE change_horizon (
  id             boolean PRIMARY KEY DEFAULT true CHECK (id),
  pruned_through bigint NOT NULL
);
INSERT INTO change_horizon (pruned_through) VALUES (0);

-- The audit history (ports/audit-log.ts), numbered by the state's audit queue; `at` is the
-- ISO-8601 UTC text the domain gives, so it sorts by time.
CREATE TABLE audit (
  seq            bigint PRIMARY KEY,
  at             text NOT NULL,
  actor          text NOT NULL,
  action         text NOT NULL,
  integration_id text,
  details        text NOT NULL
);
CREATE INDEX audit_by_integration ON audit (integration_id, seq) WHERE integration_id IS NOT NULL;
CREATE INDEX audit_by_time ON audit (at);

-- Secrets every replica must share (the signing secret of links), made once by the first replica.
CREATE TABLE secrets (name text PRIMARY KEY, value text NOT NULL);
