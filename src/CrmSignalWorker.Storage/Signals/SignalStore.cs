using CrmSignalWorker.Core.Signals;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Signals;

/// <summary>Reads the observations signals need and keeps every evaluation with its drill-down.</summary>
public sealed class SignalStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Opportunity stage changes in [from, to), segmented by the record's market as synced now, or the
    /// market stamped at ingest when the record is unknown (it was created after the last record sync).
    /// </summary>
    public Task<IReadOnlyList<StageChangeObservation>> ReadStageChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        ReadEventsAsync("e.event_type = 'stage_change' AND e.object_name = 'Opportunity'", from, to, ct);

    /// <summary>Owner changes (handoffs) of opportunities and leads in [from, to), with the record's segment.</summary>
    public Task<IReadOnlyList<StageChangeObservation>> ReadOwnerChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        ReadEventsAsync("e.event_type = 'handoff' AND e.object_name IN ('Opportunity', 'Lead')", from, to, ct);

    /// <param name="filter">A constant SQL condition on <c>e</c>; never user input.</param>
    private async Task<IReadOnlyList<StageChangeObservation>> ReadEventsAsync(string filter, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<StageChangeRow>(new CommandDefinition(
            $"""
            SELECT e.record_id AS RecordId, COALESCE(r.market, e.market) AS Market, e.occurred_at AS OccurredAt
              FROM workflow_event e
              LEFT JOIN crm_record r ON r.id = e.record_id
             WHERE {filter}
               AND e.occurred_at >= @from AND e.occurred_at < @to
            """, new { from = from.ToUniversalTime(), to = to.ToUniversalTime() }, cancellationToken: ct));
        return rows.Select(r => new StageChangeObservation(r.RecordId, r.Market, Utc(r.OccurredAt))).ToList();
    }

    /// <summary>The UTC days that hold at least one opportunity stage change, for evaluating a range.</summary>
    public async Task<(DateOnly First, DateOnly Last)?> StageChangeDayRangeAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<DayRangeRow>(new CommandDefinition(
            """
            SELECT min(occurred_at) AS First, max(occurred_at) AS Last
              FROM workflow_event
             WHERE event_type = 'stage_change' AND object_name = 'Opportunity'
            """, cancellationToken: ct));
        return row.First is { } first && row.Last is { } last
            ? (DateOnly.FromDateTime(first), DateOnly.FromDateTime(last))
            : null;
    }

    /// <summary>
    /// Replaces one signal's evaluations of the days [from, to] with <paramref name="values"/>: a re-run over the
    /// same data stores the same rows, and a segment that no longer occurs on a day (late history moved its
    /// records) disappears instead of lingering.
    /// </summary>
    public async Task ReplaceAsync(string signal, DateOnly from, DateOnly to, IReadOnlyList<SignalValue> values, DateTimeOffset evaluatedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(values);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Two evaluations of one signal can overlap for a renewal interval around a leader change: without the lock
        // both would delete nothing and the second insert would hit the primary key. Serialised, the later one wins.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('signal_value:' || @signal))", new { signal }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM signal_value WHERE signal = @signal AND day BETWEEN @from AND @to",
            new { signal, from = from.ToDateTime(TimeOnly.MinValue), to = to.ToDateTime(TimeOnly.MinValue) },
            tx,
            cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO signal_value (signal, day, segment, value, numerator, denominator, threshold, breached, offending_record_ids, evaluated_at)
            VALUES (@Signal, @Day, @Segment, @Value, @Numerator, @Denominator, @Threshold, @Breached, @OffendingRecordIds, @EvaluatedAt)
            """,
            values.Select(v => new
            {
                v.Signal,
                Day = v.Day.ToDateTime(TimeOnly.MinValue),
                v.Segment,
                v.Value,
                v.Numerator,
                v.Denominator,
                v.Threshold,
                v.Breached,
                OffendingRecordIds = v.OffendingRecordIds.ToArray(),
                EvaluatedAt = evaluatedAt.ToUniversalTime(),
            }),
            tx,
            cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>Evaluations of one signal for the days [from, to], ordered by day and segment.</summary>
    public async Task<IReadOnlyList<SignalValue>> ReadAsync(string signal, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SignalValueRow>(new CommandDefinition(
            """
            SELECT signal AS Signal, day AS Day, segment AS Segment, numerator AS Numerator, denominator AS Denominator,
                   threshold AS Threshold, offending_record_ids AS OffendingRecordIds
              FROM signal_value
             WHERE signal = @signal AND day BETWEEN @from AND @to
             ORDER BY day, segment
            """,
            new { signal, from = from.ToDateTime(TimeOnly.MinValue), to = to.ToDateTime(TimeOnly.MinValue) },
            cancellationToken: ct));
        return rows.Select(r => new SignalValue(r.Signal, DateOnly.FromDateTime(r.Day), r.Segment, r.Numerator, r.Denominator, r.Threshold, r.OffendingRecordIds)).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class StageChangeRow
    {
        public string RecordId { get; set; } = "";
        public string Market { get; set; } = "";
        public DateTime OccurredAt { get; set; }
    }

    private sealed class DayRangeRow
    {
        public DateTime? First { get; set; }
        public DateTime? Last { get; set; }
    }

    private sealed class SignalValueRow
    {
        public string Signal { get; set; } = "";
        public DateTime Day { get; set; }
        public string Segment { get; set; } = "";
        public int Numerator { get; set; }
        public int Denominator { get; set; }
        public decimal Threshold { get; set; }
        public string[] OffendingRecordIds { get; set; } = [];
    }
}
