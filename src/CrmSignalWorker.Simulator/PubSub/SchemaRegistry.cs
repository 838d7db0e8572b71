using System.Globalization;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>Every schema version the org has served, by id, and the current one per entity. Thread-safe.</summary>
internal sealed class SchemaRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EntitySchema> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntitySchema> _byId = new(StringComparer.Ordinal);

    public SchemaRegistry()
    {
        foreach (var entity in EntityFields.Entities)
        {
            Register(new EntitySchema(entity, EntityFields.For(entity)));
        }
    }

    public EntitySchema Current(string entity)
    {
        var canonical = EntityFields.Canonical(entity);
        lock (_gate)
        {
            return _current[canonical];
        }
    }

    public bool TryGet(string schemaId, out EntitySchema schema)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(schemaId, out schema!);
        }
    }

    /// <summary>
    /// Simulates a metadata change (a new custom field): later events of the entity use a new schema id.
    /// The added fields are <c>SimAdded1__c</c>, <c>SimAdded2__c</c>, … (nullable strings, appended last).
    /// </summary>
    public EntitySchema AddField(string entity)
    {
        var canonical = EntityFields.Canonical(entity);
        lock (_gate)
        {
            var current = _current[canonical];
            var added = current.Fields.Count - EntityFields.For(canonical).Count + 1;
            var next = current.WithAddedField(new EventField(string.Create(CultureInfo.InvariantCulture, $"SimAdded{added}__c"), FieldKind.String));
            Register(next);
            return next;
        }
    }

    // Callers hold _gate (or run in the constructor).
    private void Register(EntitySchema schema)
    {
        _current[schema.Entity] = schema;
        _byId[schema.SchemaId] = schema;
    }
}
