namespace CrmSignalWorker.Simulator.Data;

/// <summary>
/// One stored row. Values are keyed by canonical field name and hold string, decimal, bool, DateOnly,
/// DateTimeOffset or null; the JSON writer renders each by its runtime type.
/// </summary>
internal sealed record SObjectRecord(string Id, bool IsDeleted, IReadOnlyDictionary<string, object?> Values)
{
    public object? this[string field] => Values.GetValueOrDefault(field);
}
