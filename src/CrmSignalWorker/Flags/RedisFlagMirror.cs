using System.Text.Json;
using CrmSignalWorker.Core.Flags;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CrmSignalWorker.Flags;

/// <summary>
/// Tells automations outside Salesforce about stop-the-line flags: the state at <c>{prefix}flag:{automation}</c>
/// (JSON; a resumed flag stays with paused=false so readers see an explicit state) and a message on
/// <c>{prefix}flags</c> whenever it changes.
/// </summary>
public sealed class RedisFlagMirror(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public RedisKey KeyOf(string automation) => options.Value.KeyPrefix + "flag:" + automation;

    public RedisChannel ChangesChannel => RedisChannel.Literal(options.Value.KeyPrefix + "flags");

    /// <summary>Writes the flag and announces it, unless Redis already holds exactly this state.</summary>
    /// <returns>True when Redis changed.</returns>
    public async Task<bool> MirrorAsync(StopFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var payload = Serialize(flag);
        var db = redis.GetDatabase();
        var previous = await db.StringSetAndGetAsync(KeyOf(flag.Automation), payload);
        if (previous == payload)
        {
            return false;
        }

        await redis.GetSubscriber().PublishAsync(ChangesChannel, payload);
        return true;
    }

    public static string Serialize(StopFlag flag) => JsonSerializer.Serialize(
        new FlagMessage(flag.Automation, flag.Paused, flag.Reason, flag.ChangedBy, flag.ChangedAt), Json);

    public static StopFlag? Deserialize(string json) =>
        JsonSerializer.Deserialize<FlagMessage>(json, Json) is { } m ? new StopFlag(m.Automation, m.Paused, m.Reason, m.ChangedBy, m.ChangedAt) : null;

    private sealed record FlagMessage(string Automation, bool Paused, string Reason, string ChangedBy, DateTimeOffset ChangedAt);
}
