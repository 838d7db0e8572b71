using CrmSignalWorker.Core.Signals;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Signals;

/// <summary>Reads the observations signals need and keeps every evaluation with its drill-down.</summary>
public sealed class SignalStore(NpgsqlDataSource dataSource)
{
    /// <summary>Opportunity stage changes in [from, to), segmented by market.</summary>
    public async Task<IReadOnlyList<StageChangeObservation>> ReadStageChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<StageChangeRow>(new CommandDefinition(
            """
            SELECT record_id AS RecordId, market AS Market, occurred_at AS OccurredAt
              FROM workflow_event
             WHERE event_type = 'stage_change' AND object_name = 'Opportunity'
               AND occurred_at >= @from AND occurred_at < @to
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

    /// <summary>Stores evaluations; a re-run over the same data replaces the row with the same result.</summary>
    public async Task UpsertAsync(IReadOnlyList<SignalValue> values, DateTimeOffset evaluatedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO signal_value (signal, day, segment, value, numerator, denominator, threshold, breached, offending_record_ids, evaluated_at)
            VALUES (@Signal, @Day, @Segment, @Value, @Numerator, @Denominator, @Threshold, @Breached, @OffendingRecordIds, @EvaluatedAt)
            ON CONFLICT (signal, day, segment) DO UPDATE SET
                value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
                threshold = EXCLUDED.threshold, breached = EXCLUDED.breached,
                offending_record_ids = EXCLUDED.offending_record_ids, evaluated_at = EXCLUDED.evaluated_at
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
