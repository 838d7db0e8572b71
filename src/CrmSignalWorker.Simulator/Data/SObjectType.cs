namespace CrmSignalWorker.Simulator.Data;

/// <param name="Filterable">False for anyType fields such as OldValue, which Salesforce refuses in WHERE.</param>
internal sealed record SObjectField(string Name, FieldType Type, bool Filterable = true, bool Sortable = true);

/// <summary>A lookup followed in a field path, e.g. <c>Profile</c> through <c>ProfileId</c> on User.</summary>
internal sealed record SObjectRelationship(string Name, string ForeignKey, string TargetType);

/// <summary>Describe-like metadata for one object; name lookups ignore case as SOQL does.</summary>
internal sealed class SObjectType
{
    private readonly Dictionary<string, SObjectField> _fields;
    private readonly Dictionary<string, SObjectRelationship> _relationships;

    public SObjectType(string name, IReadOnlyList<SObjectField> fields, IReadOnlyList<SObjectRelationship> relationships)
    {
        Name = name;
        Fields = fields;
        _fields = fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _relationships = relationships.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }

    public IReadOnlyList<SObjectField> Fields { get; }

    public SObjectField? FindField(string name) => _fields.GetValueOrDefault(name);

    public SObjectRelationship? FindRelationship(string name) => _relationships.GetValueOrDefault(name);
}
