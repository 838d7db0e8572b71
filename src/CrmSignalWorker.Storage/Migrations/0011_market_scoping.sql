-- Market scoping (issue 7, item 8): the API reads under row-level security keyed on each row's market, so a
-- query that forgets its filter still returns only the markets of the caller's token.
--
-- The API's reads run in a read-only transaction that switches to the non-login role crmsignal_scoped
-- (SET LOCAL ROLE) and sets, transaction-locally, which markets it may see:
--   crmsignal.markets      a text[] literal such as {DE,AT}
--   crmsignal.all_markets  'on' for a token with Markets '*', which also sees rows without a market
-- Unset or empty settings match nothing: a session that forgot them reads no rows rather than all of them.
--
-- The policies are written for PUBLIC, not for crmsignal_scoped, so this migration needs no role to exist (creating
-- one takes CREATEROLE, which managed databases often withhold from the application user; ScopedRoleProvisioner does
-- it at start-up, only when API tokens are configured). Tables stay readable in full by their owner, the worker's own
-- user, because ENABLE (not FORCE) ROW LEVEL SECURITY exempts it: ingest, signals and jobs are unaffected. Any other
-- role that is granted SELECT reads through the same policies.
--
-- field_change and workflow_event are partitioned: the policy of the parent applies to every row read through it,
-- including partitions created later. Their partitions carry no policy; the scoped role is granted SELECT on the
-- parents only, so naming a partition directly is refused rather than unfiltered.

CREATE FUNCTION crmsignal_market_visible(market text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    -- One SQL expression, so the planner inlines it into each query instead of calling a function per row.
    AS $$
        SELECT coalesce(current_setting('crmsignal.all_markets', true), '') = 'on'
            OR market = ANY (coalesce(nullif(current_setting('crmsignal.markets', true), ''), '{}')::text[])
    $$;

ALTER TABLE field_change ENABLE ROW LEVEL SECURITY;
CREATE POLICY field_change_market_scope ON field_change FOR SELECT TO PUBLIC USING (crmsignal_market_visible(market));

ALTER TABLE workflow_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY workflow_event_market_scope ON workflow_event FOR SELECT TO PUBLIC USING (crmsignal_market_visible(market));

-- A record without a market (the org leaves the field empty) is visible to '*' tokens only.
ALTER TABLE crm_record ENABLE ROW LEVEL SECURITY;
CREATE POLICY crm_record_market_scope ON crm_record FOR SELECT TO PUBLIC USING (crmsignal_market_visible(market));
