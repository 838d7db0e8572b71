using System.Text.Json;
using System.Text.Json.Serialization;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.PubSub;

namespace CrmSignalWorker.Sources;

/// <summary>
/// A Pub/Sub event kept whole in quarantine: the raw Avro bytes with the ids needed to decode it again (schema id)
/// and to know where it sat in its stream (replay id). Stored as JSON in the quarantine's payload column.
/// </summary>
public sealed record QuarantinedEvent(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("eventId")] string EventId,
    [property: JsonPropertyName("schemaId")] string SchemaId,
    [property: JsonPropertyName("replayId")] byte[] ReplayId,
    [property: JsonPropertyName("payload")] byte[] Payload)
{
    public const string Source = "pubsub";

    public static QuarantinedPayload From(ReceivedEvent received, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(received);
        var quarantined = new QuarantinedEvent(received.Topic, received.EventId, received.SchemaId, received.ReplayId, received.Payload.ToArray());
        return new QuarantinedPayload(Source, SourceKeyOf(received.Topic, received.ReplayId), reason, JsonSerializer.Serialize(quarantined), now);
    }

    /// <exception cref="FormatException">The stored payload is not a quarantined Pub/Sub event.</exception>
    public static QuarantinedEvent Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<QuarantinedEvent>(payload)
                ?? throw new FormatException("The quarantined payload is empty.");
        }
        catch (JsonException ex)
        {
            throw new FormatException("The quarantined payload is not a stored Pub/Sub event: " + ex.Message, ex);
        }
    }

    public static string SourceKeyOf(string topic, byte[] replayId) => $"{topic}:{Convert.ToHexStringLower(replayId)}";
}
