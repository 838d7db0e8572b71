-- Alerts on process signals, one open row per dedup key (signal | segment | automation) while the incident
-- lasts; resolved rows stay as the record of past incidents. Silences hold back notifications until they expire.
CREATE TABLE alert (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key               text NOT NULL,
    signal            text NOT NULL,
    segment           text NOT NULL,
    automation        text,
    severity          text NOT NULL CHECK (severity IN ('warning', 'critical')),
    status            text NOT NULL CHECK (status IN ('firing', 'acknowledged', 'resolved')),
    value             numeric NOT NULL,
    threshold         numeric NOT NULL,
    record_ids        text[] NOT NULL,
    opened_at         timestamptz NOT NULL,
    last_seen_at      timestamptz NOT NULL,
    last_notified_at  timestamptz,
    notifications     integer NOT NULL,
    resolved_at       timestamptz,
    silenced_by       text
);

CREATE UNIQUE INDEX alert_open_key ON alert (key) WHERE status <> 'resolved';

CREATE TABLE silence (
    id          text PRIMARY KEY,
    signal      text,
    segment     text,
    automation  text,
    author      text NOT NULL,
    reason      text NOT NULL,
    starts_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL CHECK (expires_at > starts_at)
);
