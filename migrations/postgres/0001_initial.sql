-- PostgreSQL store, first schema. Groundwork: no code reads or writes these tables yet; the
-- store port still changes one state document, and these tables are shaped for the port that
-- replaces it. Each table names the field of src/domain it holds. Ids are the platform-prefixed
-- text ids of src/domain/ids.ts (`slack:U…`, `teams:…`, `console:…`); times are timestamptz.

-- State.people (domain Person)
CREATE TABLE people (
  id    text PRIMARY KEY,
  name  text,
  role  text NOT NULL CHECK (role IN ('system-admin', 'member')),
  since timestamptz NOT NULL
);
-- "who are the system admins" (every admin check and admin notice)
CREATE INDEX people_admins ON people (id) WHERE role = 'system-admin';

-- State.groups (domain Group); members and admins as rows so a change to one is one row
CREATE TABLE groups (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);

CREATE TABLE group_members (
  group_id  text NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  person_id text NOT NULL,
  PRIMARY KEY (group_id, person_id)
);
-- "the groups of this person" (what a member may request, which installs cover them)
CREATE INDEX group_members_by_person ON group_members (person_id);

CREATE TABLE group_admins (
  group_id  text NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  person_id text NOT NULL,
  PRIMARY KEY (group_id, person_id)
);
CREATE INDEX group_admins_by_person ON group_admins (person_id);

-- State.customIntegrations (domain CatalogEntry with custom = true); the shipped catalog stays a file
CREATE TABLE custom_integrations (
  id                text PRIMARY KEY,
  name              text NOT NULL,
  vendor            text NOT NULL,
  description       text NOT NULL DEFAULT '',
  permissions       text[] NOT NULL DEFAULT '{}',
  link_hosts        text[] NOT NULL DEFAULT '{}',
  aliases           text[] NOT NULL DEFAULT '{}',
  review_state      text NOT NULL DEFAULT 'passed' CHECK (review_state IN ('passed', 'pending', 'failed')),
  review_disable_at timestamptz,
  review_deadline   timestamptz,
  CHECK (review_disable_at IS NULL OR review_deadline IS NULL OR review_disable_at <= review_deadline)
);

-- State.installs (domain Install); scope 'groups' lists its groups in install_groups
CREATE TABLE installs (
  integration_id text PRIMARY KEY,
  scope_kind     text NOT NULL CHECK (scope_kind IN ('all', 'groups')),
  status         text NOT NULL CHECK (status IN ('enabled', 'disabled')),
  connected      boolean NOT NULL DEFAULT false,
  changed_at     timestamptz NOT NULL,
  changed_by     text NOT NULL,
  kept_until     timestamptz,
  -- null on a disabled install copied from an older data file, which did not record why
  disabled_by    text CHECK (disabled_by IN ('admin', 'auto-disable', 'deadline')),
  CHECK (status = 'disabled' OR disabled_by IS NULL)
);

CREATE TABLE install_groups (
  integration_id text NOT NULL REFERENCES installs (integration_id) ON DELETE CASCADE,
  group_id       text NOT NULL,
  PRIMARY KEY (integration_id, group_id)
);
-- "what is on for this group" (a member's view, a group's removal)
CREATE INDEX install_groups_by_group ON install_groups (group_id);

-- Review dates of every installed integration that has not passed (shipped or custom), so the
-- deadline pass reads only the rows due instead of the whole catalog; next_check_at is the
-- earliest of the dates and reminder days still ahead.
CREATE TABLE review_deadlines (
  integration_id text PRIMARY KEY,
  review_state   text NOT NULL CHECK (review_state IN ('pending', 'failed')),
  disable_at     timestamptz,
  deadline       timestamptz,
  next_check_at  timestamptz NOT NULL
);
CREATE INDEX review_deadlines_due ON review_deadlines (next_check_at);

-- State.requests (domain IntegrationRequest); request numbers from a sequence (State.counters.request)
CREATE SEQUENCE request_numbers;

CREATE TABLE requests (
  id              text PRIMARY KEY,
  integration_id  text NOT NULL,
  state           text NOT NULL CHECK (state IN ('open', 'approved', 'denied')),
  created_at      timestamptz NOT NULL,
  decided_by      text,
  decided_at      timestamptz,
  -- domain Scope as stored with the decision: {"kind":"all"} or {"kind":"groups","groups":[…]}
  decision_scope  jsonb,
  decision_reason text,
  CHECK ((state = 'open') = (decided_by IS NULL AND decided_at IS NULL))
);
-- One open request per integration (State.openRequests): a second requester joins the open one,
-- and of two replicas opening one at once the second insert fails and joins instead.
CREATE UNIQUE INDEX requests_one_open_per_integration ON requests (integration_id) WHERE state = 'open';
CREATE INDEX requests_by_integration ON requests (integration_id, created_at);

-- IntegrationRequest.requesters (domain Requester); a person asks once per request
CREATE TABLE request_requesters (
  request_id text NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  person_id  text NOT NULL,
  reason     text,
  at         timestamptz NOT NULL,
  PRIMARY KEY (request_id, person_id)
);
-- "my requests" (State.personRequests)
CREATE INDEX request_requesters_by_person ON request_requesters (person_id, at);

