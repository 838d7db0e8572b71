using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Ingest;

/// <summary>
/// What can only be settled once rows from several sources or batches are stored, run after each write in its transaction:
/// the automation that announced a write (Workflow_Event__e of the same transaction), how long a record sat in a queue, and
/// the merged-away side of a merge. Each statement is scoped to what the batch touched, so a batch costs a few index probes.
/// </summary>
internal static class WorkflowLinks
{
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IngestBatch batch, CancellationToken ct)
    {
        var correlations = batch.FieldChanges.Select(c => c.CorrelationId)
            .Concat(batch.WorkflowEvents.Select(e => e.CorrelationId))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (correlations.Length > 0)
        {
            // History's synthetic ids never match an announcement (until CDC replaces them, in a batch carrying CDC's id).
            var joinable = correlations.Where(c => !c.StartsWith("hist:", StringComparison.Ordinal)).ToArray();
            await LockAsync(connection, tx, CorrelationLocks, joinable, ct);
            await connection.ExecuteAsync(new CommandDefinition(AnnouncedAutomation, new { correlations }, tx, cancellationToken: ct));
        }

        var handedOff = batch.WorkflowEvents.Where(e => e.EventType == WorkflowEventType.Handoff).Select(e => e.RecordId)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (handedOff.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(QueueDwell, new { records = handedOff }, tx, cancellationToken: ct));
        }

        // Either side of a merge may arrive first: the survivor's history row or the merged-away record's CDC DELETE.
        if (batch.WorkflowEvents.Any(e => e.EventType == WorkflowEventType.RecordMerged)
            || batch.FieldChanges.Any(c => c.Field == "deleted"))
        {
            await LockAsync(connection, tx, MergeLocks, [MergeLockName], ct);
            await connection.ExecuteAsync(new CommandDefinition(MergedAwayRecord, transaction: tx, cancellationToken: ct));
        }
    }

    private const string MergeLockName = "record_merged";

    // Advisory-lock namespaces (the two-key form, apart from the single-key locks elsewhere). Correlation locks are always
    // taken before the merge lock, and in bucket order, so two batches cannot wait on each other.
    private const int CorrelationLocks = 0x4c4e4b;
    private const int MergeLocks = 0x4c4e4c;

    /// <summary>
    /// The two sides of a link arrive on different streams, committed by concurrent transactions that cannot see each
    /// other's rows. A transaction-scoped lock per key (hashed into buckets, taken in order) makes the second of two
    /// overlapping writers wait for the first's commit, so its join statement, which starts after the wait, sees both.
    /// </summary>
    private static Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int lockNamespace, string[] keys, CancellationToken ct) =>
        keys.Length == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition(
                """
                SELECT pg_advisory_xact_lock(@lockNamespace, k)
                  FROM (SELECT DISTINCT abs(hashtext(key) % 4096) AS k FROM unnest(@keys) AS key ORDER BY 1) AS buckets
                """, new { lockNamespace, keys }, tx, cancellationToken: ct));

    // A Flow that publishes Workflow_Event__e names itself and the transaction (Correlation_Id__c = the CDC transactionKey).
    // The writes of that transaction to that record which the event describes (the derived event of the same type: the
    // owner write of a handoff, the stage write of a stage change) are the automation's, whatever changeOrigin the
    // transaction carried: flows run inside the saving user's transaction and inherit its origin. Writes the event does not
    // describe (an amount the user typed in the same save) keep their own channel.
    private static readonly string AnnouncedAutomation =
        $"""
        WITH announced AS (
            SELECT DISTINCT ON (d.source_key, d.occurred_month) d.source_key, d.occurred_month, p.automation_id
              FROM workflow_event p
              JOIN workflow_event d ON d.correlation_id = p.correlation_id AND d.record_id = p.record_id AND d.event_type = p.event_type
             WHERE p.correlation_id = ANY(@correlations) AND p.source_key LIKE 'pe:%' AND p.automation_id IS NOT NULL
               AND d.source_key NOT LIKE 'pe:%' AND d.automation_id IS DISTINCT FROM p.automation_id
             ORDER BY d.source_key, d.occurred_month, p.occurred_at, p.id
        ), events AS (
            UPDATE workflow_event d
               SET automation_id = a.automation_id, channel = 'automation', attribution_confidence = 'certain',
                   attribution_evidence = '{ChannelAttribution.AnnouncedBy("")}' || a.automation_id
              FROM announced a
             WHERE d.source_key = a.source_key AND d.occurred_month = a.occurred_month
            RETURNING d.source_key, d.automation_id
        )
        UPDATE field_change f
           SET automation_id = e.automation_id, channel = 'automation', attribution_confidence = 'certain',
               attribution_evidence = '{ChannelAttribution.AnnouncedBy("")}' || e.automation_id
          FROM events e
         WHERE f.source_key = e.source_key
        """;

    // Dwell is stamped on the handoff out of a queue: the time since the latest handoff into that queue. Only events derived
    // from owner writes count (a Flow's own handoff message repeats one of them). A record that entered the queue at
    // creation, or before the stored history begins, has no handoff into it and its dwell stays unknown.
    private const string QueueDwell =
        """
        UPDATE workflow_event h
           SET queue_dwell_seconds = floor(extract(epoch FROM h.occurred_at - entered.at))::bigint
          FROM workflow_event o
          CROSS JOIN LATERAL (
              SELECT max(e.occurred_at) AS at
                FROM workflow_event e
               WHERE e.record_id = o.record_id AND e.event_type = 'handoff' AND e.source_key NOT LIKE 'pe:%'
                 AND e.owner_after = o.owner_before AND e.occurred_at < o.occurred_at) entered
         WHERE h.id = o.id AND h.occurred_month = o.occurred_month
           AND o.record_id = ANY(@records) AND o.event_type = 'handoff' AND o.source_key NOT LIKE 'pe:%'
           AND o.owner_before LIKE '00G%' AND o.queue_dwell_seconds IS NULL AND entered.at IS NOT NULL
        """;

    // History's merge row (leadMerged, accountMerged, …) sits on the survivor and names the merged-away record only by name;
    // the merged-away record's CDC DELETE by the same user in the same second names it by id. Linked only when exactly one
    // such record exists, since a three-way merge deletes two and the rows cannot tell which is which.
    private const string MergedAwayRecord =
        """
        UPDATE workflow_event m
           SET related_record_id = d.record_id,
               attribution_evidence = coalesce(m.attribution_evidence || '; ', '') || 'merged-away ' || d.record_id
                   || ' deleted by the same user in the same second'
          FROM (SELECT m2.id, m2.occurred_month, min(f.record_id) AS record_id
                  FROM workflow_event m2
                  JOIN field_change f ON f.object_name = m2.object_name AND f.field = 'deleted' AND f.actor_id = m2.actor_id
                                     AND f.changed_at >= date_trunc('second', m2.occurred_at)
                                     AND f.changed_at < date_trunc('second', m2.occurred_at) + interval '1 second'
                                     AND f.record_id <> m2.record_id
                 WHERE m2.event_type = 'record_merged' AND m2.related_record_id IS NULL
                 GROUP BY m2.id, m2.occurred_month
                HAVING count(DISTINCT f.record_id) = 1) d
         WHERE m.id = d.id AND m.occurred_month = d.occurred_month
        """;
}
