-- The first schema: field writes and workflow events from every source, the checkpoints that cover
-- them, signal values, the notification outbox and stop-the-line flags.

CREATE TABLE crm_user (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    user_type     text NOT NULL,
    profile_name  text,
    role_name     text,
    market        text,
    is_active     boolean NOT NULL,
    actor_kind    text NOT NULL,
    team          text,
    synced_at     timestamptz NOT NULL
);

CREATE TABLE field_change (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_key      text NOT NULL UNIQUE,
    source          text NOT NULL,
    object_name     text NOT NULL,
    record_id       text NOT NULL,
    field           text NOT NULL,
    old_value       text,
    new_value       text,
    changed_at      timestamptz NOT NULL,
    actor_id        text,
    actor_kind      text NOT NULL,
    team            text,
    channel         text NOT NULL,
    client_name     text,
    correlation_id  text NOT NULL,
    market          text NOT NULL,
    ingested_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX field_change_field_time ON field_change (object_name, field, changed_at);
CREATE INDEX field_change_record_time ON field_change (record_id, changed_at);

CREATE TABLE workflow_event (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_key      text NOT NULL UNIQUE,
    event_type      text NOT NULL,
    object_name     text NOT NULL,
    record_id       text NOT NULL,
    occurred_at     timestamptz NOT NULL,
    stage_before    text,
    stage_after     text,
    owner_before    text,
    owner_after     text,
    actor_id        text,
    actor_kind      text NOT NULL,
    team            text,
    channel         text NOT NULL,
    sla_clock_state text,
    automation_id   text,
    correlation_id  text NOT NULL,
    market          text NOT NULL
);
CREATE INDEX workflow_event_type_time ON workflow_event (event_type, occurred_at);
CREATE INDEX workflow_event_record_time ON workflow_event (record_id, occurred_at);

-- OpportunityHistory is a snapshot of stage, amount and close date, not a diff; kept whole.
CREATE TABLE opportunity_snapshot (
    id                text PRIMARY KEY,
    opportunity_id    text NOT NULL,
    stage_name        text,
    amount            numeric,
    close_date        date,
    probability       numeric,
    forecast_category text,
    prev_amount       numeric,
    prev_close_date   date,
    created_by_id     text NOT NULL,
    created_date      timestamptz NOT NULL
);
CREATE INDEX opportunity_snapshot_record_time ON opportunity_snapshot (opportunity_id, created_date);

CREATE TABLE checkpoint (
    stream      text PRIMARY KEY,
    watermark   timestamptz,
    replay_id   bytea,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE quarantine (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text NOT NULL,
    source_key  text NOT NULL,
    reason      text NOT NULL,
    payload     text NOT NULL,
    received_at timestamptz NOT NULL,
    UNIQUE (source, source_key)
);

CREATE TABLE signal_value (
    signal               text NOT NULL,
    day                  date NOT NULL,
    segment              text NOT NULL,
    value                numeric NOT NULL,
    numerator            integer NOT NULL,
    denominator          integer NOT NULL,
    threshold            numeric NOT NULL,
    breached             boolean NOT NULL,
    offending_record_ids text[] NOT NULL,
    evaluated_at         timestamptz NOT NULL,
    PRIMARY KEY (signal, day, segment)
);

CREATE TABLE notification_outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key  text NOT NULL UNIQUE,
    channel          text NOT NULL,
    destination      text NOT NULL,
    payload          jsonb NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status = 'pending';

CREATE TABLE stop_flag (
    automation  text PRIMARY KEY,
    paused      boolean NOT NULL,
    reason      text NOT NULL,
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL
);

-- Every flag change, append-only: who paused or resumed what, when and why.
CREATE TABLE stop_flag_change (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    automation  text NOT NULL,
    action      text NOT NULL CHECK (action IN ('pause', 'resume')),
    reason      text NOT NULL,
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL
);
