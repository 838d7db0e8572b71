namespace CrmSignalWorker.Simulator.Data;

/// <summary>The queryable objects of the org. Immutable after construction, so request threads share it freely.</summary>
internal sealed class OrgDatabase
{
    private readonly Dictionary<string, SObjectTable> _tables;

    public OrgDatabase(IEnumerable<SObjectTable> tables) =>
        _tables = tables.ToDictionary(t => t.Type.Name, StringComparer.OrdinalIgnoreCase);

    public SObjectTable? FindTable(string objectName) => _tables.GetValueOrDefault(objectName);

    /// <summary>Follows a lookup; null when the key is null or points at nothing.</summary>
    public SObjectRecord? Follow(SObjectRecord record, SObjectRelationship relationship) =>
        record[relationship.ForeignKey] is string id ? _tables[relationship.TargetType].Find(id) : null;
}

internal sealed class SObjectTable
{
    private readonly Dictionary<string, SObjectRecord> _byId;

    public SObjectTable(SObjectType type, IReadOnlyList<SObjectRecord> rows)
    {
        Type = type;
        Rows = rows;
        _byId = rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public SObjectType Type { get; }

    public IReadOnlyList<SObjectRecord> Rows { get; }

    public SObjectRecord? Find(string id) => _byId.GetValueOrDefault(id);
}
