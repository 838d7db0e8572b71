-- Attribution evidence per write: how firmly the channel is settled (certain / inferred; NULL when no rule settled it) and
-- what settled it, the configured integration a client id names, and the automation that made the write when its
-- Workflow_Event__e named it. Added on the partitioned parents, so every month partition gets them.
ALTER TABLE field_change ADD COLUMN attribution_confidence text;
ALTER TABLE field_change ADD COLUMN attribution_evidence text;
ALTER TABLE field_change ADD COLUMN integration_name text;
ALTER TABLE field_change ADD COLUMN automation_id text;

ALTER TABLE workflow_event ADD COLUMN attribution_confidence text;
ALTER TABLE workflow_event ADD COLUMN attribution_evidence text;
-- Stage changes: which way along the configured stage order, and how many open stages a skip passed over.
ALTER TABLE workflow_event ADD COLUMN stage_direction text;
ALTER TABLE workflow_event ADD COLUMN stages_skipped integer;
-- Handoffs: user_to_user, user_to_queue, queue_to_user, queue_to_queue; and on the handoff out of a queue, how long the
-- record sat in it.
ALTER TABLE workflow_event ADD COLUMN handoff_kind text;
ALTER TABLE workflow_event ADD COLUMN queue_dwell_seconds bigint;
-- Merges: on the survivor's event, the merged-away record.
ALTER TABLE workflow_event ADD COLUMN related_record_id text;

-- Field writes and Workflow_Event__e messages of one transaction are joined by correlation id after each write.
CREATE INDEX field_change_correlation ON field_change (correlation_id);
CREATE INDEX workflow_event_correlation ON workflow_event (correlation_id);

-- How each user's actor kind was settled (UserType, licence, API-only profile, a configured mapping), and the licence read.
ALTER TABLE crm_user ADD COLUMN user_license text;
ALTER TABLE crm_user ADD COLUMN kind_evidence text;
