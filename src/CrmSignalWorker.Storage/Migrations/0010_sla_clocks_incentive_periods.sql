-- SLA clocks and incentive milestones, derived from stored writes by SlaClockJob and IncentivePeriodJob.

-- The jobs read what was stored since their checkpoint, whatever instant the write itself carries (history arrives
-- minutes after CDC, a backfill months after the write), so workflow events record when they were stored, as field
-- changes already do. Existing rows get the migration's time, which is when a job first sees them anyway.
ALTER TABLE workflow_event ADD COLUMN ingested_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX field_change_ingested ON field_change (ingested_at);
CREATE INDEX workflow_event_ingested ON workflow_event (ingested_at);

-- What an SLA event reports beside sla_clock_state (running, paused, stopped, breached): the policy, the business time
-- used and left, and when the clock breaches if nothing happens; and the period an incentive event belongs to.
ALTER TABLE workflow_event
    ADD COLUMN sla_policy text,
    ADD COLUMN sla_elapsed interval,
    ADD COLUMN sla_remaining interval,
    ADD COLUMN sla_due_at timestamptz,
    ADD COLUMN incentive_period text,
    ADD COLUMN incentive_period_end timestamptz;

-- Open clocks only: a stopped clock's story is in its events. One per record and policy at a time.
CREATE TABLE sla_clock (
    record_id    text NOT NULL,
    policy       text NOT NULL,
    object_name  text NOT NULL,
    market       text NOT NULL,
    started_at   timestamptz NOT NULL,
    status       text NOT NULL CHECK (status IN ('running', 'paused')),
    elapsed      interval NOT NULL,
    since        timestamptz NOT NULL,
    breached_at  timestamptz,
    -- Set while running and not yet breached: the breach scan finds clocks that ran out without any write by it.
    due_at       timestamptz,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (record_id, policy)
);
CREATE INDEX sla_clock_due ON sla_clock (due_at) WHERE due_at IS NOT NULL;

-- Records in commit now, and the last period whose final days each was seen into.
CREATE TABLE commit_state (
    record_id           text PRIMARY KEY,
    object_name         text NOT NULL,
    market              text NOT NULL,
    entered_at          timestamptz NOT NULL,
    final_days_through  timestamptz,
    updated_at          timestamptz NOT NULL
);
