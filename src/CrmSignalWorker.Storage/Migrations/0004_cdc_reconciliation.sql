-- One write, one row, whichever source delivered it first. CDC and field history describe the same write
-- with different ids (replay id vs history row id), so rows are also unique by what the write was: object,
-- record, field, writer, the second it committed (history keeps one-second precision) and the value written.
-- The key is computed by the worker (WriteKeys); rows stored before it existed keep their source key as theirs.
ALTER TABLE field_change ADD COLUMN write_key text;
UPDATE field_change SET write_key = source_key;
ALTER TABLE field_change ALTER COLUMN write_key SET NOT NULL;
CREATE UNIQUE INDEX field_change_write_key ON field_change (write_key);

ALTER TABLE workflow_event ADD COLUMN write_key text;
UPDATE workflow_event SET write_key = source_key;
ALTER TABLE workflow_event ALTER COLUMN write_key SET NOT NULL;
CREATE UNIQUE INDEX workflow_event_write_key ON workflow_event (write_key);

-- Records whose history must be read again because the change stream could not deliver their writes
-- (a GAP_* event). Queued in the transaction that moves the stream past the gap, so a crash cannot lose one.
CREATE TABLE history_reread (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    history_object  text NOT NULL,
    record_ids      text[] NOT NULL,
    since           timestamptz NOT NULL,
    reason          text NOT NULL,
    requested_at    timestamptz NOT NULL
);

-- A quarantined payload is re-driven after a fix; resolved rows stay as the record of what went wrong.
ALTER TABLE quarantine ADD COLUMN resolved_at timestamptz;
ALTER TABLE quarantine ADD COLUMN resolution text;
