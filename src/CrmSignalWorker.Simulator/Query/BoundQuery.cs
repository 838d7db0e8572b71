using CrmSignalWorker.Simulator.Data;

namespace CrmSignalWorker.Simulator.Query;

/// <summary>A query checked against the schema, ready to run against <see cref="OrgDatabase"/>.</summary>
internal sealed record BoundQuery(
    SObjectTable Table,
    Selection Selection,
    Func<SObjectRecord, bool> Filter,
    IReadOnlyList<BoundOrdering> OrderBy,
    int? Limit);

/// <summary>A field reached from the queried object through zero or more lookups.</summary>
internal sealed record BoundField(IReadOnlyList<SObjectRelationship> Path, SObjectField Field)
{
    public object? Read(OrgDatabase database, SObjectRecord record)
    {
        SObjectRecord? current = record;
        foreach (var relationship in Path)
        {
            current = database.Follow(current, relationship);
            if (current is null)
            {
                return null;
            }
        }

        return current[Field.Name];
    }
}

internal sealed record BoundOrdering(BoundField Field, bool Descending, bool NullsFirst);

/// <summary>
/// The SELECT list as a tree: fields of the record, then one nested node per lookup in first-mention order,
/// which is how Salesforce nests <c>Profile.Name</c> as <c>"Profile":{"attributes":…,"Name":…}</c>.
/// </summary>
internal sealed class Selection
{
    private readonly List<SelectionMember> _members = [];

    public Selection(SObjectType type) => Type = type;

    public SObjectType Type { get; }

    public IReadOnlyList<SelectionMember> Members => _members;

    public void Add(BoundField field, int depth = 0)
    {
        if (depth == field.Path.Count)
        {
            _members.Add(new SelectionMember(field.Field.Name, field.Field, null, null));
            return;
        }

        var relationship = field.Path[depth];
        var existing = _members.FindIndex(m => m.Relationship == relationship);
        Selection child;
        if (existing < 0)
        {
            child = new Selection(OrgSchemaLookup.TypeOf(relationship));
            _members.Add(new SelectionMember(relationship.Name, null, relationship, child));
        }
        else
        {
            child = _members[existing].Child!;
        }

        child.Add(field, depth + 1);
    }
}

/// <summary>Either a field (<see cref="Field"/> set) or a lookup with its own nested selection.</summary>
internal sealed record SelectionMember(string Name, SObjectField? Field, SObjectRelationship? Relationship, Selection? Child);
