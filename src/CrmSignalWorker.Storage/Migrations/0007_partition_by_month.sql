-- field_change and workflow_event are partitioned by month, so a month past Retention:Months is dropped whole
-- instead of deleted row by row (see PartitionMaintenance).
--
-- Postgres requires every unique constraint of a partitioned table to include the partition key, and the
-- timestamps cannot be in them: CDC keeps milliseconds and history whole seconds, so the two copies of one write
-- differ in changed_at and (write_key, changed_at) would store both. The key is the UTC month instead, a plain
-- column the insert fills (a generated column cannot be a partition key) and a check holds to the timestamp.
-- The two copies of one write share the second their write_key names, and so its month: unique
-- (write_key, month) still stores one write once whichever source delivered it, and (source_key, month) a
-- re-read of one source once.
--
-- Each table is rebuilt in place, inside this migration's transaction: the old one is renamed, its rows are
-- copied (ids kept) into a partitioned table with one partition per month that holds rows, the current month and
-- the next two, and a DEFAULT partition for any other month; then the old table is dropped and the constraints
-- and indexes are built on the new one.

ALTER TABLE field_change RENAME TO field_change_unpartitioned;
ALTER TABLE workflow_event RENAME TO workflow_event_unpartitioned;

-- The identity sequences go with the old tables; new ones continue where they stopped.
CREATE SEQUENCE field_change_row_id AS bigint;
SELECT setval('field_change_row_id', last_value, is_called) FROM field_change_id_seq;
CREATE SEQUENCE workflow_event_row_id AS bigint;
SELECT setval('workflow_event_row_id', last_value, is_called) FROM workflow_event_id_seq;

CREATE TABLE field_change (
    id              bigint NOT NULL DEFAULT nextval('field_change_row_id'),
    source_key      text NOT NULL,
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
    ingested_at     timestamptz NOT NULL DEFAULT now(),
    write_key       text NOT NULL,
    changed_month   date NOT NULL,
    -- A row in the wrong month would escape de-duplication against its twin from the other source.
    CONSTRAINT field_change_month_of_changed_at CHECK (changed_month = (date_trunc('month', changed_at AT TIME ZONE 'UTC'))::date)
) PARTITION BY RANGE (changed_month);
ALTER SEQUENCE field_change_row_id OWNED BY field_change.id;

CREATE TABLE workflow_event (
    id              bigint NOT NULL DEFAULT nextval('workflow_event_row_id'),
    source_key      text NOT NULL,
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
    market          text NOT NULL,
    write_key       text NOT NULL,
    occurred_month  date NOT NULL,
    CONSTRAINT workflow_event_month_of_occurred_at CHECK (occurred_month = (date_trunc('month', occurred_at AT TIME ZONE 'UTC'))::date)
) PARTITION BY RANGE (occurred_month);
ALTER SEQUENCE workflow_event_row_id OWNED BY workflow_event.id;

CREATE TABLE field_change_default PARTITION OF field_change DEFAULT;
CREATE TABLE workflow_event_default PARTITION OF workflow_event DEFAULT;

-- Partitions are named <table>_<yyyy>_<mm>; PartitionMaintenance recognises them by their bounds, not their names.
DO $$
DECLARE
    target record;
    month date;
BEGIN
    FOR target IN SELECT * FROM (VALUES ('field_change', 'changed_at'), ('workflow_event', 'occurred_at')) AS t (name, time_column)
    LOOP
        FOR month IN EXECUTE format(
            $sql$
            SELECT DISTINCT (date_trunc('month', %I AT TIME ZONE 'UTC'))::date FROM %I
             UNION
            SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + ahead * interval '1 month')::date FROM generate_series(0, 2) AS ahead
            $sql$,
            target.time_column, target.name || '_unpartitioned')
        LOOP
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                target.name || '_' || to_char(month, 'YYYY_MM'), target.name, month, (month + interval '1 month')::date);
        END LOOP;
    END LOOP;
END
$$;

INSERT INTO field_change (id, source_key, source, object_name, record_id, field, old_value, new_value, changed_at, actor_id,
                          actor_kind, team, channel, client_name, correlation_id, market, ingested_at, write_key, changed_month)
SELECT id, source_key, source, object_name, record_id, field, old_value, new_value, changed_at, actor_id,
       actor_kind, team, channel, client_name, correlation_id, market, ingested_at, write_key,
       (date_trunc('month', changed_at AT TIME ZONE 'UTC'))::date
  FROM field_change_unpartitioned;

INSERT INTO workflow_event (id, source_key, event_type, object_name, record_id, occurred_at, stage_before, stage_after, owner_before,
                            owner_after, actor_id, actor_kind, team, channel, sla_clock_state, automation_id, correlation_id, market,
                            write_key, occurred_month)
SELECT id, source_key, event_type, object_name, record_id, occurred_at, stage_before, stage_after, owner_before,
       owner_after, actor_id, actor_kind, team, channel, sla_clock_state, automation_id, correlation_id, market,
       write_key, (date_trunc('month', occurred_at AT TIME ZONE 'UTC'))::date
  FROM workflow_event_unpartitioned;

-- Dropped before the constraints below are named, since the old tables' indexes hold those names.
DROP TABLE field_change_unpartitioned;
DROP TABLE workflow_event_unpartitioned;

ALTER TABLE field_change ADD CONSTRAINT field_change_pkey PRIMARY KEY (id, changed_month);
ALTER TABLE field_change ADD CONSTRAINT field_change_source_key UNIQUE (source_key, changed_month);
ALTER TABLE field_change ADD CONSTRAINT field_change_write_key UNIQUE (write_key, changed_month);
CREATE INDEX field_change_field_time ON field_change (object_name, field, changed_at);
CREATE INDEX field_change_record_time ON field_change (record_id, changed_at);

ALTER TABLE workflow_event ADD CONSTRAINT workflow_event_pkey PRIMARY KEY (id, occurred_month);
ALTER TABLE workflow_event ADD CONSTRAINT workflow_event_source_key UNIQUE (source_key, occurred_month);
ALTER TABLE workflow_event ADD CONSTRAINT workflow_event_write_key UNIQUE (write_key, occurred_month);
CREATE INDEX workflow_event_type_time ON workflow_event (event_type, occurred_at);
CREATE INDEX workflow_event_record_time ON workflow_event (record_id, occurred_at);