-- State.provider (domain ProviderSetting): one row, with the consent given and the one pending
CREATE TABLE provider_setting (
  id                      boolean PRIMARY KEY DEFAULT true CHECK (id),
  current                 text NOT NULL DEFAULT 'none' CHECK (current IN ('skype', 'hangouts', 'none')),
  set_by                  text,
  set_at                  timestamptz,
  consent_tenant          text,
  consent_at              timestamptz,
  consent_requested_by    text,
  consent_nonce           text,
  pending_provider        text CHECK (pending_provider IN ('skype', 'hangouts', 'none')),
  pending_nonce           text,
  pending_requested_by    text,
  pending_conversation_id text,
  pending_expires_at      timestamptz,
  CHECK ((consent_tenant IS NULL) = (consent_nonce IS NULL)),
  CHECK ((pending_provider IS NULL) = (pending_nonce IS NULL))
);
INSERT INTO provider_setting DEFAULT VALUES;

-- State.usedNonces: a signed link (consent, connect) works once, across replicas
CREATE TABLE used_nonces (
  nonce   text PRIMARY KEY,
  used_at timestamptz NOT NULL
);

-- State.adminChannels (domain AdminChannel)
CREATE TABLE admin_channels (
  id              text PRIMARY KEY,
  name            text,
  active          boolean NOT NULL,
  added_by        text NOT NULL,
  added_at        timestamptz NOT NULL,
  inactive_reason text
);
CREATE INDEX admin_channels_active ON admin_channels (id) WHERE active;

-- State.addresses (domain ConversationAddress): the platform's opaque reference for a conversation
CREATE TABLE conversation_references (
  id         text PRIMARY KEY,
  data       jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

-- State.postedCards: each posted copy of a card, so a decision updates them in place
CREATE TABLE posted_cards (
  card_key   text NOT NULL,
  target     text NOT NULL,
  message_id text NOT NULL,
  PRIMARY KEY (card_key, target)
);

-- The audit trail (domain PendingAudit, ports/audit-log.ts): numbered by the sequence, written in
-- the transaction of the change it records, never changed afterwards.
CREATE TABLE audit (
  seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL,
  actor          text NOT NULL,
  action         text NOT NULL,
  integration_id text,
  details        text NOT NULL
);
CREATE INDEX audit_by_integration ON audit (integration_id, seq) WHERE integration_id IS NOT NULL;

CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP;
END
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();

-- State.outbox (domain Notice), ids `n<number>` from a sequence (State.counters.notice). A
-- replica claims due rows with
--   UPDATE outbox SET claimed_by = $me, claimed_until = now() + $lease WHERE id IN (
--     SELECT id FROM outbox WHERE state = 'queued' AND available_at <= now()
--       AND (claimed_until IS NULL OR claimed_until < now())
--     ORDER BY available_at, seq FOR UPDATE SKIP LOCKED LIMIT $n)
-- so no two replicas take one row; a replica that dies leaves its claims to expire. A sent notice
-- is kept as 'sent' (the embedded store drops it) until pruned, so a late retry can see it went.
CREATE SEQUENCE notice_numbers;

CREATE TABLE outbox (
  id            text PRIMARY KEY,
  -- queue order (ids sort as text: n10 < n9)
  seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  target        text NOT NULL,
  card_key      text,
  mode          text NOT NULL CHECK (mode IN ('post', 'update')),
  view          jsonb NOT NULL,
  state         text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'given-up')),
  attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- Notice.notBefore
  available_at  timestamptz NOT NULL,
  last_error    text,
  created_at    timestamptz NOT NULL,
  claimed_by    text,
  claimed_until timestamptz,
  sent_at       timestamptz,
  CHECK ((claimed_by IS NULL) = (claimed_until IS NULL)),
  CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_due ON outbox (available_at, seq) WHERE state = 'queued';
-- notices of one conversation go out in order
CREATE INDEX outbox_by_target ON outbox (target, seq) WHERE state = 'queued';

-- State.sentKeys: a deadline notice is queued once, whichever replica runs the pass
CREATE TABLE sent_notice_keys (
  key     text PRIMARY KEY,
  sent_at timestamptz NOT NULL
);

-- State.seenEvents: a Slack retry reaching any replica acts once
CREATE TABLE seen_events (
  event_id text PRIMARY KEY,
  seen_at  timestamptz NOT NULL
);
CREATE INDEX seen_events_by_age ON seen_events (seen_at);

-- Per-conversation pacing (adapters/delivery/rate-limiter.ts), held across replicas: the sends
-- still inside the longest window, a Retry-After hold, and the next moment a send is allowed.
CREATE TABLE conversation_pacing (
  target          text PRIMARY KEY,
  recent_sends    timestamptz[] NOT NULL DEFAULT '{}',
  blocked_until   timestamptz,
  next_allowed_at timestamptz NOT NULL
);

-- Schedules (deadline pass, reminders, digests): the replica that claims a run does it
CREATE TABLE schedules (
  name          text PRIMARY KEY,
  next_run_at   timestamptz NOT NULL,
  claimed_by    text,
  claimed_until timestamptz,
  last_run_at   timestamptz,
  CHECK ((claimed_by IS NULL) = (claimed_until IS NULL))
);
