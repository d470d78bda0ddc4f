-- The rows each write wrote, as its NOTIFY carries them (src/adapters/storage/postgres/change-notice.ts),
-- by the write's last change number. A replica that takes the write lock before another's notice
-- reached it reads the notices it missed here, in the query that took the lock, rather than
-- reading back every row `changes` names; a notice too large for NOTIFY is only here. Pruned with
-- `changes`.
CREATE TABLE change_notices (
  last   bigint PRIMARY KEY,
  notice text NOT NULL
);
