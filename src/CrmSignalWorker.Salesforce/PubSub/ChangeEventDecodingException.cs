namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// An event could not be decoded with its schema. The stream stops at this event: the caller quarantines it
/// (by <see cref="EventId"/> and <see cref="ReplayId"/>) and resumes after its replay id. The message never
/// holds payload values.
/// </summary>
public sealed class ChangeEventDecodingException : Exception
{
    public ChangeEventDecodingException(string topic, string eventId, string schemaId, byte[] replayId, string reason, Exception? innerException = null)
        : base($"Could not decode event {eventId} (replay id {PubSub.ReplayId.Format(replayId)}) on {topic} with schema {schemaId}: {reason}", innerException)
    {
        Topic = topic;
        EventId = eventId;
        SchemaId = schemaId;
        ReplayId = replayId;
        Reason = reason;
    }

    public ChangeEventDecodingException()
        : this("", "", "", [], "unknown")
    {
    }

    public ChangeEventDecodingException(string message)
        : base(message)
    {
        Topic = EventId = SchemaId = "";
        Reason = message;
        ReplayId = [];
    }

    public ChangeEventDecodingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Topic = EventId = SchemaId = "";
        Reason = message;
        ReplayId = [];
    }

    public string Topic { get; }

    public string EventId { get; }

    public string SchemaId { get; }

    /// <summary>What was wrong, without payload values.</summary>
    public string Reason { get; }

    /// <summary>The undecodable event's replay id: resume after it once the event is quarantined.</summary>
    public byte[] ReplayId { get; }
}
