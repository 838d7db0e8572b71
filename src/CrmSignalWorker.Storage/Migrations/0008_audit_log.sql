-- The audit log: every flag change, message sent, refused request and configuration change, append-only and
-- hash-chained (each row's hash covers the previous row's hash), so altering or deleting a row is detected.
CREATE TABLE audit_log (
    position       bigint PRIMARY KEY,
    recorded_at    timestamptz NOT NULL,
    kind           text NOT NULL,
    actor          text NOT NULL,
    subject        text NOT NULL,
    detail         text NOT NULL,
    previous_hash  text NOT NULL,
    hash           text NOT NULL
);

-- Append-only for the worker and anyone using its role. An owner can still disable the trigger; the chain is
-- what catches that.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
