using System.Threading.Channels;
using CrmSignalWorker.Flags;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Flags;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CrmSignalWorker.IntegrationTests.Flags;

/// <summary>Stop-the-line flags through the real graph: Postgres first, then a real Redis key and pub/sub message.</summary>
public sealed class FlagServiceTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly string _prefix = "crmsignal-test-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.RedisConfiguration);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _database.DisposeAsync();
    }

    private IHost CreateHost(string redisConfiguration)
    {
        var builder = CrmSignalWorker.Cli.WorkerCli.CreateBuilder(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = _database.ConnectionString,
            ["Redis:Configuration"] = redisConfiguration,
            ["Redis:KeyPrefix"] = _prefix,
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero))));
        return builder.Build();
    }

    [Fact]
    public async Task PauseAsync_StoresWhoWhenWhy_AndMirrorsToRedisWithAMessage()
    {
        using var host = CreateHost(TestEnvironment.RedisConfiguration);
        var messages = Channel.CreateUnbounded<string>();
        await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(_prefix + "flags"), (_, message) => messages.Writer.TryWrite(message!));

        var result = await host.Services.GetRequiredService<FlagService>()
            .PauseAsync("Lead_Routing_Flow", "mass misrouting of EMEA leads", "oncall.alex", CancellationToken.None);

        Assert.True(result.MirroredToRedis);
        var stored = await host.Services.GetRequiredService<FlagStore>().GetAsync("Lead_Routing_Flow", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.True(stored.Paused);
        Assert.Equal("oncall.alex", stored.ChangedBy);
        Assert.Equal("mass misrouting of EMEA leads", stored.Reason);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), stored.ChangedAt);

        var key = await _redis.GetDatabase().StringGetAsync(_prefix + "flag:Lead_Routing_Flow");
        var mirrored = RedisFlagMirror.Deserialize(key!);
        Assert.Equal(stored, mirrored);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var message = await messages.Reader.ReadAsync(timeout.Token);
        Assert.Equal(stored, RedisFlagMirror.Deserialize(message));
    }

    [Fact]
    public async Task ResumeAsync_AfterPause_KeepsBothChangesInTheHistory()
    {
        using var host = CreateHost(TestEnvironment.RedisConfiguration);
        var flags = host.Services.GetRequiredService<FlagService>();

        await flags.PauseAsync("Marketo_Sync", "stage corruption", "oncall.alex", CancellationToken.None);
        await flags.ResumeAsync("Marketo_Sync", "vendor fixed the mapping", "oncall.sam", CancellationToken.None);

        var history = await host.Services.GetRequiredService<FlagStore>().HistoryAsync("Marketo_Sync", CancellationToken.None);
        Assert.Equal([true, false], history.Select(h => h.Paused));
        Assert.Equal(["oncall.alex", "oncall.sam"], history.Select(h => h.ChangedBy));
        var listed = Assert.Single(await flags.ListAsync(CancellationToken.None));
        Assert.False(listed.Paused);
        var key = await _redis.GetDatabase().StringGetAsync(_prefix + "flag:Marketo_Sync");
        Assert.False(RedisFlagMirror.Deserialize(key!)!.Paused);
    }

    [Theory]
    [InlineData("", "why", "who", "automation name is required")]
    [InlineData("bad name!", "why", "who", "may hold only")]
    [InlineData("Flow_A", " ", "who", "reason is required")]
    [InlineData("Flow_A", "why", "", "person making the change")]
    public async Task PauseAsync_WithMissingOrBadInput_ChangesNothingAndSaysWhat(string automation, string reason, string by, string expected)
    {
        using var host = CreateHost(TestEnvironment.RedisConfiguration);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Services.GetRequiredService<FlagService>().PauseAsync(automation, reason, by, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _database.CountAsync("stop_flag_change"));
    }

    [Fact]
    public async Task PauseAsync_WhenRedisIsDown_StoresTheFlagAndTheReconcilerMirrorsItLater()
    {
        // Port 1 on loopback is closed: every Redis call fails at once.
        using (var offline = CreateHost("127.0.0.1:1,connectTimeout=200,syncTimeout=500,asyncTimeout=500"))
        {
            var result = await offline.Services.GetRequiredService<FlagService>()
                .PauseAsync("Owner_Assignment_Rule", "ping-pong between queues", "oncall.alex", CancellationToken.None);
            Assert.False(result.MirroredToRedis);
            Assert.True((await offline.Services.GetRequiredService<FlagStore>().GetAsync("Owner_Assignment_Rule", CancellationToken.None))!.Paused);
        }

        Assert.False(await _redis.GetDatabase().KeyExistsAsync(_prefix + "flag:Owner_Assignment_Rule"));
        using var online = CreateHost(TestEnvironment.RedisConfiguration);
        await online.Services.GetRequiredService<FlagReconciler>().RunOnceAsync(CancellationToken.None);

        var key = await _redis.GetDatabase().StringGetAsync(_prefix + "flag:Owner_Assignment_Rule");
        Assert.True(RedisFlagMirror.Deserialize(key!)!.Paused);
    }
}
