-- Setup changes read from SetupAuditTrail: who activated or edited which flow, rule or permission, and when.
-- The trace of a spike asks which of them happened in the window before it began, so rows are found by time.
-- The audit row id is the key: a row read again (overlap, lost checkpoint) is not stored twice. Salesforce's own
-- action, section and display are kept beside the kind, so changes can be re-read when the rules learn more.
CREATE TABLE configuration_change (
    id              text PRIMARY KEY,
    kind            text NOT NULL,
    component       text,
    action          text NOT NULL,
    section         text,
    display         text,
    changed_at      timestamptz NOT NULL,
    changed_by_id   text,
    delegate_user   text,
    ingested_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX configuration_change_time ON configuration_change (changed_at);
CREATE INDEX configuration_change_kind_time ON configuration_change (kind, changed_at);
