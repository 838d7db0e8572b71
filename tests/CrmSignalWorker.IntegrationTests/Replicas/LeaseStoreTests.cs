using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Leases;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSignalWorker.IntegrationTests.Replicas;

/// <summary>One holder per lease, taken over only once expired, and a fenced write that cannot commit after a takeover.</summary>
public sealed class LeaseStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(600);
    private readonly PostgresDatabase _database = new();
    private LeaseStore _leases = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _leases = new LeaseStore(_database.DataSource);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private async Task WaitUntilExpiredAsync(string name)
    {
        // Expiry is judged by the database clock; wait for it rather than for a fixed time.
        for (var i = 0; i < 100 && await _leases.HolderAsync(name, CancellationToken.None) is not null; i++)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Lease_IsHeldByOneReplica_RenewedByItsHolder_AndTakenOverOnlyOnceExpired()
    {
        Assert.True(await _leases.TryAcquireAsync("stream:x", "a", ShortLease, CancellationToken.None));
        Assert.False(await _leases.TryAcquireAsync("stream:x", "b", ShortLease, CancellationToken.None));
        Assert.True(await _leases.TryAcquireAsync("stream:x", "a", ShortLease, CancellationToken.None));
        Assert.Equal("a", await _leases.HolderAsync("stream:x", CancellationToken.None));

        await WaitUntilExpiredAsync("stream:x");

        Assert.True(await _leases.TryAcquireAsync("stream:x", "b", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await _leases.TryAcquireAsync("stream:x", "a", ShortLease, CancellationToken.None));
        Assert.Equal("b", await _leases.HolderAsync("stream:x", CancellationToken.None));
    }

    [Fact]
    public async Task Release_HandsTheLeaseOverAtOnce_ButOnlyByItsHolder()
    {
        await _leases.TryAcquireAsync("scheduler", "a", TimeSpan.FromMinutes(1), CancellationToken.None);
        await _leases.ReleaseAsync("scheduler", "b", CancellationToken.None);
        Assert.False(await _leases.TryAcquireAsync("scheduler", "b", TimeSpan.FromMinutes(1), CancellationToken.None));

        await _leases.ReleaseAsync("scheduler", "a", CancellationToken.None);
        Assert.True(await _leases.TryAcquireAsync("scheduler", "b", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task FencedIngest_AfterAnotherReplicaTookTheLease_WritesNothing()
    {
        var store = new ChangeStore(_database.DataSource, TimeProvider.System, NullLogger<ChangeStore>.Instance);
        var change = new FieldChange("cdc:01:006000000000001AAA:StageName", ChangeSource.Cdc, "Opportunity", "006000000000001AAA", "StageName",
            null, "Proposal", DateTimeOffset.UnixEpoch, "005000000000001AAA", ActorKind.Human, "AE", Channel.Ui, null, "tx", "EMEA");
        var batch = new IngestBatch([change], [], [], []);
        await _leases.TryAcquireAsync("stream:x", "a", ShortLease, CancellationToken.None);
        await store.IngestAsync(batch, new Checkpoint("cdc:x", null, [1]), CancellationToken.None, new LeaseFence("stream:x", "a"));
        Assert.Equal(1, await _database.CountAsync("field_change"));

        await WaitUntilExpiredAsync("stream:x");
        await _leases.TryAcquireAsync("stream:x", "b", TimeSpan.FromMinutes(1), CancellationToken.None);
        var late = batch with { FieldChanges = [change with { SourceKey = "cdc:02:006000000000001AAA:StageName", NewValue = "Negotiation" }] };

        await Assert.ThrowsAsync<LeaseLostException>(() =>
            store.IngestAsync(late, new Checkpoint("cdc:x", null, [2]), CancellationToken.None, new LeaseFence("stream:x", "a")));
        Assert.Equal(1, await _database.CountAsync("field_change"));
        Assert.Equal(1, await _database.CountAsync("checkpoint", "stream = 'cdc:x' AND replay_id = '\\x01'::bytea"));
    }
}
