using CrmSignalWorker.Core.AuditLog;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.AuditLog;
using CrmSignalWorker.Storage.Outbox;
using Npgsql;

namespace CrmSignalWorker.IntegrationTests.Cli;

/// <summary>
/// The hash-chained audit log as an auditor uses it: flag changes and sent messages are recorded as they happen,
/// `crmsignal audit verify` finds any altered or deleted row by position, and an export verifies without the database.
/// </summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("crmsignal-audit-").FullName;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await _database.DisposeAsync();
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["Postgres__ConnectionString"] = _database.ConnectionString,
        ["Redis__Configuration"] = TestEnvironment.RedisConfiguration,
    };

    private async Task RecordActsAsync()
    {
        var pause = await CliProcess.RunAsync(Environment(), "flags", "pause", "Lead_Router", "--reason", "mass misrouting of EMEA leads", "--by", "ana.ops");
        Assert.Equal(0, pause.ExitCode);
        var outbox = new OutboxStore(_database.DataSource, TimeProvider.System);
        await outbox.EnqueueAsync(new OutboxItem("digest:2026-11-22:AE", "slack", "https://hooks.slack.example/services/T0/B0/secret", "{}"), CancellationToken.None);
        Assert.True(await outbox.ProcessNextAsync(DateTimeOffset.UtcNow.AddMinutes(1), _ => Task.FromResult(OutboxOutcome.Sent), CancellationToken.None));
        var resume = await CliProcess.RunAsync(Environment(), "flags", "resume", "Lead_Router", "--reason", "router rule fixed", "--by", "ben.ops");
        Assert.Equal(0, resume.ExitCode);
    }

    /// <summary>What someone with the table owner's rights does to hide an act: the trigger is no obstacle to them.</summary>
    private async Task TamperAsync(string sql) =>
        await _database.ExecuteAsync($"ALTER TABLE audit_log DISABLE TRIGGER USER; {sql}; ALTER TABLE audit_log ENABLE TRIGGER USER");

    [Fact]
    public async Task Acts_AreRecordedInOrder_AndTheChainVerifies()
    {
        await RecordActsAsync();

        var entries = await ReadAllAsync();
        var verify = await CliProcess.RunAsync(Environment(), "audit", "verify");

        Assert.Equal([AuditKinds.FlagPaused, AuditKinds.MessageSent, AuditKinds.FlagResumed], entries.Select(e => e.Record.Kind));
        Assert.Equal(["ana.ops", "worker", "ben.ops"], entries.Select(e => e.Record.Actor));
        Assert.Equal("mass misrouting of EMEA leads", entries[0].Record.Detail);
        Assert.Equal("digest:2026-11-22:AE", entries[1].Record.Subject);
        Assert.DoesNotContain(entries, e => e.Record.Detail.Contains("hooks.slack", StringComparison.Ordinal));
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains($"audit chain intact: 3 entries, head {entries[^1].Hash}", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlteringOrDeletingARow_ThroughTheWorkersConnection_IsRefused()
    {
        await RecordActsAsync();

        var update = await Assert.ThrowsAsync<PostgresException>(() => _database.ExecuteAsync("UPDATE audit_log SET detail = 'nothing happened' WHERE position = 1"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => _database.ExecuteAsync("DELETE FROM audit_log WHERE position = 2"));
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => _database.ExecuteAsync("TRUNCATE audit_log"));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", truncate.MessageText, StringComparison.Ordinal);
        Assert.Equal(3, await _database.CountAsync("audit_log"));
    }

    [Fact]
    public async Task Verify_AfterARowWasAltered_FailsNamingItsPosition()
    {
        await RecordActsAsync();
        await TamperAsync("UPDATE audit_log SET detail = 'routine check' WHERE position = 1");

        var verify = await CliProcess.RunAsync(Environment(), "audit", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("audit chain BROKEN at position 1: entry 1 was altered", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterARowWasDeleted_FailsNamingTheMissingPosition()
    {
        await RecordActsAsync();
        await TamperAsync("DELETE FROM audit_log WHERE position = 2");

        var verify = await CliProcess.RunAsync(Environment(), "audit", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("audit chain BROKEN at position 2: entry 2 is missing", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_VerifiesOfflineWithoutTheDatabase_AndAnEditedCopyFails()
    {
        await RecordActsAsync();
        var file = Path.Combine(_directory, "audit.jsonl");

        var export = await CliProcess.RunAsync(Environment(), "audit", "export", "--out", file);
        var head = (await ReadAllAsync())[^1].Hash;
        // No database at all: a closed port, so any attempt to reach it would fail the command.
        var offline = new Dictionary<string, string?> { ["Postgres__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=none;Timeout=1" };
        var verified = await CliProcess.RunAsync(offline, "audit", "verify", "--file", file, "--head", head);
        var edited = Path.Combine(_directory, "edited.jsonl");
        await File.WriteAllTextAsync(edited, (await File.ReadAllTextAsync(file)).Replace("router rule fixed", "router left as is", StringComparison.Ordinal));
        var tampered = await CliProcess.RunAsync(offline, "audit", "verify", "--file", edited);
        var cut = Path.Combine(_directory, "cut.jsonl");
        await File.WriteAllLinesAsync(cut, (await File.ReadAllLinesAsync(file)).SkipLast(1));
        var truncated = await CliProcess.RunAsync(offline, "audit", "verify", "--file", cut);

        Assert.Equal(0, export.ExitCode);
        Assert.Contains($"exported 3 entries to {file}, head {head}", export.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains($"audit chain intact: 3 entries, head {head}", verified.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("BROKEN at position 3: entry 3 was altered", tampered.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, truncated.ExitCode);
        Assert.Contains("no closing line", truncated.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AgainstAHeadRecordedBeforeRowsWereCutFromTheEnd_Fails()
    {
        await RecordActsAsync();
        var head = (await ReadAllAsync())[^1].Hash;
        await TamperAsync("DELETE FROM audit_log WHERE position = 3");

        var plain = await CliProcess.RunAsync(Environment(), "audit", "verify");
        var againstHead = await CliProcess.RunAsync(Environment(), "audit", "verify", "--head", head);

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(1, againstHead.ExitCode);
        Assert.Contains("without reaching the expected head", againstHead.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appends_FromSeveralWritersAtOnce_FormOneUnbrokenChain()
    {
        var store = new AuditLogStore(_database.DataSource);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            store.AppendAsync(new AuditRecord(AuditKinds.MessageSent, "worker", $"alert:{i}", "sent by slack", DateTimeOffset.UtcNow), CancellationToken.None))));

        var result = AuditChainVerifier.Verify(await ReadAllAsync());
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(40, result.Entries);
    }

    private async Task<List<AuditEntry>> ReadAllAsync()
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in new AuditLogStore(_database.DataSource).ReadAllAsync(CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
