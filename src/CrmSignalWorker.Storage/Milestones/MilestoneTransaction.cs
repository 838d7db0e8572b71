using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Milestones;
using CrmSignalWorker.Storage.Ingest;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Milestones;

/// <summary>
/// One run of a derivation job over what was stored since its checkpoint, in one transaction: it reads the writes and
/// workflow steps stored in [checkpoint, cutoff), the job's state and events are written, and the checkpoint moves to the
/// cutoff, all committed together. A crash before the commit leaves nothing, and the next run derives the same again.
/// </summary>
/// <remarks>
/// The stream's transaction-scoped advisory lock keeps two replicas that both believe they lead (for at most one lease
/// renewal) from deriving at once. The cutoff is the database's clock less a settle delay, since stored rows carry the
/// database's time of their insert and a transaction that started earlier may still be committing rows with it.
/// </remarks>
public sealed class MilestoneTransaction : IAsyncDisposable
{
    // Before any row could have been stored: where a stream without a checkpoint starts.
    private static readonly DateTimeOffset Beginning = DateTimeOffset.UnixEpoch;

    private MilestoneTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, string stream, DateTimeOffset? watermark, DateTimeOffset cutoff)
    {
        Connection = connection;
        Transaction = transaction;
        Stream = stream;
        Watermark = watermark;
        Cutoff = watermark is { } w && w > cutoff ? w : cutoff;
    }

    public string Stream { get; }

    /// <summary>Rows stored from here on are new to this run; null on the first run, which reads everything stored.</summary>
    public DateTimeOffset? Watermark { get; }

    /// <summary>Rows stored before this instant are read; it becomes the checkpoint.</summary>
    public DateTimeOffset Cutoff { get; }

    internal NpgsqlConnection Connection { get; }

    internal NpgsqlTransaction Transaction { get; }

    /// <returns>Null when another run of the stream holds its lock; that run does the same work.</returns>
    public static async Task<MilestoneTransaction?> BeginAsync(NpgsqlDataSource dataSource, string stream, TimeSpan settleDelay, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(ct);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(ct);
            var row = await connection.QuerySingleAsync<BeginRow>(new CommandDefinition(
                """
                SELECT pg_try_advisory_xact_lock(hashtextextended(@stream, 0)) AS Locked,
                       now() - @settleDelay AS Cutoff,
                       (SELECT watermark FROM checkpoint WHERE stream = @stream) AS Watermark
                """,
                new { stream, settleDelay },
                transaction,
                cancellationToken: ct));
            if (!row.Locked)
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
                return null;
            }

            return new MilestoneTransaction(connection, transaction, stream, Utc(row.Watermark), Utc(row.Cutoff)!.Value);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The filtered writes and workflow steps stored in [watermark, cutoff), each with its record's market.</summary>
    public async Task<IReadOnlyList<MilestoneInput>> ReadInputsAsync(MilestoneInputFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var args = new
        {
            from = (Watermark ?? Beginning).ToUniversalTime(),
            cutoff = Cutoff.ToUniversalTime(),
            objects = filter.Objects.Select(o => o.ToLowerInvariant()).ToArray(),
            fields = filter.Fields.Select(f => f.ToLowerInvariant()).ToArray(),
            types = filter.Activities.Select(DbText.Of).ToArray(),
        };
        var writes = await Connection.QueryAsync<InputRow>(new CommandDefinition(
            """
            SELECT f.id AS Sequence, f.object_name AS ObjectName, f.record_id AS RecordId, f.changed_at AS At,
                   coalesce(r.market, f.market) AS Market, f.field AS Field, f.new_value AS Value, NULL AS EventType,
                   f.actor_id AS ActorId, f.actor_kind AS ActorKind, f.team AS Team, f.channel AS Channel, f.correlation_id AS CorrelationId
              FROM field_change f
              LEFT JOIN crm_record r ON r.id = f.record_id
             WHERE f.ingested_at >= @from AND f.ingested_at < @cutoff
               AND lower(f.object_name) = ANY(@objects) AND lower(f.field) = ANY(@fields)
            """,
            args,
            Transaction,
            cancellationToken: ct));
        var steps = args.types.Length == 0 ? [] : await Connection.QueryAsync<InputRow>(new CommandDefinition(
            """
            SELECT w.id AS Sequence, w.object_name AS ObjectName, w.record_id AS RecordId, w.occurred_at AS At,
                   coalesce(r.market, w.market) AS Market, NULL AS Field, NULL AS Value, w.event_type AS EventType,
                   w.actor_id AS ActorId, w.actor_kind AS ActorKind, w.team AS Team, w.channel AS Channel, w.correlation_id AS CorrelationId
              FROM workflow_event w
              LEFT JOIN crm_record r ON r.id = w.record_id
             WHERE w.ingested_at >= @from AND w.ingested_at < @cutoff
               AND lower(w.object_name) = ANY(@objects) AND w.event_type = ANY(@types)
            """,
            args,
            Transaction,
            cancellationToken: ct));
        return writes.Concat(steps).Select(r => r.ToInput(filter.Activities)).ToList();
    }

    /// <summary>Stores derived events; one whose key is stored already is skipped.</summary>
    /// <returns>The events stored now.</returns>
    public async Task<IReadOnlyList<MilestoneEvent>> InsertEventsAsync(IEnumerable<MilestoneEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        var stored = new List<MilestoneEvent>();
        foreach (var e in events)
        {
            var inserted = await Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO workflow_event (source_key, write_key, event_type, object_name, record_id, occurred_at, occurred_month,
                                            actor_id, actor_kind, team, channel, sla_clock_state, correlation_id, market,
                                            sla_policy, sla_elapsed, sla_remaining, sla_due_at, incentive_period, incentive_period_end)
                VALUES (@Key, @Key, @EventType, @ObjectName, @RecordId, @OccurredAt, (date_trunc('month', @OccurredAt AT TIME ZONE 'UTC'))::date,
                        @ActorId, @ActorKind, @Team, @Channel, @SlaClockState, @CorrelationId, @Market,
                        @SlaPolicy, @SlaElapsed, @SlaRemaining, @SlaDueAt, @PeriodKey, @PeriodEnd)
                ON CONFLICT DO NOTHING
                """,
                new
                {
                    e.Key,
                    EventType = DbText.Of(e.EventType),
                    e.ObjectName,
                    e.RecordId,
                    OccurredAt = e.OccurredAt.ToUniversalTime(),
                    e.ActorId,
                    ActorKind = DbText.Of(e.ActorKind),
                    e.Team,
                    Channel = DbText.Of(e.Channel),
                    SlaClockState = e.Sla is { } sla ? DbText.Of(sla.State) : null,
                    e.CorrelationId,
                    e.Market,
                    SlaPolicy = e.Sla?.Policy,
                    SlaElapsed = e.Sla?.Elapsed,
                    SlaRemaining = e.Sla?.Remaining,
                    SlaDueAt = e.Sla?.DueAt?.ToUniversalTime(),
                    e.PeriodKey,
                    PeriodEnd = e.PeriodEnd?.ToUniversalTime(),
                },
                Transaction,
                cancellationToken: ct));
            if (inserted > 0)
            {
                stored.Add(e);
            }
        }

        return stored;
    }

    /// <summary>Moves the checkpoint to the cutoff and commits everything the run wrote.</summary>
    public async Task CommitAsync(DateTimeOffset now, CancellationToken ct)
    {
        await CheckpointWriter.WriteAsync(Connection, Transaction, new Checkpoint(Stream, Cutoff, null), now, ct);
        await Transaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    /// <summary>An event type as stored in workflow_event.event_type, e.g. sla_breach.</summary>
    public static string EventTypeName(WorkflowEventType type) => DbText.Of(type);

    internal static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private sealed class BeginRow
    {
        public bool Locked { get; set; }
        public DateTime? Cutoff { get; set; }
        public DateTime? Watermark { get; set; }
    }

    private sealed class InputRow
    {
        public long Sequence { get; set; }
        public string ObjectName { get; set; } = "";
        public string RecordId { get; set; } = "";
        public DateTime At { get; set; }
        public string Market { get; set; } = "";
        public string? Field { get; set; }
        public string? Value { get; set; }
        public string? EventType { get; set; }
        public string? ActorId { get; set; }
        public string ActorKind { get; set; } = "";
        public string? Team { get; set; }
        public string Channel { get; set; } = "";
        public string CorrelationId { get; set; } = "";

        public MilestoneInput ToInput(IReadOnlyCollection<WorkflowEventType> activities) => new(
            ObjectName,
            RecordId,
            Utc(At)!.Value,
            Market,
            Field,
            Value,
            EventType is null ? null : activities.First(a => DbText.Of(a) == EventType),
            ActorId,
            DbText.ActorKindOf(ActorKind),
            Team,
            DbText.ChannelOf(Channel),
            CorrelationId,
            Sequence);
    }
}
