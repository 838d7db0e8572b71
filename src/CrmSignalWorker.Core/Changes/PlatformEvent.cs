namespace CrmSignalWorker.Core.Changes;

/// <summary>One decoded platform event (a <c>/event/…__e</c> channel), such as the workflow events Flows publish.</summary>
/// <param name="Fields">Every field of the event by API name, as invariant text (see <see cref="ChangeEvent.Fields"/>).</param>
public sealed record PlatformEvent(
    string EventId,
    byte[] ReplayId,
    string SchemaId,
    string Topic,
    DateTimeOffset CreatedDate,
    string CreatedById,
    IReadOnlyDictionary<string, string?> Fields)
{
    public string? this[string field] => Fields.TryGetValue(field, out var value) ? value : null;
}
