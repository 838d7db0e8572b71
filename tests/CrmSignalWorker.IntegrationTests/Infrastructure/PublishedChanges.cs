using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;
using Dapper;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>
/// Opportunity updates a test publishes on the simulated org's bus, and what the worker must have stored for them:
/// one field_change row per event × changed field, keyed by the event's replay id, and the last replay id as the
/// stream's checkpoint. Every event has its own replay id and values, so a lost, repeated or misplaced write shows.
/// </summary>
public sealed class PublishedChanges(SimulatedOrg org, PostgresDatabase database)
{
    public const string Topic = PubSubTopics.OpportunityChangeEvent;
    public const string Stream = "cdc:" + Topic;

    private static readonly string[] Stages = ["Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review"];
    private readonly List<(byte[] ReplayId, string RecordId, string[] Fields)> _published = [];

    public int Count => _published.Count;

    public byte[] LastReplayId => _published[^1].ReplayId;

    /// <summary>Starts the stream where the org's bus ends now, as a worker that had stored the last replay id would.</summary>
    public async Task StoreCurrentTipAsCheckpointAsync()
    {
        var tip = org.PubSub.Events[^1];
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO checkpoint (stream, watermark, replay_id, updated_at) VALUES (@Stream, @At, @ReplayId, now())",
            new { Stream, At = tip.CommitTimestamp.UtcDateTime, tip.ReplayId });
    }

    /// <summary>Publishes <paramref name="count"/> updates of StageName and Amount, plus <paramref name="extra"/> fields.</summary>
    public void Publish(int count, IReadOnlyDictionary<string, object?>? extra = null)
    {
        for (var i = 0; i < count; i++)
        {
            var n = _published.Count;
            var recordId = org.Scenario.Opportunities[n % 5].Id;
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["StageName"] = Stages[n % Stages.Length],
                ["Amount"] = 1000.0 + n,
            };
            foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
            {
                fields[name] = value;
            }

            var replayId = org.PubSub.PublishChange(new ChangeEventSpec
            {
                Entity = "Opportunity",
                RecordIds = [recordId],
                Fields = fields,
                ChangeOrigin = "com/salesforce/api/rest/62.0;client=MarketoSync",
            });
            _published.Add((replayId, recordId, [.. fields.Keys]));
        }
    }

    /// <summary>The source key of every row the published events must produce: cdc:&lt;replay id&gt;:&lt;record&gt;:&lt;field&gt;.</summary>
    public IReadOnlyList<string> ExpectedSourceKeys =>
        [.. _published.SelectMany(p => p.Fields.Select(f => $"cdc:{Convert.ToHexStringLower(p.ReplayId)}:{p.RecordId}:{f}")).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Waits (real time, generous) until the checkpoint holds the last published replay id and the rows are in.
    /// <paramref name="eachPoll"/> runs before every look, to surface a failed stream or move a fake clock along.
    /// </summary>
    public async Task WaitUntilStoredAsync(Func<Task> eachPoll)
    {
        ArgumentNullException.ThrowIfNull(eachPoll);
        for (var i = 0; i < 400; i++)
        {
            await eachPoll();
            if (await database.CountAsync("checkpoint", $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(LastReplayId)}'::bytea") == 1
                && await database.CountAsync("field_change", "source = 'cdc'") >= ExpectedSourceKeys.Count)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"After {Count} published events: {await database.CountAsync("field_change", "source = 'cdc'")} of {ExpectedSourceKeys.Count} rows stored, "
            + $"checkpoint at {Convert.ToHexStringLower(await StoredReplayIdAsync() ?? [])}, last published {Convert.ToHexStringLower(LastReplayId)}.");
    }

    public Task WaitUntilStoredAsync(IngestorRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WaitUntilStoredAsync(run.ThrowIfFailedAsync);
    }

    /// <summary>Every published change is stored exactly once, no other stream row is, and the checkpoint is the last replay id.</summary>
    public async Task AssertEachStoredOnceAsync()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var stored = (await connection.QueryAsync<string>("SELECT source_key FROM field_change WHERE source = 'cdc'")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ExpectedSourceKeys, stored);
        Assert.Equal(LastReplayId, await StoredReplayIdAsync());
    }

    private async Task<byte[]?> StoredReplayIdAsync()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<byte[]?>("SELECT replay_id FROM checkpoint WHERE stream = @Stream", new { Stream });
    }
}
