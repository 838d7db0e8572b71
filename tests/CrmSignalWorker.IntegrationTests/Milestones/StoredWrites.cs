using System.Globalization;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSignalWorker.IntegrationTests.Milestones;

/// <summary>Stores field writes the way the history poll does (ChangeStore, with a checkpoint), for the derivation jobs to read.</summary>
internal static class StoredWrites
{
    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    /// <summary>Settings of a worker that derives events only: no Salesforce call is made, so the org address is never used.</summary>
    public static Dictionary<string, string?> Settings(PostgresDatabase database) => new()
    {
        ["Postgres:ConnectionString"] = database.ConnectionString,
        ["Redis:Configuration"] = TestEnvironment.RedisConfiguration,
        ["Redis:KeyPrefix"] = "crmsignal-test-" + Guid.NewGuid().ToString("N")[..8] + ":",
        ["Salesforce:LoginUrl"] = "https://example.my.salesforce.com",
        ["Salesforce:ClientId"] = "client",
        ["Salesforce:ClientSecret"] = "secret",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = "1",
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "crmsignal@example.test",
        // Rows are read as soon as they are stored; the tests commit them before each run.
        ["SlaClocks:SettleDelay"] = "00:00:00",
        ["Incentives:SettleDelay"] = "00:00:00",
    };

    public static FieldChange Write(string objectName, string recordId, string field, string? value, DateTimeOffset at, string market = "DACH") => new(
        SourceKey: $"history:{objectName}History:{recordId}:{field}:{at.ToUnixTimeMilliseconds()}",
        Source: ChangeSource.History,
        ObjectName: objectName,
        RecordId: recordId,
        Field: field,
        OldValue: null,
        NewValue: value,
        ChangedAt: at,
        ActorId: "005SDR",
        ActorKind: ActorKind.Human,
        Team: "SDR",
        Channel: Channel.Unknown,
        ClientName: null,
        CorrelationId: $"hist:{recordId}:005SDR:{at.ToUnixTimeSeconds()}",
        Market: market);

    public static Task StoreAsync(WorkerHarness worker, params FieldChange[] writes) =>
        worker.Get<ChangeStore>().IngestAsync(new IngestBatch(writes, [], [], []), new Checkpoint("history:test", null, null), CancellationToken.None);

    public static T Job<T>(this WorkerHarness worker)
        where T : notnull => worker.Services.GetRequiredService<T>();
}
