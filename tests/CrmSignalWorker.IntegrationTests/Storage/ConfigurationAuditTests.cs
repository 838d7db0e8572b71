using CrmSignalWorker.AuditLog;
using CrmSignalWorker.Core.AuditLog;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.AuditLog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSignalWorker.IntegrationTests.Storage;

/// <summary>Each start records which of the worker's settings changed since the last one, once, and never a value.</summary>
public sealed class ConfigurationAuditTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Signals:StageJumpThreshold"] = "0.2",
        ["Salesforce:ClientSecret"] = "hunter2",
        ["Digest:TimeZone"] = "Europe/Berlin",
        // Process environment the worker does not bind: not its configuration.
        ["HOSTNAME"] = "crm-signal-worker-7d9f",
    };

    private async Task StartAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var audit = new ConfigurationAudit(configuration, new AuditLogStore(_database.DataSource), TimeProvider.System, NullLogger<ConfigurationAudit>.Instance);
        await audit.StartAsync(CancellationToken.None);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in new AuditLogStore(_database.DataSource).ReadAllAsync(CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public async Task Starts_RecordTheFirstConfiguration_ThenOnlyWhatChanged()
    {
        await StartAsync(Settings());
        await Task.WhenAll(StartAsync(Settings()), StartAsync(Settings()));
        var changed = Settings();
        changed["Signals:StageJumpThreshold"] = "0.35";
        await StartAsync(changed);

        var entries = await EntriesAsync();

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(AuditKinds.ConfigurationChanged, e.Record.Kind));
        Assert.Contains("\"changed\":[\"Digest:TimeZone\",\"Salesforce:ClientSecret\",\"Signals:StageJumpThreshold\"]", entries[0].Record.Detail, StringComparison.Ordinal);
        Assert.Contains("\"changed\":[\"Signals:StageJumpThreshold\"]", entries[1].Record.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Record.Detail.Contains("hunter2", StringComparison.Ordinal) || e.Record.Detail.Contains("HOSTNAME", StringComparison.Ordinal));
        Assert.True(AuditChainVerifier.Verify(entries).Intact);
    }
}
